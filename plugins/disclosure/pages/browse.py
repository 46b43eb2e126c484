"""Finding public documents by 起草部门, 发布年份 and 信息类别, beside the catalogue tree."""

from __future__ import annotations

from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from disclosure.layout import document_kinds
from disclosure.model import Document
from disclosure.pages import columns
from disclosure.pages.listing import paginated
from disclosure.pages.render import Page, Renderer
from disclosure.release import Release

BROWSE = "browse/index.md"


@dataclass(frozen=True)
class FacetValue:
    name: str  # 律师工作处, 2020 年, 规范性文件
    path: str  # its list's first page
    documents: list[Document]

    @property
    def count(self) -> int:
        return len(self.documents)


@dataclass(frozen=True)
class Facet:
    title: str
    values: list[FacetValue]


def _grouped(documents: list[Document], key) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = {}
    for document in documents:  # newest first, as the release keeps them
        groups.setdefault(key(document), []).append(document)
    return groups


def _slug(text: str) -> str:
    """Pinyin initials, as Chinese government sites name their folders: 规范性文件 → gfxwj."""
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


def _ordered(keys, order: list[str]) -> list[str]:
    """`keys` in the given order, any others after them."""
    rank = {key: i for i, key in enumerate(order)}
    return sorted(keys, key=lambda key: (rank.get(key, len(rank)), key))


def facets(release: Release) -> list[Facet]:
    documents = release.documents
    by_department = _grouped(documents, lambda d: d.drafting_department)
    by_year = _grouped(documents, lambda d: str(d.published.year))
    by_kind = _grouped(documents, lambda d: d.kind)
    return [
        Facet(
            "起草部门",
            [
                FacetValue(release.department_name(key), f"browse/department/{key}/index.md", by_department[key])
                for key in _ordered(by_department, [d.id for d in release.organization.departments])
            ],
        ),
        Facet("发布年份", [FacetValue(f"{year} 年", f"browse/year/{year}/index.md", by_year[year]) for year in sorted(by_year, reverse=True)]),
        Facet(
            "信息类别",
            [
                FacetValue(kind, f"browse/kind/{_slug(kind)}/index.md", by_kind[kind])
                for kind in _ordered(by_kind, document_kinds())
            ],
        ),
    ]


def browse_pages(renderer: Renderer, page_size: int) -> list[Page]:
    found = facets(renderer.release)
    context = {"column": columns.CATALOGUE, "browse": BROWSE}
    pages = [renderer.render("browse_index.md.j2", BROWSE, facets=found, **context)]
    for facet in found:
        for value in facet.values:
            pages += paginated(renderer, "browse_list.md.j2", value.path, value.documents, page_size, facet=facet, value=value, **context)
    return pages
