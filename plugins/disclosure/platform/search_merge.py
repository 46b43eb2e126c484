"""The platform's search index, merged from the agencies' built indexes without reading their pages.

Entry numbers are renumbered across agencies, newest first as in one agency's index (so the
search page's date order and tie-breaking stay right): each agency's numbers map, in order, onto
the merged ones, and every posting list becomes the union of the agencies' lists, renumbered.
Shards are merged a group at a time (shard counts are powers of two, so agency shard s and merged
shard j can only share keys when s ≡ j modulo the smaller count): each agency shard is read once
and only one group's lists are in memory. Groups, like records, are independent: each core's
process takes its share of them.

Records are rewritten with the agency's path in their URL and its name in what a result shows;
an `agency` filter is added, and the filters whose values mean the same on every site are merged.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from disclosure.layout import FacetValue, facet_values
from disclosure.publishing.audit import Finding, file_findings
from disclosure.search.index import DATA, SHARD_BYTES
from disclosure.search.postings import decode_list, decode_shard, encode_list, encode_shard, shard_count, shard_of

# Filters whose values mean the same on every agency's site; 部门 and 目录事项 are each agency's own.
SHARED_FACETS = ("type", "kind", "year", "validity")
AGENCY_FACET = "agency"
LISTS = {"g": 3, "p": 1}  # posting lists per key: everywhere, in title, in 内容概述; pinyin of titles


WORKERS = min(os.cpu_count() or 1, 4)


class IndexMismatch(Exception):
    """Agencies built by engines that write different index formats."""


def _on_every_core(work, shares: list[tuple]) -> list:
    """[work(*share) for share in shares], each share in a process of its own, forked so that it finds
    the merge's modules loaded; one after the other where a process cannot fork."""
    if len(shares) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(*share) for share in shares]
    with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
        return pool.starmap(work, shares)


@dataclass
class AgencyIndex:
    id: str
    name: str
    path: str  # URL path under the platform, no slashes at the ends
    data: Path  # the agency's search/data folder
    known_dates: list | None = None  # dates(), as the agency's build noted them (else read from the records)

    def __post_init__(self):
        self.manifest = json.loads((self.data / "manifest.json").read_text(encoding="utf-8"))
        self.total: int = self.manifest["entries"]
        self.records = f"{self.data}/r/"  # a string: the merge opens every record

    def record(self, n: int) -> bytes:
        with open(f"{self.records}{n}.json", "rb") as file:
            return file.read()

    def dates(self) -> list[int]:
        """Each entry's date (发布日期 or 更新日期) as an ordinal."""
        known = self.known_dates
        if isinstance(known, list) and len(known) == self.total and all(type(day) is int for day in known):
            return known
        return record_dates(self.data)


def record_dates(data: Path) -> list[int]:
    """The date of each entry of the index in `data` as an ordinal, read without parsing whole records."""
    total = json.loads((data / "manifest.json").read_text(encoding="utf-8"))["entries"]
    return [_date_of((data / "r" / f"{n}.json").read_bytes()) for n in range(total)]


# A record is compact JSON whose first key is "t" and whose values are text: a quote inside a value is
# escaped, so `,"d":"` (or "u", "k") can only be the key itself. Any other form is parsed as JSON.
_DATE = re.compile(rb',"d":"(\d{4}-\d{2}-\d{2})"')
_URL, _KIND = b',"u":"', b',"k":"'
UNDATED = 0  # pages that are not publications come after every dated entry, as in an agency's index


def _date_of(raw: bytes) -> int:
    found = _DATE.search(raw)
    if found:
        return dt.date.fromisoformat(found.group(1).decode()).toordinal()
    day = json.loads(raw).get("d")
    return dt.date.fromisoformat(day).toordinal() if day else UNDATED


def _placed(raw: bytes, index: AgencyIndex) -> bytes:
    """The record as the platform shows it: URL under the agency's path, the agency named in its kind."""
    if raw.startswith(b'{"t":"') and _URL in raw and _KIND in raw:
        name = json.dumps(f"{index.name} · ", ensure_ascii=False)[1:-1].encode()
        return raw.replace(_URL, _URL + index.path.encode() + b"/", 1).replace(_KIND, _KIND + name, 1)
    record = json.loads(raw)
    record["u"], record["k"] = f"{index.path}/{record['u']}", f"{index.name} · {record['k']}"
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class MergedFacet:
    name: str
    values: tuple[str, ...]


def _order(indexes: list[AgencyIndex]) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """mapping[a][n]: the merged number of agency a's entry n; and, by merged number, (a, n).
    Newest first, as in one agency's index; on one day, in the agencies' order, each keeping its own."""
    keyed = [(-day, a, n) for a, index in enumerate(indexes) for n, day in enumerate(index.dates())]
    keyed.sort()
    mapping = [[0] * index.total for index in indexes]
    placed = []
    for merged, (_, a, n) in enumerate(keyed):
        mapping[a][n] = merged
        placed.append((a, n))
    return mapping, placed


def _lists(payload: bytes, count: int, total: int, mapping: list[int]) -> list[list[int]]:
    lists, offset, renumber = [], 0, mapping.__getitem__
    for _ in range(count):
        numbers, offset = decode_list(payload, offset, total)
        lists.append(list(map(renumber, numbers)))
    return lists


def _union(lists) -> list[int]:
    """Of the agencies' renumbered lists, disjoint and each ascending (sort merges their runs in C)."""
    return sorted(chain.from_iterable(lists))


