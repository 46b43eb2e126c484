"""The files derived from a release beside its pages (open data, the Atom feed, the search
index), written by a second process while the pages are being converted.

Everything they need (the release and the pages' Markdown) is ready before MkDocs starts
converting pages, and the index takes about as long as that conversion at 10,000 documents:
a forked process writes them on the other core. Under `mkdocs serve` a save starts new ones
and abandons those still being written, and the rebuild does not wait for them.

Where a process cannot be forked, they are written in this one, at `finish()`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from disclosure.exports import EXPORTS, exports
from disclosure.pages.render import Page
from disclosure.publishing.audit import Finding, Manifest, text_findings, site_files
from disclosure.release import Release
from disclosure.search.entries import entries
from disclosure.search.index import DATA, build_index

log = logging.getLogger("mkdocs.plugins.disclosure")

FAILED = 3  # exit code of a child whose files could not be written


@dataclass(frozen=True)
class Site:
    directory: Path
    url: str = ""  # site_url, for the absolute links of open data and the feed
    name: str = ""
    search: bool = True


def outputs(site: Site) -> Manifest:
    """Where the derived files go: the exports, and the search index's folder with the ones it is
    built in beside it (see write_index)."""
    folder, name = DATA.rsplit("/", 1)
    return Manifest(set(EXPORTS), (f"{DATA}/", f"{folder}/.{name}-") if site.search else ())


def audited_files(release: Release, pages: list[Page], site: Site) -> list[Finding]:
    """Write the derived files, then audit them (publishing/audit.py); an offending file is removed,
    so that a preview, which does not wait for them, never serves it."""
    write_files(release, pages, site)
    written = outputs(site)
    findings = text_findings(site.directory, [rel for rel in site_files(site.directory) if written.expects(rel)])
    for rel in {finding.path for finding in findings}:
        (site.directory / rel).unlink(missing_ok=True)
    return findings


def write_files(release: Release, pages: list[Page], site: Site) -> None:
    for path, content in exports(release, site.url, site.name).items():
        target = site.directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if site.search:
        write_index(pages, site.directory)


def write_index(pages: list[Page], site_dir: Path) -> None:
    """Build the index and put it in place at once: aside first, then renamed over the old one."""
    started = time.perf_counter()
    index = build_index(entries(pages))
    target = site_dir / DATA
    if target.parent.is_dir():
        for left in target.parent.glob(f".{target.name}-*"):  # left by an index abandoned half-way
            shutil.rmtree(left, ignore_errors=True)
    aside = target.with_name(f".{target.name}-{os.getpid()}")
    index.write(aside)
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    aside.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    log.info(f"搜索索引：{index.entries} 条，{len(index.files)} 个文件，{index.size / 1e6:.1f} MB，用时 {time.perf_counter() - started:.1f} 秒")


def report(findings: list[Finding]) -> bool:
    """Log what the audit of the derived files found; whether they passed."""
    for finding in findings:
        log.error(f"输出审计：{finding}")
    return not findings


def _child(release: Release, pages: list[Page], site: Site) -> None:
    try:
        passed = report(audited_files(release, pages, site))
    except Exception as error:  # noqa: BLE001 - reported by the parent as a failed build
        log.error(f"开放数据或搜索索引生成失败：{type(error).__name__}: {error}")
        os._exit(FAILED)
    if not passed:
        os._exit(FAILED)


class DerivedFiles:
    """The derived files of one build of the site, being written."""

    def __init__(self, release: Release, pages: list[Page], site: Site):
        self.arguments = (release, pages, site)
        self.process = None
        if "fork" in multiprocessing.get_all_start_methods():
            # fork: the child gets the release and the pages without copying or pickling them.
            self.process = multiprocessing.get_context("fork").Process(target=_child, args=self.arguments, daemon=True)
            self.process.start()

    @property
    def in_background(self) -> bool:
        return self.process is not None

    def finish(self) -> bool:
        """Wait for the files; whether they were written and passed the audit."""
        if self.process is None:
            return report(audited_files(*self.arguments))
        self.process.join()
        return self.process.exitcode == 0

    def abandon(self) -> None:
        """Stop writing files nobody will read (a newer save, a failed build, the server stopping)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
