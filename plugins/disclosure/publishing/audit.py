"""The output audit, the last look before publishing: every file under site/ is one the build meant
to write, and no text in it holds a resident ID number, however written.

The checker reads the sources; this reads what was written. A theme override, a template, a file
left in docs/, another plugin or a rule the checker lacks cannot publish what the release did not
approve: the build fails, naming the file.
"""

from __future__ import annotations

import gzip
import heapq
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from disclosure import pii
from disclosure.publishing import active_content

# Files read as text; anything else (PDF, images, the search index's binary shards) is published
# only if the manifest names it, and attachments' contents are the attachment rules' concern.
TEXT_SUFFIXES = (".html", ".htm", ".xml", ".json", ".csv", ".txt", ".js", ".mjs", ".css", ".svg", ".md", ".webmanifest", ".map", ".xml.gz")
# Left in a site folder by whoever deploys it (MkDocs' own cleaning keeps them): not the build's.
DEPLOYMENT_FILES = (".git", ".nojekyll")
# Less text than this is read in the process itself: starting others would cost more than they save.
PARALLEL_BYTES = 4_000_000


@dataclass
class Manifest:
    """What a build means to publish, by path under the site folder (POSIX separators)."""

    files: set[str] = field(default_factory=set)
    folders: tuple[str, ...] = ()  # "search/data/": whatever the build writes in there

    def expects(self, rel: str) -> bool:
        return rel in self.files or rel.startswith(self.folders)


@dataclass(frozen=True)
class Finding:
    path: str  # under the site folder
    message: str
    line: int = 0
    unexpected: bool = False  # a file the build did not mean to write (rather than one it wrote wrong)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Listing:
    """What is under a site folder, by POSIX path there."""

    files: list[str]  # sorted; links among them, never followed
    links: set[str]  # a build writes none: a deployment that follows one publishes what the audit did not read
    unreadable: list[str]  # folders that could not be listed


def site_listing(site_dir: Path) -> Listing:
    listing, waiting = Listing([], set(), []), [(os.fspath(site_dir), "")]
    while waiting:  # strings, not paths: a platform has hundreds of thousands of files
        directory, prefix = waiting.pop()
        try:
            entries = os.scandir(directory)
        except OSError:
            if prefix:  # no site folder at all: nothing in it
                listing.unreadable.append(prefix.rstrip("/"))
            continue
        with entries:
            for entry in entries:
                if not prefix and entry.name in DEPLOYMENT_FILES:
                    continue
                if entry.is_symlink():
                    listing.links.add(prefix + entry.name)
                elif entry.is_dir():
                    waiting.append((entry.path, f"{prefix}{entry.name}/"))
                    continue
                listing.files.append(prefix + entry.name)
    listing.files.sort()
    return listing


def site_files(site_dir: Path) -> list[str]:
    """Every file under the site folder by its POSIX path there (site_listing())."""
    return site_listing(site_dir).files


def unexpected_file(rel: str) -> Finding:
    return Finding(rel, "不是本次构建要发布的文件（可能来自 docs/ 中多余的文件、主题模板或其他插件），不能发布；确认来源后删除它", unexpected=True)


def _link(rel: str) -> Finding:
    return Finding(rel, "是一个链接，不是构建写出的文件：部署时会发布它指向的内容，那些内容没有经过审计，不能发布；删除它")


def _unreadable_folder(rel: str) -> Finding:
    return Finding(rel, "这个文件夹无法读取，不能确认其中的文件可以发布；检查它的权限或删除它")


def is_text(rel: str) -> bool:
    return rel.lower().endswith(TEXT_SUFFIXES)


def readable_text(path: Path) -> tuple[str, bool]:
    """The text a reader or a program gets from a published file (gzip opened, JSON's \\u escapes
    read), and whether its lines are the file's."""
    return readable(path.name, path.read_bytes())


