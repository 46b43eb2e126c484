"""Read content files: bytes → text → YAML data with the line of every key.

PyYAML's constructors lose positions and silently coerce (`0101` → 65,
`no` → False, duplicate keys overwrite), so we compose nodes with the C
parser and build plain JSON-like data ourselves, remembering marks and the
original text of every scalar YAML did not read as a string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from disclosure import slips
from disclosure.diagnostics import Diagnostic

Path_ = tuple  # a key path: ("review", "date") or ("materials", 0, "name")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_constructor = yaml.SafeLoader("")  # only its scalar constructors are used
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Aliases may repeat a node many times ("billion laughs"); real content never comes close.
MAX_NODES = 100_000
# …or a long text many times: the characters of the data as built, aliases expanded.
MAX_EXPANDED = 2_000_000
# A content file (YAML, Markdown) is text an editor writes; the longest real one is a few hundred KB.
MAX_FILE_SIZE = 1024 * 1024
MAX_DEPTH = 64
# libyaml composes 10,000 nested levels (measured; 30,000 overflow the C stack) and each level takes
# at least one character (`[`), so shorter texts need no separate parse to measure their depth.
_SHORTEST_CRASH = 10_000


def unlabelled(key_path: tuple) -> str:
    """The labels of a file read without a schema."""
    return ""


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
    last_line: int = 1  # the file's last line: no diagnostic points beyond it
    # key path → 中文标签, from the file's schema; a named callable, as cached Located objects are pickled
    labels: Callable[[tuple], str] = unlabelled
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
        extra.setdefault("label", self.labels(tuple(key_path)))
        return Diagnostic(self.path, line, column, code, message, field=dotted(key_path), **extra)


def text_values(value, key_path: Path_ = ()):
    """Every text value of a YAML structure with its key path, in document order."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from text_values(child, key_path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from text_values(child, key_path + (index,))
    elif isinstance(value, str):
        yield key_path, value


def dotted(key_path: Path_) -> str:
    parts: list[str] = []
    for part in key_path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # editors count from 1
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def read_bytes(path: str | Path, rel: str, problems: list[Diagnostic]) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_FILE_SIZE + 1)  # never more: the cost of every later step grows with it
    except OSError as error:
        problems.append(Diagnostic(rel, 0, 1, "D001", f"无法读取文件：{error.strerror}", hint="检查文件是否存在、是否有读取权限"))
        return None
    if len(raw) > MAX_FILE_SIZE:
        problems.append(
            Diagnostic(
                rel, 0, 1, "D605", f"文件超过内容文件 {MAX_FILE_SIZE // 1024 // 1024} MB 的上限",
                hint="正文只写文字；长篇材料、表格和图片作为附件放在 attachments/ 下，在 attachments 字段列出",
            )
        )
        return None
    return raw


# Office and PDF files renamed to .md or .yml: what they are, by their first bytes.
_NOT_TEXT = (
    (b"PK\x03\x04", "Word（.docx）、WPS 或 Excel 文件"),
    (b"\xd0\xcf\x11\xe0", "Word 97-2003（.doc）、WPS 或 Excel 文件"),
    (b"%PDF", "PDF 文件"),
    (b"{\\rtf", "RTF（写字板）文件"),
    (b"%OFD", "OFD 文件"),
)


def decode(raw: bytes, rel: str, problems: list[Diagnostic]) -> str | None:
    """UTF-8 text with any BOM removed and newlines normalised, or None."""
    what = next((name for magic, name in _NOT_TEXT if raw.startswith(magic)), None)
    if what:
        problems.append(
            Diagnostic(
                rel, 0, 1, "D012", f"这是一个{what}，只是扩展名改成了“{rel.rsplit('.', 1)[-1]}”，不是可以读取的文本文件",
                hint="用 disclosure new 新建内容文件，把正文复制进去；原文件如需公开，作为附件放在 attachments/<年份>/ 并在 attachments 中列出",
            )
        )
        return None
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


def line_count(text: str) -> int:
    """Lines in a text as an editor numbers them (an empty file has line 1)."""
    return max(1, text.count("\n") + (not text.endswith("\n")))


