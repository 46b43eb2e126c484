"""Typing slips in YAML text, found line by line before it is parsed, and mended so the parse can go on.

A Chinese input method slips in what YAML cannot read or reads otherwise: a full-width
colon or space, “curly quotes”, an invisible character in a key; a Tab indents a line.
The parser would stop at the first of them with an English message, often a line too
low. Each slip found here is named in Chinese on its own line, and the text handed to
the parser is mended (same lines, same count) so that one run reports every problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from disclosure.diagnostics import Diagnostic

# Zero-width and joining characters, the BOM and the soft hyphen: invisible in every editor.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = " \t\u3000\u00a0"
# `key:` (or `- key:`) at the start of a line: ASCII field names, or a Chinese label.
_KEY = re.compile(r"^(?P<indent>[ \t\u3000\u00a0]*)(?P<dash>-[ \u3000]+)?(?P<key>[^\s:：#\"'“”‘’\[\]{}|>-][^:：#]*?)(?P<gap>[ \t\u3000\u00a0]*)(?P<colon>[:：])(?P<after>.*)$")
_ASCII_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BLOCK = re.compile(r"^\s*[|>][-+0-9]*\s*(#.*)?$")
_CURLY = {"“": "”", "‘": "’"}
# What _mend_line() reads a line for (whitespace other than the space, full-width colons, curly
# quotes, invisible characters, a space before a colon, which mending drops): a line without
# any is left as it is, and most lines are read only by this.
_MAY_SLIP = re.compile(rf"[^\S\n ]|[：“‘{_INVISIBLE}]| :")


@dataclass
class Mended:
    text: str
    problems: list[Diagnostic] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # 0-based lines of the text that were mended


def _indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def scan(text: str, path: str, line_offset: int, labels: frozenset[str] = frozenset()) -> Mended:
    """Every slip in `text` (YAML starting at file line `line_offset + 1`); `labels` are the
    schema's 中文标签, which written as a key are a slip the schema names, not the parser."""
    lines = text.split("\n")
    mended = Mended(text)
    block_indent = None  # indentation of the key that opened a block scalar (`|`, `>`)
    previous = ""  # the last line that holds a key or item, as mended
    for index, line in enumerate(lines):
        stripped = line.strip(_SPACES)
        if block_indent is not None:
            if not stripped or _indent_width(line.replace("\t", " ")) > block_indent:
                continue  # free text, where a full-width colon or a Tab is just text
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        number = index + 1 + line_offset
        new = _mend_line(line, previous, labels, number, path, mended.problems) if _MAY_SLIP.search(line) else line
        if new != line:
            lines[index] = new
            mended.lines.add(index)
        previous = new
        match = _KEY.match(new)
        if match and match.group("colon") == ":" and _BLOCK.match(match.group("after")):
            block_indent = len(match.group("indent")) + len(match.group("dash") or "")
    mended.text = "\n".join(lines)
    return mended


def _name(character: str) -> str:
    if character == "\u3000":
        return "全角空格"
    if character == "\u00a0":
        return "不间断空格"
    return f"看不见的字符（U+{ord(character):04X}）"


def _problem(problems: list, path: str, line: int, column: int, code: str, message: str, hint: str) -> None:
    problems.append(Diagnostic(path, line, column, code, message, hint=hint))