def _merge_shards(folder: str, indexes: list[AgencyIndex], mapping: list[list[int]], total: int, target: Path) -> int:
    count = LISTS[folder]
    present = [(a, index, index.manifest["shards"][folder]) for a, index in enumerate(indexes)]
    size = sum((index.data / folder / f"{s}.bin").stat().st_size for _, index, shards in present for s in range(shards))
    merged_count = shard_count(size, SHARD_BYTES)
    groups = min([merged_count] + [shards for _, _, shards in present])
    (target / folder).mkdir(parents=True, exist_ok=True)
    shares = [(folder, present, mapping, total, target, merged_count, groups, range(w, groups, WORKERS)) for w in range(min(WORKERS, groups))]
    _on_every_core(_merge_groups, shares)
    return merged_count


def _merge_groups(folder: str, present: list[tuple[int, AgencyIndex, int]], mapping: list[list[int]], total: int, target: Path, merged_count: int,
                  groups: int, chosen: range) -> None:
    """The merged shards of the groups `chosen` among `groups`."""
    count = LISTS[folder]
    for group in chosen:
        keys: dict[str, list[list[list[int]]]] = defaultdict(list)
        for a, index, shards in present:
            for s in range(group, shards, groups):
                for key, payload in decode_shard((index.data / folder / f"{s}.bin").read_bytes()).items():
                    keys[key].append(_lists(payload, count, index.total, mapping[a]))
        by_shard: dict[int, list[tuple[str, bytes]]] = defaultdict(list)
        for key in sorted(keys):
            parts = keys[key]
            payload = b"".join(
                encode_list(parts[0][i] if len(parts) == 1 else _union(p[i] for p in parts), total) for i in range(count)
            )
            by_shard[shard_of(key, merged_count)].append((key, payload))
        for j in range(group, merged_count, groups):
            (target / folder / f"{j}.bin").write_bytes(encode_shard(by_shard.get(j, [])))


def _write_records(indexes: list[AgencyIndex], placed: list[tuple[int, int]], chosen: range, target: Path) -> list[Finding]:
    """The records `chosen` by merged number, audited as they are written (the audit's text pass)."""
    findings, folder = [], f"{target}/r/"
    for merged in chosen:
        a, n = placed[merged]
        record = _placed(indexes[a].record(n), indexes[a])
        with open(f"{folder}{merged}.json", "wb") as file:
            file.write(record)
        findings += file_findings(f"{DATA}/r/{merged}.json", record)
    return findings


def _merge_facets(indexes: list[AgencyIndex], mapping: list[list[int]], total: int, target: Path) -> list[MergedFacet]:
    (target / "facets").mkdir(parents=True, exist_ok=True)
    facets = [MergedFacet(AGENCY_FACET, tuple(index.id for index in indexes))]
    agency_lists = [(index.id, encode_list(mapping[a], total)) for a, index in enumerate(indexes)]  # mapping[a] ascends
    (target / "facets" / f"{AGENCY_FACET}.bin").write_bytes(encode_shard(agency_lists))
    for name in SHARED_FACETS:
        values: dict[str, list[list[int]]] = defaultdict(list)
        for a, index in enumerate(indexes):
            path = index.data / "facets" / f"{name}.bin"
            if path.exists():
                for value, payload in decode_shard(path.read_bytes()).items():
                    values[value].append(_lists(payload, 1, index.total, mapping[a])[0])
        if values:
            lists = [(value, encode_list(_union(parts), total)) for value, parts in sorted(values.items())]
            (target / "facets" / f"{name}.bin").write_bytes(encode_shard(lists))
            facets.append(MergedFacet(name, tuple(sorted(values))))
    return facets


def merge_indexes(indexes: list[AgencyIndex], target: Path) -> tuple[list[MergedFacet], list[Finding]]:
    """Write the merged index into `target` (the platform's search/data): the filters it offers, and what
    the audit's text pass found in its records (paths under the platform)."""
    first = indexes[0].manifest
    for index in indexes:
        if (index.manifest["format"], index.manifest["gram"]) != (first["format"], first["gram"]):
            raise IndexMismatch(f"{index.name}的搜索索引格式（{index.manifest['format']}）与{indexes[0].name}（{first['format']}）不同，请用同一版本的程序重新构建")
    shutil.rmtree(target, ignore_errors=True)
    (target / "r").mkdir(parents=True)
    mapping, placed = _order(indexes)
    total = len(placed)
    findings = [f for found in _on_every_core(_write_records, [(indexes, placed, range(w, total, WORKERS), target) for w in range(WORKERS)]) for f in found]
    shards = {folder: _merge_shards(folder, indexes, mapping, total, target) for folder in LISTS}
    facets = _merge_facets(indexes, mapping, total, target)
    syllables = set()
    for index in indexes:
        syllables.update(json.loads((index.data / "pinyin.json").read_text(encoding="utf-8"))["syllables"])
    (target / "pinyin.json").write_text(json.dumps({"syllables": sorted(syllables)}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shutil.copyfile(indexes[0].data / "t2s.json", target / "t2s.json")
    manifest = {**first, "entries": total, "shards": shards, "agencies": [{"id": i.id, "name": i.name, "path": i.path} for i in indexes]}
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return facets, findings


def facet_labels(facet: MergedFacet, names: dict[str, str]) -> tuple[FacetValue, ...]:
    """The values of a merged filter, in the order one agency's search page lists them (agencies in the platform's)."""
    return facet_values(facet.name, facet.values, names if facet.name == AGENCY_FACET else None)
