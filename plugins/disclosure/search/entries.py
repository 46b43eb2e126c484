"""What search knows of each page: its text, what a result shows, and what it is filtered by.

The pages say what they are (pages/searchable.py builds each entry from the model that the
page shows, and layout.py what the search page filters by); this module knows only entries and their order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from disclosure.layout import PAGE_TYPES

_TYPE_RANK = {name: rank for rank, (name, _) in enumerate(PAGE_TYPES)}


@dataclass
class SearchEntry:
    url: str  # the page's directory URL relative to the site root
    title: str
    type: str  # a value of layout.PAGE_TYPES
    kind: str  # what a result calls it: the 信息类别, or the type's label
    date: dt.date | None  # 发布日期; a guide's 更新日期; none for pages that are not publications
    summary: str
    text: str  # the page's text after its title
    validity: str = ""  # 有效性 of a document: results mark 废止 and 失效
    facets: dict[str, list[str]] = field(default_factory=dict)


def ordered(entries: list[SearchEntry]) -> list[SearchEntry]:
    """Newest first (entry n is the n-th newest), then the pages without a date, by type and address."""
    return sorted(
        entries,
        key=lambda e: (e.date is None, -e.date.toordinal() if e.date else 0, _TYPE_RANK[e.type], e.url),
    )


def entries(pages) -> list[SearchEntry]:
    """The search entries of the pages that have one (each page's `search`), in index order."""
    return ordered([page.search() for page in pages if page.search])
