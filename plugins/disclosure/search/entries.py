"""What search knows of each released page: its text, what a result shows, and what it is filtered by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from disclosure.layout import Layout, document_kinds
from disclosure.model import Document, Interpretation, ServiceGuide
from disclosure.pages.render import Page
from disclosure.release import Release
from disclosure.schemas import schema
from disclosure.search.pagetext import page_text

TYPES = (("document", "公开信息"), ("interpretation", "政策解读"), ("guide", "办事指南"))


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
    kind: str  # what a result calls it: the 信息类别, 政策解读 or 办事指南
    date: dt.date  # 发布日期; a guide's 更新日期
    summary: str
    text: str  # the page's text after its title
    facets: dict[str, list[str]] = field(default_factory=dict)


def facets(release: Release) -> list[Facet]:
    document_schema = schema("document")
    kinds = {d.kind for d in release.documents}
    validities = {d.validity for d in release.documents if d.validity}
    years = sorted({d.year for d in map(entry_date, (*release.documents, *release.interpretations, *release.guides)) if d}, reverse=True)
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


def entries(release: Release, pages: list[Page]) -> list[SearchEntry]:
    """Every released document, interpretation and guide, newest first: entry n is the n-th newest."""
    markdown = {page.path: page.markdown for page in pages}
    # An entry without a date has an error reported already, and the build fails.
    released = [e for e in (*release.documents, *release.interpretations, *release.guides) if entry_date(e)]
    rank = {Document: 0, Interpretation: 1, ServiceGuide: 2}
    released.sort(key=lambda e: (-entry_date(e).toordinal(), rank[type(e)], getattr(e, "id", "") or getattr(e, "code", "")))
    layout = Layout.of(release.project)
    return [_entry(release, layout, e, markdown[layout.path_of(e)]) for e in released if layout.path_of(e) in markdown]


def _entry(release: Release, layout: Layout, entry, page_markdown: str) -> SearchEntry:
    path = layout.path_of(entry)
    rest = page_text(page_markdown).partition("\n")[2]  # the first line is the page's heading: the title
    title = entry.name if isinstance(entry, ServiceGuide) else entry.title
    date = entry_date(entry)
    common = {"url": path.removesuffix("index.md"), "title": title, "date": date, "summary": entry.summary, "text": rest}
    if isinstance(entry, Document):
        item = release.catalogue.by_code[entry.category]
        return SearchEntry(
            kind=entry.kind,
            facets={
                "type": ["document"],
                "kind": [entry.kind],
                "department": [entry.drafting_department],
                "item": [node.code for node in (*item.ancestors(), item)],
                "year": [str(date.year)],
                "validity": [entry.validity] if entry.validity else [],
            },
            **common,
        )
    kind, type_ = ("政策解读", "interpretation") if isinstance(entry, Interpretation) else ("办事指南", "guide")
    return SearchEntry(kind=kind, facets={"type": [type_], "department": [entry.department], "year": [str(date.year)]}, **common)
