"""Where each public thing is published and in what order: page paths and URLs, slugs, and the
orderings that pages, search, exports and the preview share. What is public is the Release's
question; this module only places it.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclosure.model import AnnualReport, CatalogueItem, Document, Interpretation, Project, ServiceGuide
from disclosure.schemas import schema


def newest_first(publication) -> tuple:
    """Sort key (with reverse=True) of documents and interpretations: the latest date, then the highest id."""
    return publication.published, publication.id


def document_kinds() -> list[str]:
    """The 信息类别 in the one order every list, filter and browse page uses: the document schema's."""
    return schema("document").field_schema(("kind",)).get("enum", [])


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
