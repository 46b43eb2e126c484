"""Lists of documents split into pages of at most `page_size` entries.

Page 1 stands at the list's own path (`catalogue/0101/index.md`), page n at
`catalogue/0101/page/n/index.md`, so a list's address never changes as it grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclosure.pages.render import Page, Renderer

_WINDOW = 2  # page numbers shown either side of the current one


def page_path(first: str, number: int) -> str:
    return first if number == 1 else f"{first.removesuffix('index.md')}page/{number}/index.md"


@dataclass(frozen=True)
class Pager:
    first: str  # src path of page 1
    number: int  # this page, from 1
    count: int  # pages in all
    total: int  # entries in all

    def path(self, number: int) -> str:
        return page_path(self.first, number)

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to show, None where a run of them is left out."""
        shown = sorted({1, self.count, *range(max(1, self.number - _WINDOW), min(self.count, self.number + _WINDOW) + 1)})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def paginated(renderer: Renderer, template: str, first: str, entries: list, page_size: int, search=None, **context) -> list[Page]:
    """The pages of one list; each gets `entries` (its share) and `pager`; search finds the list by its first page."""
    chunks = [entries[i : i + page_size] for i in range(0, len(entries), page_size)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        pager = Pager(first, number, len(chunks), len(entries))
        pages.append(renderer.render(template, pager.path(number), entries=chunk, pager=pager, search=search if number == 1 else None, **context))
    return pages