class _TooComplex(Exception):
    """Nesting or aliases beyond anything real content needs."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line  # 0-based line in the YAML text


# A block collection nested in another starts further right, but for a sequence that is a mapping's
# value, which may start where its key does: two levels take at least one column. A block collection
# starts at a line's indentation or after the compact indicators (`- `, `? `, `: `) that follow it.
# So a text with few flow brackets and no line starting with _BLOCK_COLUMNS of those characters is
# shallower than MAX_DEPTH, and the event-by-event walk (a Python object per event) is not needed.
_FLOW_LEVELS = 16
_BLOCK_COLUMNS = 20
_DEEP_BLOCK = re.compile(r"^[ ?:-]{%d}" % _BLOCK_COLUMNS, re.MULTILINE)
assert _FLOW_LEVELS + 2 * (_BLOCK_COLUMNS + 1) < MAX_DEPTH


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and would crash."""
    if len(text) < _SHORTEST_CRASH:
        return
    if text.count("[") + text.count("{") <= _FLOW_LEVELS and not _DEEP_BLOCK.search(text):
        return
    loader = yaml.CSafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooComplex(f"嵌套超过 {MAX_DEPTH} 层", event.start_mark.line)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def load_yaml(text: str, located: Located, problems: list[Diagnostic]) -> bool:
    """Parse `text` into `located.data`; False when it is not YAML at all."""
    located.last_line = max(located.last_line, located.line_offset + line_count(text))
    mended = slips.scan(text, located.path, located.line_offset, getattr(located.labels, "titles", frozenset()))
    problems.extend(mended.problems)
    text = mended.text
    try:
        _check_depth(text)
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            located.marks[()] = _mark(node, located)  # a missing top-level field points here
        if node is not None and "*" in text:  # without aliases the data is no larger than the text, already bounded
            _expanded(node, {}, set())
        located.data = None if node is None else _build(node, (), located, problems, _Budget())
    except yaml.MarkedYAMLError as error:
        problem = syntax_error(error, text, located)
        if problem.line - 1 - located.line_offset not in mended.lines:  # a slip on that line explains it already
            problems.append(problem)
        return False
    except yaml.YAMLError as error:  # e.g. a control character in the stream
        problems.append(Diagnostic(located.path, 1 + located.line_offset, 1, "D002", f"YAML 格式错误：{error}", hint="删除文件中的特殊控制字符"))
        return False
    except _TooComplex as error:
        line = min(error.line + 1 + located.line_offset, located.last_line)
        problems.append(
            Diagnostic(located.path, line, 1, "D002", f"YAML 结构过于复杂：{error}", hint="减少嵌套层级；不要使用 & 和 * 引用（锚点、别名），逐项写出内容")
        )
        return False
    return True


# What libyaml's problem means for someone editing a form-like file, and the fix: (part of the problem text, message, hint).
_PROBLEMS = (
    ("mapping values are not allowed", "这一行多了一个冒号，或缩进与上一行不一致",
     "文字里有“: ”（冒号加空格）时，用英文双引号把整个值括起来；否则让这一行与同一层级的字段左对齐"),
    ("did not find expected key", "这一行的缩进与上一行不一致，或引号括起的值后面还有文字",
     "让这一行与同一层级的字段左对齐；引号括起的值后面不能再写文字，需要时把整个值放进引号里"),
    ("could not find expected ':'", "这一行缺少冒号：每个字段都要写成“字段名: 值”",
     "在字段名后加英文冒号和一个空格；如果这一行是上一行文字的延续，用英文双引号把整个值括起来"),
    ("cannot start any token", "值以 YAML 不允许的字符开头（如 @、`、%）",
     "用英文双引号把整个值括起来"),
    ("alias", "值以 * 开头，YAML 把它当成了引用", "用英文双引号把整个值括起来"),
    ("anchor", "值以 & 开头，YAML 把它当成了锚点", "用英文双引号把整个值括起来"),
    ("unknown escape character", "双引号里的反斜杠（\\）后面跟了 YAML 不认识的字符",
     "把反斜杠写两遍（\\\\），或改用单引号括起这个值"),
    ("found another document", "文件中多了一行“---”，后面的内容成了第二份文件",
     "删除多余的“---”行：一个文件只写一条内容"),
    ("expected '-' indicator", "列表中的一行没有以“- ”开头，或与其他项没有对齐",
     "列表的每一项都以“- ”开头，并与其他项左对齐"),
    ("expected comment or line break", "“|”或“>”后面不能在同一行写文字",
     "把文字移到下一行，并比字段名多缩进两个空格"),
)


def _explained(problem: str, context: str) -> tuple[str, str]:
    for part, message, hint in _PROBLEMS:
        if part in problem or part in context:
            return message, hint
    return f"YAML 格式错误（解析器原文：{problem or context}）", "检查此行及上一行的缩进、冒号后的空格和引号是否成对"


