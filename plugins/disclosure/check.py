"""Check a content repository: load it, apply every rule, sort the findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from disclosure.diagnostics import Diagnostic
from disclosure.loader import load_project
from disclosure.model import Project
from disclosure.options import Options
from disclosure.rules import run_rules


@dataclass
class CheckResult:
    project: Project
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_repository(root: Path, options: Options) -> CheckResult:
    project, problems = load_project(root)
    problems.extend(run_rules(project, options))
    problems.sort(key=Diagnostic.sort_key)
    return CheckResult(project, problems)