def _mend_line(line: str, previous: str, labels: frozenset[str], number: int, path: str, problems: list) -> str:
    indent_end = len(line) - len(line.lstrip(_SPACES))
    indent = line[:indent_end]
    if "\t" in indent:
        _problem(
            problems, path, number, indent.index("\t") + 1, "D006", "行首用了制表符（Tab）缩进，YAML 只能用空格缩进",
            "删除这一行开头的 Tab，改用空格，使它与同一层级的字段左对齐（编辑器可设置“按 Tab 键插入空格”）",
        )
        # A Tab-indented line is most often the sibling of the line above, or its first child after `key:`.
        width = _indent_width(previous) + (2 if previous.rstrip().endswith(":") else 0)
        line, indent_end = " " * width + line[indent_end:], width
    elif "\u3000" in indent or "\u00a0" in indent:
        wide = next(i for i, c in enumerate(indent) if c in "\u3000\u00a0")
        _problem(problems, path, number, wide + 1, "D008", f"行首的缩进里有{_name(indent[wide])}，YAML 只认半角空格",
                 "删除行首的空白，重新用半角空格缩进（切换到英文输入法再按空格）")
        line = indent.replace("\u3000", "  ").replace("\u00a0", " ") + line[indent_end:]
    match = _KEY.match(line)
    if not match:
        return _mend_item(line, number, path, problems)
    key, gap, colon, after = match.group("key"), match.group("gap"), match.group("colon"), match.group("after")
    clean = key.translate({ord(c): None for c in _INVISIBLE}).replace("\u3000", "").replace("\u00a0", "").strip()
    is_key = bool(_ASCII_KEY.match(clean)) or clean in labels
    if not is_key:
        return _mend_value(line, match.start("after") if colon == ":" else -1, number, path, problems)
    if colon == ":" and after and after[0] not in " \t\u3000":
        return line  # `http://…` in a list, or `title:关于` that the parser reports: not a key this scan can mend
    head = line[: match.start("key")]
    if clean != key.strip():
        hidden = next(c for c in key if c in _INVISIBLE or c in "\u3000\u00a0")
        _problem(problems, path, number, match.start("key") + key.index(hidden) + 1, "D010", f"字段名“{clean}”里有{_name(hidden)}",
                 f"删除这个字段名，重新输入 {clean}（从其他文档复制来的字段名常带这类字符）")
    wide_gap = gap.strip(" \t")
    if wide_gap:
        _problem(problems, path, number, match.start("gap") + 1, "D008", f"字段名“{clean}”和冒号之间有{_name(wide_gap[0])}",
                 f"删除这个空格，写成 {clean}:")
    written = f"{clean}: {after.strip(_SPACES)}".rstrip()  # the line as it should read, for the hint
    if colon == "：":
        _problem(problems, path, number, match.start("colon") + 1, "D007", f"字段名“{clean}”后面用了全角冒号“：”",
                 f"切换到英文输入法，写成 {written}（半角冒号，冒号后加一个空格）")
    if after.startswith("\u3000"):
        _problem(problems, path, number, match.start("after") + 1, "D008", f"字段“{clean}”的冒号后面是全角空格",
                 f"改成半角空格：{written}")
    after = after.lstrip("\u3000")
    rest = ":" + (" " if after and not after.startswith(" ") else "") + after
    line = head + clean + rest
    return _mend_value(line, len(head) + len(clean) + 1, number, path, problems, clean)


def _mend_item(line: str, number: int, path: str, problems: list) -> str:
    """A list item `- value`."""
    stripped = line.lstrip(" ")
    if stripped.startswith("- "):
        return _mend_value(line, len(line) - len(stripped) + 1, number, path, problems)
    return line


def _mend_value(line: str, start: int, number: int, path: str, problems: list, key: str = "") -> str:
    """A value wrapped whole in curly quotes: YAML keeps them as text (and a number stays a number)."""
    if start < 0:
        return line
    value = line[start:].strip(" ")
    if len(value) < 2 or value[0] not in _CURLY or value[-1] != _CURLY[value[0]]:
        return line
    inner = value[1:-1]
    if any(c in inner for c in "“”‘’"):
        return line  # quotes inside: 《“一网通办”和“最多跑一次”》 is a title, not a slip
    column = line.index(value, start) + 1
    straight = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
    _problem(problems, path, number, column, "D009", f"值两端的 {value[0]} {value[-1]} 是中文引号，YAML 不把它当作引号，会连同引号一起显示在网站上",
             f"改成英文引号，写成 {key + ': ' if key else '- '}{straight}")
    return line[: line.index(value, start)] + straight + line[line.index(value, start) + len(value):]
