"""Rules that compare records with each other (structure is the schemas' job).

Each rule module exposes `check(context) -> Iterable[Diagnostic]`; add a
module to RULES to add a family of rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from disclosure.diagnostics import Diagnostic
from disclosure.model import Project
from disclosure.options import Options
from disclosure.rules import annual_reports, catalogue, characters, documents, due, guides, interpretations, markup, organization, references, safety, settings, theme_folder

RULES = (organization, catalogue, references, documents, interpretations, guides, markup, safety, characters, settings, annual_reports, due, theme_folder)


@dataclass
class Context:
    project: Project
    options: Options
    root: Path

    @property
    def calendar(self):
        return self.project.calendar


def run_rules(project: Project, options: Options) -> list[Diagnostic]:
    context = Context(project, options, Path(project.root))
    return [d for rule in RULES for d in rule.check(context)]
