"""What search knows of each page: its text, what a result shows, and what it is filtered by.

The pages say what they are (pages/searchable.py builds each entry from the model that the
page shows); this module knows only entries, their order and the filters of the search page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from disclosure.layout import document_kinds
from disclosure.model import ServiceGuide
from disclosure.release import Release
from disclosure.schemas import schema

# The `type` filter: every kind of page a reader can land on, in the order the site shows them.
TYPES = (
    ("document", "公开信息"),
    ("interpretation", "政策解读"),
    ("guide", "办事指南"),
    ("catalogue", "目录事项"),
    ("disclosure-guide", "政府信息公开指南"),
    ("system", "政府信息公开制度"),
    ("annual-report", "政府信息公开年报"),
    ("negative-list", "负面清单"),
)
TYPE_LABELS = dict(TYPES)
_TYPE_RANK = {name: rank for rank, (name, _) in enumerate(TYPES)}


@dataclass(frozen=True)
class Facet:
    """A filter of the search page: `name` in the URL, `label` on screen, (value, label) options."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]


@dataclass
class SearchEntry:
    url: str  # the page's directory URL relative to the site root
    title: str
    type: str  # a value of TYPES
    kind: str  # what a result calls it: the 信息类别, or the type's label
    date: dt.date | None  # 发布日期; a guide's 更新日期; none for pages that are not publications
    summary: str
    text: str  # the page's text after its title
    validity: str = ""  # 有效性 of a document: results mark 废止 and 失效
    facets: dict[str, list[str]] = field(default_factory=dict)


def facets(release: Release) -> list[Facet]:
    document_schema = schema("document")
    kinds = {d.kind for d in release.documents}
    validities = {d.validity for d in release.documents if d.validity}
    dated = (*release.documents, *release.interpretations, *release.guides, *release.annual_reports)
    years = sorted({d.year for d in map(entry_date, dated) if d}, reverse=True)
    items = [
        (item.code, "　" * len(item.ancestors()) + item.name)
        for item in release.catalogue.walk()
        if release.count_in(item)
    ]
    departments = release.organization.departments if release.organization else []
    return [
        Facet("type", "内容类型", TYPES),
        Facet("kind", "信息类别", tuple((k, k) for k in document_kinds() if k in kinds)),
        Facet("department", "部门", tuple((d.id, d.name) for d in departments)),
        Facet("item", "目录事项", tuple(items)),
        Facet("year", "年份", tuple((str(y), f"{y} 年") for y in years)),
        Facet("validity", "有效性", tuple((v, v) for v in document_schema.field_schema(("validity",))["enum"] if v in validities)),
    ]


def entry_date(entry) -> dt.date | None:
    return entry.updated if isinstance(entry, ServiceGuide) else entry.published


def ordered(entries: list[SearchEntry]) -> list[SearchEntry]:
    """Newest first (entry n is the n-th newest), then the pages without a date, by type and address."""
    return sorted(
        entries,
        key=lambda e: (e.date is None, -e.date.toordinal() if e.date else 0, _TYPE_RANK[e.type], e.url),
    )


def entries(pages) -> list[SearchEntry]:
    """The search entries of the pages that have one (each page's `search`), in index order."""
    return ordered([page.search() for page in pages if page.search])
