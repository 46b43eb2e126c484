"""One agency's part of a platform: its content fetched, its site built under its path, a manifest.

The output folder of an agency (one per agency under the builds folder, or one CI artifact):

    site/            the agency's site, built for <platform url>/<path>/
    manifest.json    what the merge needs: who, where, the content hash, counts, when built, the
                     date of each search entry, and every file of site/ (the build's own output
                     audit passed on each): the merge publishes no other
    failure.json     only after a failed build: why; site/ and manifest.json stay the last good ones
    audited.json     which files of site/ passed the output audit on this machine, as they were then
                     (platform/audit.py): the merge reads only the others again

A build whose content hash (content, settings, engine, day) equals the manifest's is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from disclosure import options as settings
from disclosure.cache import PACKAGE
from disclosure.options import _ConfigLoader
from disclosure.platform.config import Agency, Platform
from disclosure.platform.search_merge import record_dates
from disclosure.platform.audit import AUDITED, record_audited
from disclosure.publishing.audit import site_files
from disclosure.search.index import DATA

import yaml

SITE, MANIFEST, FAILURE = "site", "manifest.json", "failure.json"
# What a build reads besides the folders mkdocs.yml names (docs_dir, theme.custom_dir).
READ = ("mkdocs.yml", "calendar.yml", "catalogue", "guides", "interpretations", "attachments", "templates", "schemas")
SKIPPED_FOLDERS = frozenset({".git", ".cache", "__pycache__"})
LIBRARIES = ("mkdocs", "mkdocs-material")
PLATFORM_CODE = Path(__file__).resolve().parent


class AgencyBuildError(Exception):
    """A build that produced no site; the message is in Chinese for the log."""


def _files(place: Path):
    if place.is_file():
        yield place
        return
    for folder, subfolders, names in os.walk(place):
        subfolders[:] = sorted(s for s in subfolders if s not in SKIPPED_FOLDERS)
        for name in sorted(names):
            yield Path(folder, name)


def _read_folders(source: Path) -> list[Path]:
    try:
        config = yaml.load((source / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    named = [config.get("docs_dir") or "docs", theme.get("custom_dir")]
    return [source / name for name in READ] + [source / name for name in named if isinstance(name, str)]


def content_hash(source: Path, site_url: str, as_of: dt.date) -> str:
    """Everything the agency's site depends on: its files, the engine, the URL and the day (定时发布)."""
    digest = hashlib.sha256(f"{site_url}\0{as_of.isoformat()}\0".encode())
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    for place, label in [(PACKAGE, "engine")] + [(p, "content") for p in _read_folders(source)]:
        if not place.exists():
            continue
        for path in _files(place):
            if path.suffix == ".pyc" or path.is_relative_to(PLATFORM_CODE):  # the merge does not shape an agency's site
                continue
            digest.update(f"{label}:{path.relative_to(place).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fetch_source(platform: Platform, agency: Agency, work: Path) -> Path:
    """The agency's content repository on this machine: its folder, or a shallow clone of its git ref."""
    folder = platform.folder_of(agency)
    if folder is not None:
        return folder
    clone = work / "sources" / agency.id
    shutil.rmtree(clone, ignore_errors=True)
    clone.parent.mkdir(parents=True, exist_ok=True)
    command = ["git", "clone", "--quiet", "--depth", "1", *(["--branch", agency.source.ref] if agency.source.ref else []), agency.source.git, str(clone)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise AgencyBuildError(f"无法取得 {agency.source.describe()}：{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'git 失败'}")
    return clone


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _counts(site: Path) -> dict:
    catalogue = read_json(site / "data" / "catalogue.json") or {}
    guides = read_json(site / "data" / "guides.json") or {}
    index = read_json(site / DATA / "manifest.json") or {}
    return {"documents": catalogue.get("count", 0), "guides": guides.get("count", 0), "search_entries": index.get("entries", 0)}


def _mkdocs_build(source: Path, site: Path, site_url: str, as_of: dt.date | None) -> None:
    """A strict MkDocs build of the agency's own mkdocs.yml; the platform sets only its site URL, its
    folder and, when asked, the day it is built for."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:  # MkDocs's own reader of mkdocs.yml stops at a bad date or a syntax error with a Python traceback
        settings.load(source / "mkdocs.yml")
    except settings.ConfigFileError as error:
        raise AgencyBuildError(f"站点生成失败：{error}") from None
    problems = _Problems()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    try:
        config = load_config(str(source / "mkdocs.yml"), site_dir=str(site), site_url=site_url or None, strict=True)
        if as_of and "disclosure" in config.plugins:
            config.plugins["disclosure"].config["as_of"] = as_of.isoformat()
        build(config)
    except (MkDocsException, SystemExit) as error:  # SystemExit: how MkDocs aborts a strict build
        said = "；".join(problems.messages[:3]) or str(error)
        more = f"（另有 {len(problems.messages) - 3} 个问题，见构建日志）" if len(problems.messages) > 3 else ""
        raise AgencyBuildError(f"站点生成失败：{said}{more}") from error
    finally:
        logger.removeHandler(problems)


class _Problems(logging.Handler):
    """The build's warnings and errors: printed as they come, and kept for failure.json."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        self.messages.append(message)
        print(f"{'错误' if record.levelno >= logging.ERROR else '警告'}：{message}", file=sys.stderr)


@dataclass
class Outcome:
    agency: Agency
    status: str  # "built", "unchanged" or "failed"
    seconds: float
    message: str = ""


def build_agency(platform: Platform, agency: Agency, builds: Path, as_of: dt.date | None = None, force: bool = False) -> Outcome:
    """Build one agency into builds/<id>/, keeping its last good site when this build fails."""
    started = time.perf_counter()
    out = builds / agency.id
    out.mkdir(parents=True, exist_ok=True)
    site_url = platform.url_of(agency)
    try:
        source = fetch_source(platform, agency, builds / ".work")
        digest = content_hash(source, site_url, as_of or dt.date.today())
        previous = read_json(out / MANIFEST)
        if not force and previous and previous.get("hash") == digest and (out / SITE).is_dir():
            (out / FAILURE).unlink(missing_ok=True)
            return Outcome(agency, "unchanged", time.perf_counter() - started)
        building = out / f".{SITE}-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        try:
            _mkdocs_build(source, building, site_url, as_of)
            old = out / f".{SITE}-old-{os.getpid()}"
            if (out / SITE).exists():
                (out / SITE).rename(old)
            building.rename(out / SITE)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    except AgencyBuildError as error:
        (out / FAILURE).write_text(
            json.dumps({"id": agency.id, "failed": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "message": str(error)}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        return Outcome(agency, "failed", time.perf_counter() - started, str(error))
    manifest = {
        "id": agency.id,
        "name": agency.name,
        "level": agency.level,
        "parent": agency.parent,
        "path": agency.path,
        "hash": digest,
        "as_of": (as_of or dt.date.today()).isoformat(),
        "built": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "counts": _counts(out / SITE),
        "files": site_files(out / SITE),
        # For the merge's order of search entries, without opening every record at every merge.
        "dates": record_dates(out / SITE / DATA) if (out / SITE / DATA / "manifest.json").is_file() else [],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    record_audited(out, out / SITE, manifest["files"])  # the build's own output audit read every file
    (out / FAILURE).unlink(missing_ok=True)
    return Outcome(agency, "built", time.perf_counter() - started)


def adopt(fresh: Path, builds: Path) -> list[str]:
    """Take the outputs built elsewhere (a CI run's downloaded artifacts, one folder each) into `builds`:
    a successful one replaces the agency's folder; a failed one only adds its failure.json, so that the
    last good site stays. The ids taken, in order."""
    taken = []
    for folder in sorted(p for p in fresh.iterdir() if p.is_dir()):
        record = read_json(folder / MANIFEST) or read_json(folder / FAILURE)
        agency_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(agency_id, str) or not agency_id or "/" in agency_id or agency_id.startswith("."):
            continue
        target = builds / agency_id
        if (folder / MANIFEST).is_file() and (folder / SITE).is_dir():
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(folder), target)
            (target / AUDITED).unlink(missing_ok=True)  # what passed on another machine is read here again
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / FAILURE, target / FAILURE)
        taken.append(agency_id)
    return taken
