"""Read content files: bytes → text → YAML data with the line of every key.

PyYAML's constructors lose positions and silently coerce (`0101` → 65,
`no` → False, duplicate keys overwrite), so we compose nodes with the C
parser and build plain JSON-like data ourselves, remembering marks and the
original text of every scalar YAML did not read as a string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from disclosure.diagnostics import Diagnostic

Path_ = tuple  # a key path: ("review", "date") or ("materials", 0, "name")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_constructor = yaml.SafeLoader("")  # only its scalar constructors are used


@dataclass(slots=True)
class Located:
    """Data read from one file, with where each part of it stands."""

    path: str  # repository-relative, POSIX
    data: object = None
    line_offset: int = 0  # lines before the YAML text (front matter's `---`)
    marks: dict = field(default_factory=dict)  # key path → (line, column), 1-based
    plain: dict = field(default_factory=dict)  # key path → (tag, source text) of non-string scalars
    reported: set = field(default_factory=set)  # key paths already diagnosed while reading
    body: str = ""  # Markdown after the front matter
    body_line: int = 1  # file line where the body starts
    # Findings that depend on this file alone, kept by rules for the next run over the same
    # content (`mkdocs serve` reuses unchanged files' Located objects).
    memo: dict = field(default_factory=dict)

    def position(self, key_path: Path_) -> tuple[int, int]:
        """The line and column of a key, or of its nearest present ancestor."""
        key_path = tuple(key_path)
        while key_path not in self.marks and key_path:
            key_path = key_path[:-1]
        return self.marks.get(key_path, (1, 1))

    def diagnostic(self, key_path: Path_, code: str, message: str, **extra) -> Diagnostic:
        line, column = self.position(key_path)
        return Diagnostic(self.path, line, column, code, message, field=dotted(key_path), **extra)


def dotted(key_path: Path_) -> str:
    parts: list[str] = []
    for part in key_path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # editors count from 1
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def read_bytes(path: Path, rel: str, problems: list[Diagnostic]) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(Diagnostic(rel, 0, 1, "D001", f"无法读取文件：{error.strerror}", hint="检查文件是否存在、是否有读取权限"))
        return None


def decode(raw: bytes, rel: str, problems: list[Diagnostic]) -> str | None:
    """UTF-8 text with any BOM removed and newlines normalised, or None."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = "请用 UTF-8 编码另存此文件"
        try:
            raw.decode("gb18030")
            hint = "文件看起来是 GBK/GB18030 编码，" + hint + "（如记事本“另存为”时选择 UTF-8）"
        except UnicodeDecodeError:
            pass
        problems.append(Diagnostic(rel, line, 1, "D001", "文件不是 UTF-8 编码", hint=hint))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, rel: str, problems: list[Diagnostic]) -> str | None:
    raw = read_bytes(path, rel, problems)
    return None if raw is None else decode(raw, rel, problems)


def load_yaml(text: str, located: Located, problems: list[Diagnostic]) -> bool:
    """Parse `text` into `located.data`; False when it is not YAML at all."""
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + located.line_offset
        column = mark.column + 1 if mark else 1
        problems.append(
            Diagnostic(
                located.path, line, column, "D002",
                f"YAML 格式错误：{error.problem or error.context}",
                hint="检查此行的缩进、冒号后的空格和引号是否成对；不要使用制表符（Tab）缩进",
            )
        )
        return False
    except yaml.YAMLError as error:  # e.g. a control character in the stream
        problems.append(Diagnostic(located.path, 1 + located.line_offset, 1, "D002", f"YAML 格式错误：{error}", hint="删除文件中的特殊控制字符"))
        return False
    finally:
        loader.dispose()
    if node is not None:
        located.marks[()] = _mark(node, located)  # a missing top-level field points here
    located.data = None if node is None else _build(node, (), located, problems)
    return True


def _mark(node, located: Located) -> tuple[int, int]:
    return (node.start_mark.line + 1 + located.line_offset, node.start_mark.column + 1)


