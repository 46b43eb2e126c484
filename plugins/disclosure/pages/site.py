"""Every page of the public site, and the repository files it links to."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from disclosure.layout import search_facets
from disclosure.options import Options
from disclosure.pages import columns, media, searchable
from disclosure.pages.annual_reports import annual_report_pages, report_years
from disclosure.pages.browse import BROWSE, browse_pages
from disclosure.pages.disclosure_guide import application_pages, disclosure_guide_pages
from disclosure.pages.listing import paginated
from disclosure.pages.render import Page, Renderer
from disclosure.release import Release

HOME = "index.md"
SEARCH = "search/index.md"
SITE_MAP = "site-map/index.md"
# Pages reached from the list pages rather than from the site's navigation.
NOT_IN_NAV = ("/catalogue/", "/documents/", "/interpretations/", "/guides/", "/browse/", "/disclosure-rules/page/")


def navigation() -> list:
    """The site's navigation: the four columns of a 政府信息公开 platform first, then the other services."""
    guide = [columns.GUIDE.path] + [{title: path} for title, path in application_pages()]
    rest = (columns.SYSTEM, columns.CATALOGUE, columns.ANNUAL_REPORTS, columns.INTERPRETATIONS, columns.SERVICE_GUIDES, columns.NEGATIVE_LIST)
    return [{"首页": HOME}, {columns.GUIDE.name: guide}] + [{column.name: column.path} for column in rest]


def system_documents(release: Release, options: Options) -> list:
    """The 政府信息公开制度 column: the documents of the catalogue leaf the agency names."""
    return release.documents_in.get(options.system_category, []) if options.system_category else []


def _video_length(release: Release, interpretation) -> str:
    """How long a video interpretation kept in the repository runs."""
    if interpretation.form != "视频解读" or not release.publishes(interpretation.media):
        return ""
    return media.running_time(media.mp4_seconds(Path(release.project.root) / interpretation.media))


def _guide_column(renderer: Renderer, options: Options) -> list[Page]:
    return disclosure_guide_pages(renderer)


def _system_column(renderer: Renderer, options: Options) -> list[Page]:
    release = renderer.release
    item = release.catalogue.by_code.get(options.system_category)
    item = item if item and item.is_leaf else None
    return paginated(
        renderer, "system.md.j2", columns.SYSTEM.path, system_documents(release, options), options.page_size,
        column=columns.SYSTEM, item=item, search=partial(searchable.system_column, release, columns.SYSTEM, item),
    )


def _catalogue_column(renderer: Renderer, options: Options) -> list[Page]:
    return [renderer.render("catalogue_index.md.j2", columns.CATALOGUE.path, column=columns.CATALOGUE, browse=BROWSE)]


def _annual_report_column(renderer: Renderer, options: Options) -> list[Page]:
    return annual_report_pages(renderer, options.annual_report_category)


# The four columns of every 政府信息公开 platform, in their order (国办公开办函〔2019〕61号).
COLUMN_PAGES = (_guide_column, _system_column, _catalogue_column, _annual_report_column)


def build_pages(release: Release, options: Options = Options(), renderer: Renderer | None = None) -> list[Page]:
    renderer = renderer or Renderer(release)
    size = options.page_size
    pages = [renderer.render("home.md.j2", HOME, columns=columns, browse=BROWSE, system_count=len(system_documents(release, options)))]
    for column_pages in COLUMN_PAGES:
        pages += column_pages(renderer, options)
    pages += paginated(
        renderer, "interpretation_index.md.j2", columns.INTERPRETATIONS.path, release.interpretations, size,
        column=columns.INTERPRETATIONS, interpretation_days=options.interpretation_days,
    )
    pages += paginated(renderer, "guide_index.md.j2", columns.SERVICE_GUIDES.path, release.guides, size, column=columns.SERVICE_GUIDES)
    pages.append(
        renderer.render(
            "negative_list.md.j2", columns.NEGATIVE_LIST.path, column=columns.NEGATIVE_LIST, entries=release.project.negative_list,
            search=partial(searchable.negative_list, release, columns.NEGATIVE_LIST),
        )
    )
    pages += browse_pages(renderer, size)
    pages.append(renderer.render("search.md.j2", SEARCH, facets=search_facets(release)))
    pages.append(
        renderer.render(
            "site_map.md.j2", SITE_MAP, columns=columns, browse=BROWSE, search_page=SEARCH, application_pages=application_pages(),
            reports=[(y.year, renderer.layout.path_of(y.target)) for y in report_years(release, options.annual_report_category)],
        )
    )
    for item in release.catalogue.walk():
        if item.code:
            pages += paginated(
                renderer, "catalogue_item.md.j2", renderer.layout.path_of(item), release.documents_in.get(item.code, []) if item.is_leaf else [], size,
                column=columns.CATALOGUE, item=item, search=partial(searchable.catalogue_item, release, item),
            )
    for document in release.documents:
        item = release.catalogue.by_code[document.category]  # the release keeps only documents of known categories
        pages.append(
            renderer.render(
                "document.md.j2", renderer.layout.path_of(document), column=columns.CATALOGUE,
                d=document, item=item, interpretations=release.interpretations_of.get(document.id, []),
                search=partial(searchable.document, release, document, document.category == options.system_category),
            )
        )
    for interpretation in release.interpretations:
        pages.append(
            renderer.render(
                "interpretation.md.j2", renderer.layout.path_of(interpretation), column=columns.INTERPRETATIONS,
                i=interpretation, policy=release.documents_by_id[interpretation.policy], video_length=_video_length(release, interpretation),
                search=partial(searchable.interpretation, release, interpretation, release.documents_by_id[interpretation.policy]),
            )
        )
    for guide in release.guides:
        pages.append(
            renderer.render("guide.md.j2", renderer.layout.path_of(guide), column=columns.SERVICE_GUIDES, g=guide, search=partial(searchable.guide, release, guide))
        )
    return pages
