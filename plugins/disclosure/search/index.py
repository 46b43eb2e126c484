"""Build the search index: the files under search/data/ that search.js (and query.py) read.

    manifest.json       entry count, shard counts, which characters are traditional
    g/<k>.bin           n-gram shards: for each key of 1–3 folded characters, the entries whose
                        page contains it, whose title does and whose 内容概述 does
    p/<k>.bin           pinyin shards: for each pinyin key, the entries whose title has it
    facets/<name>.bin   for each filter value, its entries
    r/<n>.json          entry n (the n-th newest): what a result shows, and the text to cut an
                        excerpt from and to confirm a long query in
    t2s.json            traditional → simplified, fetched only for a query that has one
    pinyin.json         the syllables of all titles, to split a pinyin query

A platform's merged index (platform/search_merge.py) has the same files but no r/: its manifest
lists the agencies with their offsets, its lists keep each agency's numbers, and ORDER holds
each entry's date for the order of results across agencies.

A query of up to three characters is answered exactly by its key. A longer one intersects the
lists of three-character pieces that cover it: every page that contains it is among them, and
the browser confirms each result it shows against the entry's text.
"""

from __future__ import annotations

import base64
import json
import operator
import shutil
from collections import defaultdict
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from disclosure.search import pinyin
from disclosure.search.entries import SearchEntry
from disclosure.search.normalize import BITMAP_END, BITMAP_START, WORD_RUN, fold, traditional_to_simplified
from disclosure.search.postings import encode_list, encode_shard, shard_count, shard_of

FORMAT = 1
GRAM = 3  # the longest key; longer queries are covered by keys of this length
SHARD_BYTES = 8 * 1024  # average shard: a query fetches a few of these
DATA = "search/data"  # under the site root
ORDER = "order.bin"  # a platform's only: the date of every entry (postings.encode_days)


def grams(folded: str) -> set[str]:
    """Every run of 1 to GRAM letters or digits in `folded` text."""
    found = set()
    for run in WORD_RUN.findall(folded):
        found.update(run)
        if len(run) > 1:
            pairs = list(map(operator.add, run, run[1:]))
            found.update(pairs)
            found.update(map(operator.add, pairs, run[2:]))
    return found


def _invert(sets, postings: defaultdict) -> None:
    """Append entry n to the list of every key in sets[n] (map/append run in C: millions of postings)."""
    for n, keys in enumerate(sets):
        any(map(list.append, map(postings.__getitem__, keys), repeat(n)))


@dataclass
class SearchIndex:
    files: dict[str, bytes]  # path under DATA → content
    entries: int

    @property
    def size(self) -> int:
        return sum(map(len, self.files.values()))

    def write(self, target: Path) -> None:
        """Into `target` (the site's DATA folder, or a folder to be renamed to it)."""
        shutil.rmtree(target, ignore_errors=True)  # shard counts change between builds
        for folder in {Path(path).parent for path in self.files}:
            (target / folder).mkdir(parents=True, exist_ok=True)
        for path, content in self.files.items():
            (target / path).write_bytes(content)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _shards(folder: str, payloads: dict[str, bytes]) -> tuple[int, dict[str, bytes]]:
    count = shard_count(sum(map(len, payloads.values())), SHARD_BYTES)
    grouped: dict[int, list] = defaultdict(list)
    for key in sorted(payloads):
        grouped[shard_of(key, count)].append((key, payloads[key]))
    return count, {f"{folder}/{k}.bin": encode_shard(grouped.get(k, [])) for k in range(count)}


def _traditional() -> dict:
    """The characters whose query needs t2s.json: a bitmap of the CJK blocks, the rest listed."""
    bits = bytearray((BITMAP_END - BITMAP_START + 7) // 8)
    outside = []
    for character in traditional_to_simplified():
        code = ord(character) - BITMAP_START
        if 0 <= code < BITMAP_END - BITMAP_START:
            bits[code >> 3] |= 1 << (code & 7)
        else:
            outside.append(character)
    return {"start": BITMAP_START, "bits": base64.b64encode(bytes(bits)).decode("ascii"), "outside": "".join(sorted(outside))}


def build_index(entries: list[SearchEntry]) -> SearchIndex:
    total = len(entries)
    everywhere: defaultdict = defaultdict(list)
    in_title: defaultdict = defaultdict(list)
    in_summary: defaultdict = defaultdict(list)
    by_pinyin: defaultdict = defaultdict(list)
    readings = [pinyin.syllables(e.title) for e in entries]
    title_grams = [grams(fold(e.title)) for e in entries]
    summary_grams = [grams(fold(e.summary)) for e in entries]
    _invert((t | s | grams(fold(e.text)) for e, t, s in zip(entries, title_grams, summary_grams)), everywhere)
    _invert(title_grams, in_title)
    _invert(summary_grams, in_summary)
    _invert(map(pinyin.keys, readings), by_pinyin)

    empty: list[int] = []
    gram_payloads = {
        key: encode_list(numbers, total) + encode_list(in_title.get(key, empty), total) + encode_list(in_summary.get(key, empty), total)
        for key, numbers in everywhere.items()
    }
    gram_shards, files = _shards("g", gram_payloads)
    pinyin_shards, pinyin_files = _shards("p", {key: encode_list(numbers, total) for key, numbers in by_pinyin.items()})
    files.update(pinyin_files)

    by_value: dict[str, defaultdict] = defaultdict(lambda: defaultdict(list))
    for n, entry in enumerate(entries):
        for name, values in entry.facets.items():
            for value in values:
                by_value[name][value].append(n)
    for name, lists in by_value.items():
        files[f"facets/{name}.bin"] = encode_shard([(value, encode_list(numbers, total)) for value, numbers in sorted(lists.items())])

    for n, (entry, syllables) in enumerate(zip(entries, readings)):
        record = {"t": entry.title, "u": entry.url, "k": entry.kind, "s": entry.summary, "x": entry.text}
        if entry.date:
            record["d"] = entry.date.isoformat()
        if entry.validity:
            record["v"] = entry.validity
        if any(syllables):
            record["p"] = " ".join(s or "-" for s in syllables)
        files[f"r/{n}.json"] = _json(record)

    pairs = traditional_to_simplified()
    files["t2s.json"] = _json({"pairs": "".join(t + s for t, s in pairs.items())})
    files["pinyin.json"] = _json({"syllables": sorted({s for r in readings for s in r if s})})
    files["manifest.json"] = _json(
        {
            "format": FORMAT,
            "entries": total,
            "gram": GRAM,
            "shards": {"g": gram_shards, "p": pinyin_shards},
            "traditional": _traditional(),
        }
    )
    return SearchIndex(files, total)