def _build(node, key_path: Path_, located: Located, problems: list[Diagnostic]):
    # Runs for every node of every file: marks are computed inline and text
    # scalars, the common case, are taken without a call.
    marks, offset = located.marks, located.line_offset + 1
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = key_path + (key,)
            if key in result:
                line, column = _mark(key_node, located)
                first_line = marks[child][0]
                problems.append(
                    Diagnostic(
                        located.path, line, column, "D003",
                        f"字段“{key}”重复出现（第 {first_line} 行已有）",
                        field=dotted(child),
                        hint="同一层级每个字段只能写一次，请删除或合并重复的一行",
                    )
                )
                continue
            mark = key_node.start_mark
            marks[child] = (mark.line + offset, mark.column + 1)
            if value_node.__class__ is yaml.ScalarNode and (value_node.tag == _STR or value_node.style):
                result[key] = value_node.value
            else:
                result[key] = _build(value_node, child, located, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = key_path + (index,)
            mark = item.start_mark
            marks[child] = (mark.line + offset, mark.column + 1)
            if item.__class__ is yaml.ScalarNode and (item.tag == _STR or item.style):
                items.append(item.value)
            else:
                items.append(_build(item, child, located, problems))
        return items
    return _scalar(node, key_path, located, problems)


def _scalar(node, key_path: Path_, located: Located, problems: list[Diagnostic]):
    tag = node.tag
    if tag == _STR or node.style:  # quoted scalars are always text
        return node.value
    located.plain[key_path] = (tag, node.value)
    try:
        if tag == _TIMESTAMP:
            value = _constructor.construct_yaml_timestamp(node)
            return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        if tag == _INT:
            return _constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(node)
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == _NULL:
            return None
    except ValueError:
        located.reported.add(key_path)
        line, column = _mark(node, located)
        problems.append(
            Diagnostic(
                located.path, line, column, "D109",
                f"日期“{node.value}”不存在",
                field=dotted(key_path),
                hint="检查年、月、日是否写对（如 2 月没有 30 日），格式为 YYYY-MM-DD",
            )
        )
        return node.value
    return node.value  # an unknown explicit tag: keep the text


def load_yaml_file(root: Path, rel: str, problems: list[Diagnostic]) -> Located | None:
    text = read_text(root / rel, rel, problems)
    return None if text is None else parse_yaml(text, rel, problems)


def parse_yaml(text: str, rel: str, problems: list[Diagnostic]) -> Located | None:
    located = Located(rel)
    return located if load_yaml(text, located, problems) else None


# `\s*` in the library's default boundary would swallow blank lines and shift line numbers.
_front_matter = YAMLHandler(fm_boundary=re.compile(r"^-{3,}[ \t]*$", re.MULTILINE))


def load_markdown_file(root: Path, rel: str, problems: list[Diagnostic]) -> Located | None:
    text = read_text(root / rel, rel, problems)
    return None if text is None else parse_markdown(text, rel, problems)


def parse_markdown(text: str, rel: str, problems: list[Diagnostic]) -> Located | None:
    """A Markdown file with YAML front matter between `---` lines."""
    located = Located(rel)
    if not _front_matter.detect(text):
        problems.append(
            Diagnostic(
                rel, 1, 1, "D004", "缺少文件头（front matter）",
                hint="文件第一行写 ---，接着逐行填写各字段，再写一行 --- 结束，正文写在其后",
            )
        )
        return None
    try:
        before, front, body = _front_matter.FM_BOUNDARY.split(text, 2)
    except ValueError:
        problems.append(Diagnostic(rel, 1, 1, "D004", "文件头没有结束", hint="在字段之后单独写一行 --- 作为文件头的结束"))
        return None
    located.line_offset = before.count("\n")
    located.body = body.lstrip("\n")
    located.body_line = located.line_offset + front.count("\n") + 1 + (len(body) - len(located.body))
    if not load_yaml(front, located, problems):
        return None
    return located