_FIELD = re.compile(r"\s*(?:- )?([\w-]+): +([^\"'\s].*)")  # no lazy part before a `$`: linear on any line
_QUOTABLE = 200  # characters of a value a hint writes out again


def _quoted(line: str) -> str | None:
    """`field: value` with the value in double quotes (JSON's escaping is YAML's, control characters
    included), when the value is the trouble: a colon and space inside it, or a first character YAML
    reserves. Not for a value with a comment (` #`), which quotes would make part of it."""
    field = _FIELD.fullmatch(line)
    value = field.group(2).rstrip() if field else ""
    if not value or len(value) > _QUOTABLE or " #" in value or not (": " in value or value[0] in "@`%*&!"):
        return None
    return f"{field.group(1)}: {json.dumps(value, ensure_ascii=False)}"


def syntax_error(error: yaml.MarkedYAMLError, text: str, located: Located) -> Diagnostic:
    """D002 at the line YAML stopped, or D006 when a tab in the indentation is the cause."""
    mark = error.problem_mark or error.context_mark
    unclosed = (error.context_mark and error.context and ("quoted" in error.context or "flow" in error.context)
                and "escape" not in (error.problem or ""))
    if unclosed:
        mark = error.context_mark  # where the quote or bracket was opened, not where the file ran out
    index = mark.line if mark else 0
    lines = text.split("\n")
    # YAML reports the end of the text as one line past the last; editors have no such line.
    index = min(index, len(lines) - 1 - (len(lines) > 1 and lines[-1] == ""))
    indentation = lines[index][: len(lines[index]) - len(lines[index].lstrip(" \t"))]
    if "\t" in indentation:
        return Diagnostic(
            located.path, index + 1 + located.line_offset, indentation.index("\t") + 1, "D006",
            "行首用了制表符（Tab）缩进，YAML 只能用空格缩进",
            hint="删除这一行开头的 Tab，改用空格，使它与同一层级的字段左对齐（编辑器可设置“按 Tab 键插入空格”）",
        )
    column = mark.column + 1 if mark and mark.line == index else 1
    if unclosed:
        message, hint = "引号或括号没有成对：从这里开始的内容没有结束", "补上配对的引号（\"）或括号（] 或 }）"
    else:
        message, hint = _explained(error.problem or "", error.context or "")
        quoted = _quoted(lines[index])
        if quoted:
            if "mapping values" in (error.problem or ""):
                message = "值里有“冒号加空格”，YAML 把它后面的文字当成了又一个字段"
            hint = f"用英文双引号把整个值括起来，写成 {quoted}"
    return Diagnostic(located.path, index + 1 + located.line_offset, column, "D002", message, hint=hint)


def _mark(node, located: Located) -> tuple[int, int]:
    return (min(node.start_mark.line + 1 + located.line_offset, located.last_line), node.start_mark.column + 1)


@dataclass
class _Budget:
    nodes: int = 0
    open: set = field(default_factory=set)  # ids of the collections being built: an alias to one is a loop


