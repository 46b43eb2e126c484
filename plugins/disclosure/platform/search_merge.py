"""The platform's search index, merged from the agencies' built indexes without reading their pages.

Each agency keeps its own entry numbers: on the platform, agency a's entry n is number
offset(a) + n, agency after agency in the platform's order. The merge therefore never decodes a
posting list: a merged key's payload is the agencies' own payloads for it, each behind the agency's
position (postings.encode_segments), and the browser adds the offset as it reads them. Results keep
one agency's order (newest first, then by number) through `order.bin`, each entry's date in runs of
one day (postings.encode_days). Records are not copied: the browser reads an agency's own
r/<n>.json under its path (audited with the rest of its site) and shows it under the agency's name.

Shards are merged a group at a time (shard counts are powers of two, so agency shard s and merged
shard j can only share keys when s ≡ j modulo the smaller count): each agency shard is read once
and only one group's payloads are in memory. Groups are independent: each core's process takes its
share of them.
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
from itertools import accumulate
from pathlib import Path
from zlib import crc32

from disclosure.layout import FacetValue, facet_values
from disclosure.search.index import ORDER, SHARD_BYTES
from disclosure.search.postings import decode_shard, encode_days, encode_raw_shard, encode_segments, encode_shard, raw_shard, shard_count

# Filters whose values mean the same on every agency's site; 部门 and 目录事项 are each agency's own.
SHARED_FACETS = ("type", "kind", "year", "validity")
AGENCY_FACET = "agency"
LISTS = ("g", "p")  # the shard folders


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


# A record is compact JSON whose values are text: a quote inside a value is escaped, so `,"d":"`
# can only be the key itself. Any other form is parsed as JSON.
_DATE = re.compile(rb',"d":"(\d{4}-\d{2}-\d{2})"')
UNDATED = 0  # pages that are not publications come after every dated entry, as in an agency's index


def _date_of(raw: bytes) -> int:
    found = _DATE.search(raw)
    if found:
        return dt.date.fromisoformat(found.group(1).decode()).toordinal()
    day = json.loads(raw).get("d")
    return dt.date.fromisoformat(day).toordinal() if day else UNDATED


@dataclass(frozen=True)
class MergedFacet:
    name: str
    values: tuple[str, ...]


def _merge_shards(folder: str, indexes: list[AgencyIndex], target: Path) -> int:
    present = [(a, index, index.manifest["shards"][folder]) for a, index in enumerate(indexes)]
    size = sum((index.data / folder / f"{s}.bin").stat().st_size for _, index, shards in present for s in range(shards))
    merged_count = shard_count(size, SHARD_BYTES)
    groups = min([merged_count] + [shards for _, _, shards in present])
    (target / folder).mkdir(parents=True, exist_ok=True)
    shares = [(folder, present, target, merged_count, groups, range(w, groups, WORKERS)) for w in range(min(WORKERS, groups))]
    _on_every_core(_merge_groups, shares)
    return merged_count


def _merge_groups(folder: str, present: list[tuple[int, AgencyIndex, int]], target: Path, merged_count: int, groups: int, chosen: range) -> None:
    """The merged shards of the groups `chosen` among `groups`: per key, the agencies' payloads as they are."""
    for group in chosen:
        # Keys stay in UTF-8: their order is the same, and shard_of hashes those bytes.
        by_shard: defaultdict[int, defaultdict[bytes, list[tuple[int, bytes]]]] = defaultdict(lambda: defaultdict(list))
        for a, index, shards in present:
            for s in range(group, shards, groups):
                with open(f"{index.data}/{folder}/{s}.bin", "rb") as file:
                    for key, payload in raw_shard(file.read()):
                        by_shard[crc32(key) % merged_count][key].append((a, payload))
        for j in range(group, merged_count, groups):
            keys = by_shard[j]
            with open(f"{target}/{folder}/{j}.bin", "wb") as file:
                file.write(encode_raw_shard([(key, encode_segments(keys[key])) for key in sorted(keys)]))


def _merge_facets(indexes: list[AgencyIndex], target: Path) -> list[MergedFacet]:
    """The filters whose values mean the same everywhere, merged as the shards are; the agency filter needs
    no file (an agency's entries are the numbers from its offset on)."""
    (target / "facets").mkdir(parents=True, exist_ok=True)
    facets = [MergedFacet(AGENCY_FACET, tuple(index.id for index in indexes))]
    for name in SHARED_FACETS:
        values: dict[str, list[tuple[int, bytes]]] = defaultdict(list)
        for a, index in enumerate(indexes):
            path = index.data / "facets" / f"{name}.bin"
            if path.exists():
                for value, payload in decode_shard(path.read_bytes()).items():
                    values[value].append((a, payload))
        if values:
            (target / "facets" / f"{name}.bin").write_bytes(encode_shard([(value, encode_segments(values[value])) for value in sorted(values)]))
            facets.append(MergedFacet(name, tuple(sorted(values))))
    return facets


def merge_indexes(indexes: list[AgencyIndex], target: Path) -> list[MergedFacet]:
    """Write the merged index into `target` (the platform's search/data); the filters it offers."""
    first = indexes[0].manifest
    for index in indexes:
        if (index.manifest["format"], index.manifest["gram"]) != (first["format"], first["gram"]):
            raise IndexMismatch(f"{index.name}的搜索索引格式（{index.manifest['format']}）与{indexes[0].name}（{first['format']}）不同，请用同一版本的程序重新构建")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shards = {folder: _merge_shards(folder, indexes, target) for folder in LISTS}
    facets = _merge_facets(indexes, target)
    (target / ORDER).write_bytes(encode_days([index.dates() for index in indexes]))
    syllables = set()
    for index in indexes:
        syllables.update(json.loads((index.data / "pinyin.json").read_text(encoding="utf-8"))["syllables"])
    (target / "pinyin.json").write_text(json.dumps({"syllables": sorted(syllables)}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shutil.copyfile(indexes[0].data / "t2s.json", target / "t2s.json")
    offsets = list(accumulate((index.total for index in indexes), initial=0))
    agencies = [{"id": i.id, "name": i.name, "path": i.path, "offset": offset, "entries": i.total} for i, offset in zip(indexes, offsets)]
    manifest = {**first, "entries": offsets[-1], "shards": shards, "agencies": agencies}
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return facets


def facet_labels(facet: MergedFacet, names: dict[str, str]) -> tuple[FacetValue, ...]:
    """The values of a merged filter, in the order one agency's search page lists them (agencies in the platform's)."""
    return facet_values(facet.name, facet.values, names if facet.name == AGENCY_FACET else None)
