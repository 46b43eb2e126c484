"""Finding public documents by 起草部门, 发布年份 and 信息类别, beside the catalogue tree."""

from __future__ import annotations

from disclosure.layout import browse_facets
from disclosure.pages import columns
from disclosure.pages.listing import paginated
from disclosure.pages.render import Page, Renderer

BROWSE = "browse/index.md"


def browse_pages(renderer: Renderer, page_size: int) -> list[Page]:
    found = browse_facets(renderer.release)
    context = {"column": columns.CATALOGUE, "browse": BROWSE}
    pages = [renderer.render("browse_index.md.j2", BROWSE, facets=found, **context)]
    for facet in found:
        for value in facet.values:
            pages += paginated(renderer, "browse_list.md.j2", value.path, value.documents, page_size, facet=facet, value=value, **context)
    return pages
