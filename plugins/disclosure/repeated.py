"""The text a site repeats on every page (head, header, navigation, footer), read once.

A page is cut into pieces at the start of a few block elements' tags; the pieces every page
shares come out the same on each, and a Memo returns what a reading found in a piece it has seen
before instead of reading it again. A reading may use this only if a piece read alone gives what
it would find in the piece inside the whole text (disclosure.pii and publishing/active_content say
why theirs do).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# Tags that part what changes from page to page (title, description, the content, the current
# navigation item) from what does not. None of them is one a reading looks for.
CUT_TAGS = ("article", "div", "head", "header", "link", "meta", "nav", "script", "table", "title", "ul")
_CUT = re.compile(rf"<(?=/?(?:{'|'.join(CUT_TAGS)})\b)")


def pieces(text: str) -> list[str]:
    """`text` cut at the "<" that opens each tag of CUT_TAGS (or closes it), that "<" left out:
    "<".join(pieces(text)) is the text again."""
    return _CUT.split(text)


class Memo(Generic[T]):
    """`read` of a piece of text, kept for the pieces seen more than once."""

    def __init__(self, read: Callable[[str], T]):
        self.read = read
        self.results: dict[str, T] = {}
        self.seen: set[int] = set()  # hashes of the pieces seen once: a page's own text is not kept

    def __call__(self, piece: str) -> T:
        found = self.results.get(piece, self)
        if found is self:
            found = self.read(piece)
            if hash(piece) in self.seen:
                self.results[piece] = found
            else:
                self.seen.add(hash(piece))
        return found