def readable(name: str, data: bytes) -> tuple[str, bool]:
    """readable_text() of a file called `name` that holds `data`."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".json") and "\\u" in text:
        try:
            return "\0".join(_json_text(json.loads(text), [])), False  # \0 ends a number: values stay apart
        except ValueError:
            pass  # not JSON after all: read as it stands
    return text, True


def _json_text(value, found: list[str]) -> list[str]:
    if isinstance(value, dict):
        found.extend(value)
        for child in value.values():
            _json_text(child, found)
    elif isinstance(value, list):
        for child in value:
            _json_text(child, found)
    elif not isinstance(value, bool) and value is not None:
        found.append(str(value))
    return found


class Reading:
    """What one audit has read: the pieces every page repeats (disclosure.repeated) are looked at once."""

    def __init__(self):
        self.numbers = pii.resident_id_memo()
        self.scripts = active_content.suspect_memo()


def text_findings(site_dir: Path, paths: list[str], scripts: bool = True) -> list[Finding]:
    """Resident ID numbers in the text files among `paths`, read as a reader sees them (disclosure.pii),
    and, with `scripts`, in their HTML pages every piece of active content the theme did not put there
    (known by the page's Content-Security-Policy, which a preview's pages do not carry)."""
    findings = []
    reading = Reading()
    for rel in paths:
        if not is_text(rel):
            continue
        try:
            data = (site_dir / rel).read_bytes()
        except OSError as error:
            findings.append(Finding(rel, f"无法读取（{type(error).__name__}），不能确认其中没有个人信息"))
            continue
        findings += file_findings(rel, data, scripts, reading)
    return findings


def file_findings(rel: str, data: bytes, scripts: bool = True, reading: Reading | None = None) -> list[Finding]:
    """text_findings() of one text file, `rel` under the site folder, that holds `data` (for a process
    that audits what it writes as it writes it); `reading` of the files before it, if any."""
    try:
        text, lines = readable(rel, data)
    except (EOFError, gzip.BadGzipFile) as error:
        return [Finding(rel, f"无法读取（{type(error).__name__}），不能确认其中没有个人信息")]
    findings = []
    for number in pii.resident_ids(text, reading and reading.numbers):
        line = text.count("\n", 0, number.start) + 1 if lines else 0
        findings.append(Finding(rel, f"含有居民身份证号码 {number.masked()}，不能发布（内容检查未发现它：可能来自模板、网站设置或派生文件）", line))
    if scripts and rel.lower().endswith((".html", ".htm")):
        findings.extend(Finding(rel, f"含有不是主题放入的活动内容，不能发布：{found}") for found in active_content.findings(text, reading and reading.scripts))
    return findings


def _in_parallel(site_dir: Path, paths: list[str], workers: int, scripts: bool) -> list[Finding]:
    """text_findings() over `paths` in `workers` processes: reading the whole site is the audit's cost."""
    with reading(site_dir, paths, workers, scripts) as findings:
        return findings()


@contextmanager
def reading(site_dir: Path, paths: list[str], workers: int, scripts: bool = True) -> Iterator[Callable[[], list[Finding]]]:
    """text_findings() over `paths`, begun at once in up to `workers` processes while the caller goes on;
    yields the function that waits for their findings. Processes left are stopped on leaving."""
    shares = _shares(site_dir, paths, workers) if workers > 1 and "fork" in multiprocessing.get_all_start_methods() else []
    if len(shares) < 2:
        yield lambda: text_findings(site_dir, paths, scripts)
        return
    with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
        begun = pool.starmap_async(text_findings, [(site_dir, share, scripts) for share in shares])
        yield lambda: sorted((finding for found in begun.get() for finding in found), key=lambda f: (f.path, f.line))


def _shares(site_dir: Path, paths: list[str], workers: int) -> list[list[str]]:
    """The text files among `paths` dealt to at most `workers` processes by size, the largest first each to
    the least loaded (a platform's two catalogues are most of what it reads); one share if too little to
    be worth a process."""
    sized = []
    for rel in paths:
        if is_text(rel):
            try:
                sized.append((os.stat(os.path.join(site_dir, rel)).st_size, rel))
            except OSError:
                sized.append((0, rel))  # text_findings() names it
    if sum(size for size, _ in sized) < PARALLEL_BYTES:
        return [[rel for _, rel in sized]]
    loads = [(0, n, []) for n in range(min(workers, len(sized)))]
    for size, rel in sorted(sized, reverse=True):
        load, n, share = heapq.heappop(loads)
        share.append(rel)
        heapq.heappush(loads, (load + size, n, share))
    return [share for _, _, share in sorted(loads, key=lambda load: load[1])]


def audit(site_dir: Path, manifest: Manifest, *, audited: Manifest | None = None, workers: int = 1, scripts: bool = True) -> list[Finding]:
    """Every file the build did not mean to write, and ID numbers in every other text file but the
    `audited` ones (the derived files, audited by the process that writes them)."""
    present = site_listing(site_dir)
    findings = [_unreadable_folder(rel) for rel in present.unreadable]
    findings += [_link(rel) if rel in present.links else unexpected_file(rel) for rel in present.files if rel in present.links or not manifest.expects(rel)]
    readable = [rel for rel in present.files if rel not in present.links and manifest.expects(rel) and not (audited and audited.expects(rel)) and is_text(rel)]
    return findings + _in_parallel(site_dir, readable, workers, scripts)
