"""Text Python-Markdown cannot render in bounded time, found in one linear pass before it ever sees it.

Python-Markdown, and the standard library's html.parser under it, take time that grows with the
square of some inputs or worse, and deep nesting exhausts the interpreter's stack:

- a `<` that opens markup (`<a`, `</`, `<!`, `<?`) with no `>` soon after, before another one
  opens: html.parser reads each such `<` to the end of the text (8 KB of `<a ` take 18 s);
- `[` that is never matched: every link and image pattern reads from it to the end of its
  paragraph (20 KB of `[` take over 40 s), and nested pairs are read once per level;
- markup by the hundred thousand: linear, but each `<` costs some 10 µs, so 1 MB of it takes
  seconds to render (and to check, which renders it as the site does);
- lists, quotes and indented blocks nested hundreds deep, on one line or over many, and blocks
  marked `markdown` inside one another: each level is a recursive call, with work that grows
  with the depth.

The limits are far above what an editor writes (a tag of thousands of characters, hundreds of
unmatched brackets in one paragraph, 16 levels of lists) and bound the work for any text, so a
body is refused here, by the checker and by the build, before anything renders it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

UNBOUNDED = "D407"  # the diagnostic of a text refused here
TAG_LENGTH = 2000  # characters from a tag's `<` to its `>`
UNCLOSED_TAGS = 10  # `<` not closed like a tag: each costs html.parser one read of the text
MARKUP = 10_000  # `<` in one text: Python-Markdown and html.parser take some 10 µs for each, however well formed
BRACKET_WORK = 300_000  # characters the link patterns read from unmatched `[` to their paragraph's end
BRACKET_DEPTH = 8  # `[` inside `[` inside …: each level is read again
DEPTH = 16  # levels of lists, quotes and indentation on one line
MARKDOWN_BLOCKS = 64  # HTML blocks with a `markdown` attribute (md_in_html renders them recursively)

# A `<` that html.parser takes as the start of markup (a letter, `/`, `!` or `?` after it) and that
# no `>` closes before the next `<` or within TAG_LENGTH characters.
_UNCLOSED = re.compile(r"<[A-Za-z/!?](?![^<>]{0,%d}>)" % TAG_LENGTH)
# A comment, closed at the earliest place any version of html.parser closes one (`--!>` since
# 3.13.4); its text is not markup, whatever it holds. One that another opens inside is left.
_COMMENT = re.compile(r"<!--(?:(?!--!?\s*>|<!--).)*--!?\s*>", re.DOTALL)
_ESCAPE = re.compile(r"\\.", re.DOTALL)  # `\[` is text to Markdown
_PAIR = re.compile(r"\[[^\[\]]*\]")  # innermost: no bracket inside
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
# A line whose start may hold more than DEPTH levels: indentation and the markers of quotes and
# list items nested on it. Only such lines are matched at all.
_NESTING = re.compile(r"^(?=[ \t>*+\-.)0-9]{%d})[ \t]*(?:(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$))[ \t]*){0,%d}" % (DEPTH + 1, DEPTH + 1), re.MULTILINE)
_MARKER = re.compile(r">|[-*+]|[0-9]{1,9}[.)]")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]{0,%d}?\smarkdown\b" % TAG_LENGTH, re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    offset: int  # where in the text: the first place that counts towards the limit
    message: str
    hint: str


def problems(text: str) -> list[Problem]:
    """Why Python-Markdown must not render `text`; none for what an editor writes."""
    checks = [_nesting]
    if "<" in text:
        checks += [_markup, _unclosed_tags, _markdown_blocks]
    if "[" in text:
        checks.append(_brackets)
    return [problem for check in checks if (problem := check(text)) is not None]


def _blanked(pattern: re.Pattern, text: str) -> str:
    """`text` with what `pattern` matches overwritten, each character by a space: offsets stay."""
    return pattern.sub(lambda match: " " * (match.end() - match.start()), text)


def _markup(text: str) -> Problem | None:
    if text.count("<") <= MARKUP:
        return None
    return Problem(
        _nth(text, "<", MARKUP + 1),
        f"有超过 {MARKUP} 个 <（网页标记），网站无法在有限时间内排版",
        "正文用 Markdown 格式书写；从网页或 Word 复制来的大段 HTML 请改写，长表格可作为附件（PDF、XLSX）发布",
    )


def _nth(text: str, needle: str, n: int) -> int:
    """Where the `n`th `needle` is (the one over the limit)."""
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
    return at


def _unclosed_tags(text: str) -> Problem | None:
    unclosed = list(islice(_UNCLOSED.finditer(_blanked(_COMMENT, text) if "<!--" in text else text), UNCLOSED_TAGS + 1))
    if len(unclosed) <= UNCLOSED_TAGS:
        return None
    return Problem(
        unclosed[0].start(),
        f"有超过 {UNCLOSED_TAGS} 处 < 后紧跟字母或 /、!、? 却没有用 > 闭合（此处是第一处），网站无法在有限时间内排版",
        "表示“小于”时在 < 后加空格，或改用 &lt; 或全角＜；HTML 标签要在同一处用 > 闭合",
    )


def _brackets(text: str) -> Problem | None:
    """Each link and image pattern reads from a `[` to its matching `]`: innermost pairs cost what
    they enclose, once; each level of nesting reads the text again; an unmatched `[` is read to the end
    of its paragraph. Pairs are taken out innermost first; what is left after BRACKET_DEPTH rounds is unmatched."""
    left = _blanked(_ESCAPE, text) if "\\" in text else text
    for _ in range(BRACKET_DEPTH):
        left, pairs = _PAIR.subn(lambda match: " " * (match.end() - match.start()), left)
        if not pairs:
            break
    else:
        nested = _PAIR.search(left)
        if nested is not None:
            return Problem(nested.start(), f"方括号 [ ] 层层嵌套超过 {BRACKET_DEPTH} 层，网站无法在有限时间内排版", _BRACKET_HINT)
    ends = [match.start() for match in _BLANK_LINES.finditer(left)] + [len(left)]
    work = 0
    for match in re.finditer(r"\[", left):
        work += ends[bisect_left(ends, match.start())] - match.start()
        if work > BRACKET_WORK:
            first = left.index("[")
            return Problem(first, "方括号 [ 大量没有配对（此处是第一个），网站无法在有限时间内排版", _BRACKET_HINT)
    return None


_BRACKET_HINT = r"链接的格式是 [文字](网址)；不是链接的方括号前加反斜杠（\[、\]），或改用全角【】"


def _nesting(text: str) -> Problem | None:
    for match in _NESTING.finditer(text):
        prefix = match.group()
        columns = prefix.count(" ") + 4 * prefix.count("\t")
        if len(_MARKER.findall(prefix)) + columns // 4 <= DEPTH:
            continue
        return Problem(
            match.start(),
            f"列表、引用或缩进在此行嵌套超过 {DEPTH} 层，网站无法排版",
            "减少列表和引用的层数；普通段落顶格写，不要用空格、>、- 或数字加点层层缩进",
        )
    return None


def _markdown_blocks(text: str) -> Problem | None:
    for count, match in enumerate(_MARKDOWN_ATTRIBUTE.finditer(text), 1):
        if count > MARKDOWN_BLOCKS:
            return Problem(
                match.start(),
                f"带 markdown 属性的 HTML 块超过 {MARKDOWN_BLOCKS} 个，网站无法在有限时间内排版",
                "删除 markdown 属性，正文直接用 Markdown 格式书写",
            )
    return None
