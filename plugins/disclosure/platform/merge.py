"""Assemble the platform from the agencies' build outputs, rebuilding none of them.

    <path>/            each agency's site, as it was built (hard links where the disk allows)
    index.html         the portal: agencies by level with their latest items, the newest across all
    search/?q=         one search over every agency (search/data/ merged from their indexes), agency filter
    data/catalogue.csv|json   every agency's catalogue, with the agency as a column
    feed.xml           the newest items across all agencies
    sitemap.xml        a sitemap index of the agencies' sitemaps and the portal's own

The platform is written beside the old one, audited (platform/audit.py: each agency's files as
its manifest lists them, the merge's own, no ID number or stray script in any text) and only
then renamed over the old one, so a failed merge leaves the last platform in place. An agency whose latest build failed is merged from its last
good output and named in the report; one that never built is named and left out.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from disclosure.exports import ATOM, CATALOGUE_CSV, CATALOGUE_JSON, FEED, FEED_SIZE
from disclosure.platform.agency import FAILURE, MANIFEST, SITE, read_json
from disclosure.platform.audit import audit_platform
from disclosure.platform.config import Agency, Platform
from disclosure.platform.portal import build_portal, portal_pages
from disclosure.publishing.audit import site_files
from disclosure.platform.search_merge import AgencyIndex, facet_labels, merge_indexes
from disclosure.layout import Facet
from disclosure.search.index import DATA

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PORTAL_SITEMAP = "sitemap-portal.xml"


@dataclass
class AgencyOutput:
    agency: Agency
    folder: Path  # builds/<id>: site/, manifest.json, maybe failure.json

    def __post_init__(self):
        self.manifest = read_json(self.folder / MANIFEST)
        self.failure = read_json(self.folder / FAILURE)

    @property
    def site(self) -> Path:
        return self.folder / SITE

    @property
    def usable(self) -> bool:
        return self.manifest is not None and self.site.is_dir()


@dataclass
class MergeReport:
    agencies: int = 0
    documents: int = 0
    search_entries: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # by phase, in the order they ran
    stale: list[str] = field(default_factory=list)  # Chinese lines: merged from the last good output
    missing: list[str] = field(default_factory=list)  # Chinese lines: not on the platform at all

    def lines(self) -> list[str]:
        phases = "，".join(f"{name} {seconds:.1f} 秒" for name, seconds in self.seconds.items())
        return [*self.stale, *self.missing, f"平台合并完成：{self.agencies} 个机关，{self.documents} 条公开信息，{self.search_entries} 条可检索内容（{phases}）"]


def _link_tree(source: Path, target: Path) -> None:
    """Hard links: an agency of 10,000 pages is placed in a second and takes no more disk. By `cp`,
    which makes them without Python's work per file (links to links followed, as copytree does);
    in Python where there is no such `cp`; copies where links cannot reach (another disk)."""
    try:
        if subprocess.run(["cp", "-R", "-l", "-L", "--", str(source), str(target)], stderr=subprocess.DEVNULL).returncode == 0:
            return
    except OSError:
        pass
    shutil.rmtree(target, ignore_errors=True)
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


def _link_trees(pairs: list[tuple[Path, Path]]) -> None:
    for source, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_tree(source, target)


def _relative(url: str, platform: Platform, agency: Agency) -> str:
    """A link inside an agency's site, from the portal's root."""
    base = platform.url_of(agency)
    if base and url.startswith(base):
        return f"{agency.path}/{url[len(base):]}"
    return url if "://" in url else f"{agency.path}/{url.lstrip('/')}"


def _catalogues(outputs: list[AgencyOutput], platform: Platform) -> list[dict]:
    """Every agency's catalogue records with the agency named, newest first."""
    records = []
    for output in outputs:
        data = read_json(output.site / CATALOGUE_JSON) or {}
        for record in data.get("documents", []):
            records.append({"agency": output.agency.id, "agency_name": output.agency.name, **record, "href": _relative(record.get("url", ""), platform, output.agency)})
    records.sort(key=lambda r: (r.get("published", ""), r.get("written", "")), reverse=True)
    return records


def _write_catalogues(records: list[dict], outputs: list[AgencyOutput], platform: Platform, site: Path) -> list[str]:
    """data/catalogue.json and .csv, written a record at a time (a platform's catalogue is hundreds of megabytes)."""
    fields = {"agency": "机关标识", "agency_name": "机关"}
    first = read_json(outputs[0].site / CATALOGUE_JSON) if outputs else None
    fields.update((first or {}).get("fields", {}))
    head = {"publisher": platform.name, "count": len(records), "agencies": [{"id": o.agency.id, "name": o.agency.name, "path": o.agency.path} for o in outputs],
            "fields": fields}
    (site / CATALOGUE_JSON).parent.mkdir(parents=True, exist_ok=True)
    with open(site / CATALOGUE_JSON, "w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "documents": [')
        for n, record in enumerate(records):
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps({k: v for k, v in record.items() if k != "href"}, ensure_ascii=False))
        out.write("\n ]\n}")
    # The agencies' CSV rows as they wrote them (formulas neutralised, lists joined), after the agency.
    with open(site / CATALOGUE_CSV, "w", encoding="utf-8-sig", newline="") as out:
        _write_csv(outputs, csv.writer(out))
    return [CATALOGUE_JSON, CATALOGUE_CSV]


def _write_csv(outputs: list[AgencyOutput], writer) -> None:
    header_written = False
    for output in outputs:
        path = output.site / CATALOGUE_CSV
        if not path.is_file():
            continue
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
        header = next(rows, None)
        if header is None:
            continue
        if not header_written:
            writer.writerow(["机关", *header])
            header_written = True
        writer.writerows([output.agency.name, *row] for row in rows)


