"""Check a content repository: load it, apply every rule, sort the findings."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from disclosure.cache import ContentCache
from disclosure.diagnostics import Diagnostic
from disclosure.hints import localise
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


@contextmanager
def collector_paused():
    """Loading makes millions of objects that all stay alive for the run. Without this
    the cyclic garbage collector walks them again and again (3x the loading time); after
    it they are frozen, kept out of later collections, until the next run unfreezes them."""
    gc.unfreeze()  # what an earlier run (under `mkdocs serve`) froze may be garbage by now
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check_repository(root: Path, options: Options, cache: ContentCache | None = None) -> CheckResult:
    """`cache` may be kept from an earlier run over the same repository (`mkdocs serve`)."""
    if cache is None and options.cache_dir:
        cache = ContentCache(root / options.cache_dir)
    with collector_paused():
        project, problems = load_project(root, cache)
        if cache is not None:
            cache.save()
        problems.extend(run_rules(project, options))
    problems = localise(problems, project, options)
    problems.sort(key=Diagnostic.sort_key)
    return CheckResult(project, problems)
