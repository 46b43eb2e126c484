"""Where each public thing is published and how it is grouped: page paths and URLs, slugs, the
facets that browse pages and the search page group it by, and the orderings that pages, search,
exports and the preview share. What is public is the Release's question; this module only places it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin

from disclosure.model import AnnualReport, CatalogueItem, Document, Interpretation, Project, ServiceGuide
from disclosure.schemas import schema

if TYPE_CHECKING:
    from disclosure.release import Release

# Every kind of page a reader can land on, in the order the site shows them (search's `type`).
PAGE_TYPES = (
    ("document", "公开信息"),
    ("interpretation", "政策解读"),
    ("guide", "办事指南"),
    ("catalogue", "目录事项"),
    ("disclosure-guide", "政府信息公开指南"),
    ("system", "政府信息公开制度"),
    ("annual-report", "政府信息公开年报"),
    ("negative-list", "负面清单"),
)
PAGE_TYPE_LABELS = dict(PAGE_TYPES)


def newest_first(publication) -> tuple:
    """Sort key (with reverse=True) of documents and interpretations: the latest date, then the highest id."""
    return publication.published, publication.id


def document_kinds() -> list[str]:
    """The 信息类别 in the one order every list, filter and browse page uses: the document schema's."""
    return schema("document").field_schema(("kind",)).get("enum", [])


def validities() -> list[str]:
    """The 有效性 values in the document schema's order."""
    return schema("document").field_schema(("validity",)).get("enum", [])


def kind_slug(kind: str) -> str:
    """Pinyin initials, as Chinese government sites name their folders: 规范性文件 → gfxwj."""
    return "".join(lazy_pinyin(kind, style=Style.FIRST_LETTER)).lower()


def entry_date(entry) -> dt.date | None:
    """The date a page is dated by: a guide's 更新日期, else its 发布日期."""
    return entry.updated if isinstance(entry, ServiceGuide) else entry.published


@dataclass(frozen=True)
class FacetValue:
    key: str  # in a filter or an address: a department's id, 2020, 规范性文件
    label: str  # on screen: 律师工作处, 2020 年, 规范性文件
    path: str = ""  # the first page of its browse list, where it has one
    documents: tuple[Document, ...] = ()  # what a browse list shows, newest first

    @property
    def count(self) -> int:
        return len(self.documents)


@dataclass(frozen=True)
class Facet:
    """One way of grouping what is published: `name` in addresses and filters, `label` on screen."""

    name: str
    label: str
    values: tuple[FacetValue, ...]


def _ranked(keys, order: list[str]) -> list[str]:
    """`keys` in the given order, any others after them."""
    rank = {key: i for i, key in enumerate(order)}
    return sorted(keys, key=lambda key: (rank.get(key, len(rank)), key))


def facet_values(name: str, keys, labels: dict[str, str] | None = None) -> tuple[FacetValue, ...]:
    """The values of facet `name` that occur (`keys`), in the order every facet of that name is shown."""
    if name == "type":
        return tuple(FacetValue(key, label) for key, label in PAGE_TYPES if key in keys)
    if name == "year":
        return tuple(FacetValue(key, f"{key} 年") for key in sorted(keys, reverse=True))
    order = {"kind": document_kinds, "validity": validities}.get(name)
    ordered = _ranked(keys, order()) if order else list(keys)
    return tuple(FacetValue(key, (labels or {}).get(key, key)) for key in ordered)


def _grouped(documents, key) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = {}
    for document in documents:  # newest first, as the release keeps them
        groups.setdefault(key(document), []).append(document)
    return groups


def browse_facets(release: Release) -> list[Facet]:
    """The browse pages' groups of public documents: by 起草部门, 发布年份 and 信息类别."""
    groups = {
        "department": _grouped(release.documents, lambda d: d.drafting_department),
        "year": _grouped(release.documents, lambda d: str(d.published.year)),
        "kind": _grouped(release.documents, lambda d: d.kind),
    }
    departments = _ranked(groups["department"], [d.id for d in release.organization.departments])
    ordered = {
        "department": facet_values("department", departments, {key: release.department_name(key) for key in departments}),
        "year": facet_values("year", groups["year"]),
        "kind": facet_values("kind", groups["kind"]),
    }
    slug = {"department": str, "year": str, "kind": kind_slug}
    labels = {"department": "起草部门", "year": "发布年份", "kind": "信息类别"}
    return [
        Facet(name, labels[name], tuple(
            FacetValue(value.key, value.label, f"browse/{name}/{slug[name](value.key)}/index.md", tuple(groups[name][value.key]))
            for value in values
        ))
        for name, values in ordered.items()
    ]


def search_facets(release: Release) -> list[Facet]:
    """The filters of the search page, with the values that occur on the site."""
    dated = (*release.documents, *release.interpretations, *release.guides, *release.annual_reports)
    departments = release.organization.departments if release.organization else []
    items = tuple(
        FacetValue(item.code, "　" * len(item.ancestors()) + item.name) for item in release.catalogue.walk() if release.count_in(item)
    )
    return [
        Facet("type", "内容类型", facet_values("type", {key for key, _ in PAGE_TYPES})),
        Facet("kind", "信息类别", facet_values("kind", {d.kind for d in release.documents})),
        Facet("department", "部门", tuple(FacetValue(d.id, d.name) for d in departments)),
        Facet("item", "目录事项", items),
        Facet("year", "年份", facet_values("year", {str(d.year) for d in map(entry_date, dated) if d})),
        Facet("validity", "有效性", facet_values("validity", {d.validity for d in release.documents if d.validity})),
    ]


@dataclass(frozen=True)
class Layout:
    """The site's URL layout for one agency (a document's slug leaves out the agency's 索引号前缀)."""

    index_prefix: str = ""

    @classmethod
    def of(cls, project: Project) -> Layout:
        return cls(project.organization.index_prefix if project.organization else "")

    def document_slug(self, document: Document) -> str:
        prefix = self.index_prefix + "/" if self.index_prefix else ""
        return document.id.removeprefix(prefix).replace("/", "-")

    def path_of(self, entry) -> str:
        """The generated page (src path) of a document, interpretation, guide, catalogue item or annual report."""
        if isinstance(entry, Document):
            return f"documents/{self.document_slug(entry)}/index.md"
        if isinstance(entry, Interpretation):
            return f"interpretations/{entry.id}/index.md"
        if isinstance(entry, ServiceGuide):
            return f"guides/{entry.code}/index.md"
        if isinstance(entry, CatalogueItem):
            return f"catalogue/{entry.code}/index.md"
        if isinstance(entry, AnnualReport):
            return f"annual-reports/{entry.year}/index.md"
        raise TypeError(entry)

    def url_of(self, entry) -> str:
        """The page's URL relative to the site root, e.g. `documents/2020-00001/`."""
        return self.path_of(entry).removesuffix("index.md")