def _feed(outputs: list[AgencyOutput], platform: Platform) -> bytes:
    ET.register_namespace("", ATOM)
    entries = []
    for output in outputs:
        path = output.site / FEED
        if path.is_file():
            for entry in ET.parse(path).getroot().iter(f"{{{ATOM}}}entry"):
                entries.append((entry.findtext(f"{{{ATOM}}}updated", ""), output.agency.name, entry))
    entries.sort(key=lambda e: e[0], reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    for tag, text in (("id", f"urn:disclosure-platform:{platform.url or platform.name}"), ("title", platform.name),
                      ("subtitle", f"{platform.name}各机关最新公开信息和政策解读"), ("updated", entries[0][0] if entries else "1970-01-01T00:00:00+08:00")):
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{platform.url}{FEED}"})
    for _, name, entry in entries[:FEED_SIZE]:
        title = entry.find(f"{{{ATOM}}}title")
        if title is not None and not (title.text or "").startswith(name):
            title.text = f"【{name}】{title.text or ''}"
        feed.append(entry)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _sitemap_index(outputs: list[AgencyOutput], platform: Platform) -> bytes:
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    ET.register_namespace("", SITEMAP_NS)
    for location in [PORTAL_SITEMAP] + [f"{o.agency.path}/sitemap.xml" for o in outputs if (o.site / "sitemap.xml").is_file()]:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc").text = f"{platform.url}{location}"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _remove_later(target: Path) -> None:
    """The replaced platform (hundreds of thousands of links) removed by a process of its own, at the
    lowest priority (a merge started right after is slowed less): the new one is in place already. Folders
    left by a run that was stopped are removed with it."""
    leftovers = [str(p) for p in target.parent.glob(f".{target.name}-old-*")]
    if leftovers:
        removal = "import os, shutil, sys\nos.nice(19)\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"
        subprocess.Popen([sys.executable, "-c", removal, *leftovers],
                         start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class _Phases:
    """Times each phase of the merge into `seconds`, for the report and the benchmark."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds

    @contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started


def merge(platform: Platform, builds: Path, target: Path) -> MergeReport:
    report = MergeReport()
    outputs = []
    for agency in platform.agencies:
        output = AgencyOutput(agency, builds / agency.id)
        if output.failure and output.usable:
            report.stale.append(f"机关“{agency.name}”（{agency.id}）本次构建失败：{output.failure.get('message', '')}；"
                                f"平台保留它上次成功的构建（{output.manifest.get('built', '')}）")
        elif not output.usable:
            why = f"构建失败：{output.failure.get('message', '')}" if output.failure else f"没有构建输出（{output.folder}）"
            report.missing.append(f"机关“{agency.name}”（{agency.id}）{why}；它没有出现在平台上")
            continue
        outputs.append(output)
    building = target.with_name(f".{target.name}-{os.getpid()}")
    sites = target.with_name(f".{target.name}-sites-{os.getpid()}")  # linked there while the index is merged
    for folder in (building, sites):
        shutil.rmtree(folder, ignore_errors=True)
    phase = _Phases(report.seconds)
    placing = ThreadPoolExecutor(max_workers=1)
    linked = placing.submit(_link_trees, [(o.site, sites / o.agency.path) for o in outputs])
    try:
        with phase("检索索引"):
            records = _catalogues(outputs, platform)
            indexes = [AgencyIndex(o.agency.id, o.agency.name, o.agency.path, o.site / DATA, o.manifest.get("dates"))
                       for o in outputs if (o.site / DATA / "manifest.json").is_file()]
            aside = target.with_name(f".{target.name}-search-{os.getpid()}")
            merged = merge_indexes(indexes, aside) if indexes else []
        with phase("门户页面"):
            names = {a.id: a.name for a in platform.agencies}
            labels = {"agency": "机关", "type": "内容类型", "kind": "信息类别", "year": "年份", "validity": "有效性"}
            facets = [Facet(f.name, labels[f.name], facet_labels(f, names)) for f in merged]
            counts = {o.agency.id: o.manifest["counts"] for o in outputs}
            own = build_portal(platform, portal_pages(platform, counts, records, facets), building)
            if indexes:
                own.update(f"{DATA}/{rel}" for rel in site_files(aside))
                aside.rename(building / DATA)
        with phase("机关站点"):
            linked.result()
            for output in outputs:
                (building / output.agency.path).parent.mkdir(parents=True, exist_ok=True)
                (sites / output.agency.path).rename(building / output.agency.path)
        with phase("开放数据"):
            own.update(_write_catalogues(records, outputs, platform, building))
            files = {FEED: _feed(outputs, platform)}
            (building / "sitemap.xml").rename(building / PORTAL_SITEMAP)
            (building / "sitemap.xml.gz").unlink(missing_ok=True)
            own -= {"sitemap.xml.gz"}
            files["sitemap.xml"] = _sitemap_index(outputs, platform)
            for path, content in files.items():
                (building / path).parent.mkdir(parents=True, exist_ok=True)
                (building / path).write_bytes(content)
            own |= {PORTAL_SITEMAP, *files}
        with phase("输出审计"):
            audit_platform(building, own, [(o.agency, o.manifest, o.folder) for o in outputs])
        with phase("替换旧平台"):
            old = target.with_name(f".{target.name}-old-{os.getpid()}")
            if target.exists():
                target.rename(old)
            building.rename(target)
            _remove_later(target)
    finally:
        placing.shutdown(wait=True)
        for folder in (building, sites, target.with_name(f".{target.name}-search-{os.getpid()}")):
            shutil.rmtree(folder, ignore_errors=True)
    report.agencies = len(outputs)
    report.documents = len(records)
    report.search_entries = sum(index.total for index in indexes)
    return report
