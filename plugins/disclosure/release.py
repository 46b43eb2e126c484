"""What the public may see on a given day, and the links between it.

Only 主动公开, non-draft entries dated on or before `as_of` are released; an
interpretation is released only with its policy. Everything the site, feeds
and exports show comes from here, so nothing withheld can leak by another path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from disclosure.layout import newest_first
from disclosure.model import AnnualReport, CatalogueItem, Document, Interpretation, Project, ServiceGuide
from disclosure.linked_files import examine


@dataclass
class Release:
    project: Project
    as_of: dt.date
    documents: list[Document] = field(init=False)
    interpretations: list[Interpretation] = field(init=False)
    guides: list[ServiceGuide] = field(init=False)
    annual_reports: list[AnnualReport] = field(init=False)
    published_files: set[str] = field(init=False)

    def __post_init__(self):
        project = self.project
        self.documents = sorted(
            (d.as_shown(self.as_of) for d in project.documents if d.is_public(self.as_of) and d.id and d.category in project.catalogue.by_code),
            key=newest_first,
            reverse=True,
        )
        self.documents_by_id = {d.id: d for d in self.documents}
        self.interpretations = sorted(
            (i for i in project.interpretations if i.is_public(self.as_of) and i.id and i.policy in self.documents_by_id),
            key=newest_first,
            reverse=True,
        )
        self.guides = sorted((g for g in project.guides if g.is_public(self.as_of) and g.code), key=lambda g: g.code)
        # A report named after another year is an error already reported; it would collide with that year's page.
        self.annual_reports = sorted(
            (r for r in project.annual_reports if r.is_released(self.as_of) and r.year and r.file_year == r.year), key=lambda r: r.year, reverse=True
        )
        self.interpretations_of: dict[str, list[Interpretation]] = {}
        for interpretation in self.interpretations:
            self.interpretations_of.setdefault(interpretation.policy, []).append(interpretation)
        self.documents_in: dict[str, list[Document]] = {}
        for document in self.documents:
            self.documents_in.setdefault(document.category, []).append(document)
        wanted = [a.file for d in self.documents for a in d.attachments]
        wanted += [i.media for i in self.interpretations if i.media and not i.media.startswith("https://")]
        wanted += [f for g in self.guides for x in g.materials for f in (x.template, x.example) if f]
        if project.organization:
            wanted.append(project.organization.application.form)
        root = Path(project.root)
        # Only files the checker accepts: in the two folders, of an allowed type, content matching it.
        self.published_files = {f for f in set(wanted) if f and examine(root, f) is None}

    @property
    def organization(self):
        return self.project.organization

    @property
    def catalogue(self):
        return self.project.catalogue

    def replacement(self, document: Document) -> Document | None:
        return self.documents_by_id.get(document.replaced_by)

    def count_in(self, item: CatalogueItem) -> int:
        return sum(len(self.documents_in.get(node.code, [])) for node in item.walk())

    def department_name(self, department_id: str) -> str:
        return self.organization.department_name(department_id) if self.organization else department_id

    def files(self) -> list[str]:
        """Repository files (attachments, templates, media) that released pages link to."""
        return sorted(self.published_files)

    def publishes(self, rel: str) -> bool:
        """Whether a linked file is published; pages link only to those (a missing one is reported by the checker)."""
        return rel in self.published_files
