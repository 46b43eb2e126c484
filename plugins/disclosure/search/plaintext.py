"""Plain text from what editors write (Markdown bodies) and from built pages (for tests).

Fast regular expressions rather than a Markdown renderer, because ten thousand bodies must be
read in seconds. Block boundaries (cells, paragraphs, list items) become line breaks, so a
run of characters never joins the end of one cell to the start of the next; inline markup
disappears, so 「**重要**通知」 still reads 「重要通知」.
"""

from __future__ import annotations

import html
import re

# Linear on any text: no part of a pattern can run past the `<` or `[` where another match could
# start, and repetitions that could split a run of characters several ways are possessive or atomic.
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|nav|section|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|br|hr|blockquote|details|summary|caption)\b[^<>]*>", re.I)
_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_COMMENT = re.compile(r"<!--(?:[^-]|-(?!->))*+(?:-->|\Z)")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_ATTR_LIST = re.compile(r"\{:?(?>\s*[.#]?[A-Za-z_][\w-]*+(?:=(?:\"[^\"]*\"|[^\s}]++))?)+\s*\}", re.A)  # { download }
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)", re.M)
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?>[ \t]*:?-+:?[ \t]*\|?)++[ \t]*$", re.M)  # | --- | :-: |
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|_+|~~|`+)")


def lines(*parts) -> str:
    """Text fields one per line, empty ones left out."""
    return "\n".join(line.strip() for part in parts if part for line in str(part).splitlines() if line.strip())


def markdown_text(markdown: str) -> str:
    """The text a reader sees of a Markdown body."""
    text = _COMMENT.sub("", markdown)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("|", "\n")
    return lines(html.unescape(text))


_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
_ROW_LABEL = re.compile(r"<th\b[^<>]*>(?:[^<]|<(?!/?th\b))*</th>")  # 索引号, 发布日期 …: the same on every page


def article_text(page_html: str) -> str:
    """The text of a built page (its <article>, row labels left out): what tests and the
    benchmark take as the truth to hold the index against."""
    match = _ARTICLE.search(page_html)
    article = _ROW_LABEL.sub("\n", match.group(1) if match else "")
    return html.unescape(_INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", article)))
