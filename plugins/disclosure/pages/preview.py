"""Pages for a live preview: after a save, render again only the pages it can have changed.

A page shows its own entry, the entries it links to and what is shared by the whole site
(the organization, the catalogue, the settings, which entries are released and in which
lists and order). So when nothing shared changed between two runs, the pages to render are
those of the entries whose file changed and those that linked to them; every other page
keeps its Markdown. Anything else, a new file or a changed date included, renders them all.
Publishing never goes through here: `mkdocs build` renders every page.
"""

from __future__ import annotations

from pathlib import Path

from disclosure.layout import Layout
from disclosure.options import Options
from disclosure.pages.render import Page, Renderer
from disclosure.pages.site import build_pages
from disclosure.release import Release

# Pages computed from many entries' fields rather than linking to them: always rendered.
ALWAYS = ("annual-reports/",)


def entry_sources(release: Release) -> dict[str, object]:
    """Each released entry's page and what its file was read as (the same object while the file is unchanged)."""
    path_of = Layout.of(release.project).path_of
    return {path_of(e): e.source for e in (*release.documents, *release.interpretations, *release.guides)}


def shared_sources(release: Release) -> list:
    project = release.project
    return [
        project.organization.source if project.organization else None,
        project.catalogue.source,
        project.negative_list_source,
        *(report.source for report in project.annual_reports),
    ]


def layout(release: Release, options: Options) -> tuple:
    """What decides which entries each list shows, in what order, and the files pages link to."""
    root = Path(release.project.root)
    path_of = Layout.of(release.project).path_of

    def size(rel: str) -> int | None:
        try:
            return (root / rel).stat().st_size
        except OSError:
            return None

    return (
        options,
        release.project.calendar,
        tuple((path_of(d), d.published, d.category, d.drafting_department, d.kind, d.validity, d.replaced_by) for d in release.documents),
        tuple((path_of(i), i.published, i.policy, i.department) for i in release.interpretations),
        tuple((path_of(g), g.department, g.updated) for g in release.guides),
        tuple((path_of(r), r.published) for r in release.annual_reports),
        tuple((rel, size(rel)) for rel in release.files()),
    )


class Preview:
    """The pages of successive runs over one repository."""

    def __init__(self):
        self.markdown: dict[str, str] = {}
        self.links: dict[str, set[str]] = {}  # page → the pages it links to
        self.layout: tuple | None = None
        self.shared: list = []
        self.sources: dict[str, object] = {}
        self.rendered = 0  # pages rendered by the last run

    def pages(self, release: Release, options: Options) -> list[Page]:
        now_layout, shared, sources = layout(release, options), shared_sources(release), entry_sources(release)
        keep: dict[str, str] = {}
        if self.layout == now_layout and len(shared) == len(self.shared) and all(a is b for a, b in zip(shared, self.shared)):
            changed = {path for path, source in sources.items() if self.sources.get(path) is not source}
            keep = {
                page: markdown
                for page, markdown in self.markdown.items()
                if page not in changed and changed.isdisjoint(self.links.get(page, ())) and not page.startswith(ALWAYS)
            }
        links = {page: targets for page, targets in self.links.items() if page in keep}
        pages = build_pages(release, options, Renderer(release, keep=keep, links=links))
        self.markdown = {page.path: page.markdown for page in pages}
        self.links, self.layout, self.shared, self.sources = links, now_layout, shared, sources
        self.rendered = len(pages) - len(keep)
        return pages
