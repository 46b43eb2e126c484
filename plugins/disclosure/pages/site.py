"""Every page of the public site, and the repository files it links to."""

from __future__ import annotations

from disclosure.pages.render import Page, Renderer
from disclosure.release import Release
from disclosure.search.entries import facets

HOME = "index.md"
CATALOGUE = "catalogue/index.md"
INTERPRETATIONS = "interpretations/index.md"
GUIDES = "guides/index.md"
NEGATIVE_LIST = "negative-list/index.md"
SEARCH = "search/index.md"


def build_pages(release: Release) -> list[Page]:
    renderer = Renderer(release)
    pages = [
        renderer.render("home.md.j2", HOME),
        renderer.render("catalogue_index.md.j2", CATALOGUE),
        renderer.render("interpretation_index.md.j2", INTERPRETATIONS),
        renderer.render("guide_index.md.j2", GUIDES),
        renderer.render("negative_list.md.j2", NEGATIVE_LIST, entries=release.project.negative_list),
        renderer.render("search.md.j2", SEARCH, facets=facets(release)),
    ]
    for item in release.catalogue.walk():
        if item.code:
            pages.append(renderer.render("catalogue_item.md.j2", release.path_of(item), item=item, documents=release.documents_in.get(item.code, [])))
    for document in release.documents:
        item = release.catalogue.by_code.get(document.category)
        if item is None:
            continue  # an unknown category is an error already reported; the page would have nowhere to belong
        pages.append(
            renderer.render(
                "document.md.j2", release.path_of(document), d=document, item=item, interpretations=release.interpretations_of.get(document.id, [])
            )
        )
    for interpretation in release.interpretations:
        pages.append(
            renderer.render("interpretation.md.j2", release.path_of(interpretation), i=interpretation, policy=release.documents_by_id[interpretation.policy])
        )
    for guide in release.guides:
        pages.append(renderer.render("guide.md.j2", release.path_of(guide), g=guide))
    return pages