def _expanded(node, sizes: dict, open_: set, depth: int = 0) -> tuple[int, int]:
    """(items, characters) of `node` with every alias expanded, each distinct node measured once, so that
    `&a [*b, *b, …]` fan-outs are refused before anything is built (the build repeats each alias)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if isinstance(node, yaml.ScalarNode):
        return 0, len(node.value)
    if id(node) in open_:
        raise _TooComplex("别名引用了包含它自身的内容", node.start_mark.line)
    if depth >= MAX_DEPTH:
        raise _TooComplex(f"嵌套超过 {MAX_DEPTH} 层", node.start_mark.line)
    open_.add(id(node))
    children = node.value if isinstance(node, yaml.SequenceNode) else [child for pair in node.value for child in pair]
    items, characters = len(node.value), 0
    for child in children:
        child_items, child_characters = _expanded(child, sizes, open_, depth + 1)
        items, characters = items + child_items, characters + child_characters
    open_.discard(id(node))
    if items > MAX_NODES:
        raise _TooComplex(f"展开后超过 {MAX_NODES} 项", node.start_mark.line)
    if characters > MAX_EXPANDED:
        raise _TooComplex(f"展开后超过 {MAX_EXPANDED} 个字符", node.start_mark.line)
    sizes[id(node)] = items, characters
    return items, characters


def _build(node, key_path: Path_, located: Located, problems: list[Diagnostic], budget: _Budget):
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in budget.open:
            raise _TooComplex("别名引用了包含它自身的内容", node.start_mark.line)
        budget.open.add(id(node))
        try:
            return _collection(node, key_path, located, problems, budget)
        finally:
            budget.open.discard(id(node))
    return _scalar(node, key_path, located, problems)


def _collection(node, key_path: Path_, located: Located, problems: list[Diagnostic], budget: _Budget):
    # Runs for every collection of every file: its items are counted at once, marks are
    # computed inline and text scalars, the common case, are taken without a call.
    budget.nodes += len(node.value)
    if budget.nodes > MAX_NODES:
        raise _TooComplex(f"展开后超过 {MAX_NODES} 项", node.start_mark.line)
    if node.value and len(key_path) >= MAX_DEPTH:
        raise _TooComplex(f"嵌套超过 {MAX_DEPTH} 层", node.start_mark.line)
    marks, offset, last_line = located.marks, located.line_offset + 1, located.last_line
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, column = _mark(key_node, located)
                problems.append(
                    Diagnostic(located.path, line, column, "D002", "字段名只能是文字", hint="每行写“字段名: 值”；字段名前不要写 ?、[ ] 或 { }")
                )
                continue
            key = key_node.value
            child = key_path + (key,)
            if key in result:
                line, column = _mark(key_node, located)
                first_line = marks[child][0]
                problems.append(
                    Diagnostic(
                        located.path, line, column, "D003",
                        f"字段“{key}”重复出现（第 {first_line} 行已有）",
                        field=dotted(child),
                        label=located.labels(child),
                        hint="同一层级每个字段只能写一次，请删除或合并重复的一行",
                    )
                )
                continue
            mark = key_node.start_mark
            marks[child] = (min(mark.line + offset, last_line), mark.column + 1)
            if value_node.__class__ is yaml.ScalarNode and (value_node.tag == _STR or value_node.style):
                result[key] = value_node.value
            else:
                result[key] = _build(value_node, child, located, problems, budget)
        return result
    items = []
    for index, item in enumerate(node.value):
        child = key_path + (index,)
        mark = item.start_mark
        marks[child] = (min(mark.line + offset, last_line), mark.column + 1)
        if item.__class__ is yaml.ScalarNode and (item.tag == _STR or item.style):
            items.append(item.value)
        else:
            items.append(_build(item, child, located, problems, budget))
    return items


def _scalar(node, key_path: Path_, located: Located, problems: list[Diagnostic]):
    tag = node.tag
    if tag == _STR or node.style:  # quoted scalars are always text
        return node.value
    located.plain[key_path] = (tag, node.value)
    try:
        if tag == _TIMESTAMP:
            value = _constructor.construct_yaml_timestamp(node)
            # A bare date is ISO text already; a time part would be lost, so keep the text for the schema to judge.
            return value.isoformat() if _ISO_DATE.match(node.value) else node.value
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
                label=located.labels(key_path),
                hint="检查年、月、日是否写对（如 2 月没有 30 日），格式为 YYYY-MM-DD",
            )
        )
        return node.value
    return node.value  # an unknown explicit tag: keep the text


def load_yaml_file(root: Path, rel: str, problems: list[Diagnostic]) -> Located | None:
    text = read_text(root / rel, rel, problems)
    return None if text is None else parse_yaml(text, rel, problems)


def parse_yaml(text: str, rel: str, problems: list[Diagnostic], labels: Callable[[tuple], str] = unlabelled) -> Located | None:
    located = Located(rel, labels=labels)
    return located if load_yaml(text, located, problems) else None


# `\s*` in the library's default boundary would swallow blank lines and shift line numbers.
_front_matter = YAMLHandler(fm_boundary=re.compile(r"^-{3,}[ \t]*$", re.MULTILINE))


def load_markdown_file(root: Path, rel: str, problems: list[Diagnostic]) -> Located | None:
    text = read_text(root / rel, rel, problems)
    return None if text is None else parse_markdown(text, rel, problems)


def parse_markdown(text: str, rel: str, problems: list[Diagnostic], labels: Callable[[tuple], str] = unlabelled) -> Located | None:
    """A Markdown file with YAML front matter between `---` lines."""
    located = Located(rel, labels=labels)
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
    located.last_line = line_count(text)
    located.body = body.lstrip("\n")
    located.body_line = min(located.line_offset + front.count("\n") + 1 + (len(body) - len(located.body)), located.last_line)
    if not load_yaml(front, located, problems):
        return None
    return located
