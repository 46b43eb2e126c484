"""An editor's Markdown rendered as the site renders it, to tell what the sanitizer would remove, and where.

Only text that could yield markup the sanitizer cares about is rendered: raw HTML (`<`), an
attribute list (`{`), a link or image whose target is not plainly an allowed one; anything else
comes out as text, paragraphs, tables and kept links. Skipping the rest keeps the check fast; the build sanitizes every page whatever
the check decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

import markdown

from disclosure.publishing.sanitize import Removal, removals

MOST = 20  # findings named per text: enough to learn from, and a hostile body of thousands costs no more
# Link and image targets, `[..](here "title")` and `[ref]: here`, which may start on the next line.
_TARGET = re.compile(r"\]\(([^)]*)|\]:[ \t]*\n?[ \t]*([^\n]*)")
# A target the sanitizer keeps whatever Markdown makes of it: an allowed scheme (a web address with
# a plain host name), or a path with no colon; no character reference, backslash, control character or `//` that could hide another.
_KEPT_TARGET = re.compile(
    r"(?:https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?:[/?#][^\x00-\x20\x7f&\\]*)?|(?:mailto|tel):[^\x00-\x20\x7f&\\]*)"
    r"|(?![/\\]{2})[^\x00-\x20\x7f&\\:]*"
)


def may_hold_markup(text: str) -> bool:
    """Whether rendering `text` could yield anything the sanitizer removes: raw HTML, an attribute
    list, or a link or image whose target is not plainly kept (most bodies' links are https:// or
    a path, and need no rendering)."""
    if "<" in text or "{" in text:
        return True
    for match in _TARGET.finditer(text):
        target = match.group(1) if match.group(1) is not None else match.group(2)
        url, _, title = target.strip(" ").partition(" ")
        if "(" in target or "\n" in target or "\t" in target or not _KEPT_TARGET.fullmatch(url):
            return True
    return False


@dataclass(frozen=True)
class Finding:
    removal: Removal
    offset: int  # where in the text it was written, as near as the rendered HTML tells


class ContentMarkup:
    """One Markdown renderer with the site's extensions, reset between texts."""

    def __init__(self, extensions: tuple[str, ...], settings: dict):
        self.renderer = markdown.Markdown(extensions=list(extensions), extension_configs=settings)

    def findings(self, text: str) -> list[Finding]:
        """What the sanitizer would remove from `text` once rendered; none when it holds no markup."""
        return self._findings(text, text) if may_hold_markup(text) else []

    def field_findings(self, text: str) -> list[Finding]:
        """The same for a field. The site shows a field as text, but an attribute list in it is
        meant for whatever it lands after (a link whose target the field was, a list item): the
        attribute lists are also rendered each right after an element, so `…){: onmouseover=… }` is named."""
        if not may_hold_markup(text):
            return []
        # Only lists that set an attribute or an id; the first few: the page shows the field as text anyway.
        lists = (match.group() for match in _ATTRIBUTE_LIST.finditer(text) if "=" in match.group() or "#" in match.group())
        attached = "\n\n".join("*文字*" + written for written in islice(lists, MOST))
        return self._findings(text, text) + (self._findings(attached, text) if attached else [])

    def _findings(self, markdown_text: str, written: str) -> list[Finding]:
        """Removals from `markdown_text` rendered, placed in `written`, where an editor wrote them."""
        self.renderer.reset()
        findings, offset, lowered = [], -1, written.lower()
        for removal in removals(self.renderer.convert(markdown_text))[:MOST]:
            offset = _offset(lowered, removal, offset + 1)  # removals come in the order they were written
            findings.append(Finding(removal, offset))
        return findings


# attr_list's own syntax, `{: #id .class key=value }`, the colon optional; no "{" inside, so that
# a line of a million "{" is read once, not once from each.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*[^{}\n ][^{}\n]*\}")


def _offset(lowered: str, removal: Removal, after: int) -> int:
    for needle in removal.needles():
        if needle:
            at = lowered.find(needle.lower(), after)
            if at < 0:
                at = lowered.find(needle.lower())
            if at >= 0:
                return at
    return after


# The Markdown the generated pages are written in (the plugin adds these to the site's); MkDocs
# adds fenced_code itself. Extensions an agency adds in mkdocs.yml are not known here: whatever
# they make still passes the sanitizer, only the check cannot name it.
EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition", "toc")
_SETTINGS = {"toc": {"permalink": False}}


@cache
def content_markup() -> ContentMarkup:
    """The renderer, made once (making one loads every extension)."""
    return ContentMarkup(EXTENSIONS + ("fenced_code",), _SETTINGS)
