"""The reference query over a built index: what search.js answers, for tests and the benchmark.

A query is split into terms (runs of letters and digits after folding); a page must contain
every term. A term of up to GRAM characters is one key; a longer one is the intersection of
the keys that cover it, and a page found that way is a candidate until its text confirms it.
A query in letters is also read as pinyin of titles: whole syllables, or initials. Pages whose
title has a term rank before pages whose 内容概述 has it, then the rest; ties, newest first.
On a platform's merged index, entries are numbered agency after agency (each agency's own numbers
from its offset on), so "newest first" is by each entry's date, then by number.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from disclosure.search.normalize import fold, terms
from disclosure.search.index import ORDER
from disclosure.search.postings import decode_days, decode_list, decode_segments, decode_shard, shard_of

TITLE_SCORE, SUMMARY_SCORE = 2, 1
MAX_SEGMENTATIONS = 8
_PINYIN_QUERY = re.compile(r"[a-z' ]+")


def covering(term: str, size: int) -> list[str]:
    """Pieces of `size` characters that together cover `term`: a page with the term has them all."""
    starts = list(range(0, len(term) - size + 1, size))
    if starts[-1] != len(term) - size:
        starts.append(len(term) - size)
    return [term[i : i + size] for i in starts]


def segmentations(letters: str, syllables: frozenset[str]) -> list[list[str]]:
    """Every way to read `letters` as whole syllables (xian: xian, xi'an); an apostrophe or space splits."""
    results: list[list[str]] = [[]]
    for part in re.split(r"[' ]+", letters.strip("' ")):
        @cache
        def split(start: int) -> list[list[str]]:
            if start == len(part):
                return [[]]
            return [[part[start:end], *rest] for end in range(start + 1, len(part) + 1) if part[start:end] in syllables for rest in split(end)]

        results = [head + tail for head in results for tail in split(0)][:MAX_SEGMENTATIONS]
    return [r for r in results if r]


@dataclass
class PinyinReading:
    keys: list[str]
    syllables: list[str] = field(default_factory=list)  # whole syllables; empty for initials
    initials: str = ""

    @property
    def exact(self) -> bool:
        return len(self.keys) == 1


def pinyin_readings(query: str, syllables: frozenset[str], gram: int) -> list[PinyinReading]:
    letters = fold(query).replace("ü", "v").replace("Ü", "v").replace("u:", "v")
    if not _PINYIN_QUERY.fullmatch(letters) or not letters.strip("' "):
        return []
    readings = [PinyinReading(["'".join(piece) for piece in _pieces(seq, gram)], syllables=seq) for seq in segmentations(letters, syllables)]
    initials = re.sub(r"[' ]", "", letters)
    starts = {s[0] for s in syllables}
    if len(initials) >= 2 and set(initials) <= starts:
        readings.append(PinyinReading(["#" + piece for piece in covering(initials, gram)] if len(initials) > gram else ["#" + initials], initials=initials))
    return readings


def _pieces(seq: list[str], gram: int) -> list[list[str]]:
    if len(seq) <= gram:
        return [seq]
    starts = list(range(0, len(seq) - gram + 1, gram))
    if starts[-1] != len(seq) - gram:
        starts.append(len(seq) - gram)
    return [seq[i : i + gram] for i in starts]


def confirms(record: dict, query: str, reading: PinyinReading | None = None) -> bool:
    """Whether entry `record` really has every term of `query` (or the pinyin `reading` in its title)."""
    if reading is not None:
        title = [s if s != "-" else "" for s in record.get("p", "").split(" ")]
        if reading.initials:
            return reading.initials in "".join(s[:1] or " " for s in title)
        k = len(reading.syllables)
        return any(title[i : i + k] == reading.syllables for i in range(len(title) - k + 1))
    text = fold("\n".join((record["t"], record["s"], record["x"])))
    return all(term in text for term in terms(query))


def placed(record: dict, agency: dict) -> dict:
    """An agency's record as the platform shows it: its URL under the agency's path, the agency named."""
    return {**record, "u": f"{agency['path']}/{record['u']}", "k": f"{agency['name']} · {record['k']}"}


@dataclass
class Result:
    entries: list[int]  # entry numbers, in the order shown
    candidates: set[int]  # those a page must still confirm (a long term, a long pinyin reading)


class IndexReader:
    """Reads search/data/ of a built site, as the browser does, with the same answers."""

    def __init__(self, data: Path):
        self.data = data
        self.manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
        self.total = self.manifest["entries"]
        self.gram = self.manifest["gram"]
        self.agencies = self.manifest.get("agencies")  # a platform's: each with its path, offset and entries
        days = decode_days((data / ORDER).read_bytes()) if self.agencies else []
        self.rank = (lambda n: (-days[n], n)) if self.agencies else (lambda n: n)  # newest first

    @cache
    def _shard(self, folder: str, key_hash: int) -> dict[str, bytes]:
        return decode_shard((self.data / folder / f"{key_hash}.bin").read_bytes())

    def _lists(self, folder: str, key: str, count: int) -> list[set[int]]:
        return self._decoded(self._shard(folder, shard_of(key, self.manifest["shards"][folder])).get(key), count)

    def _decoded(self, payload: bytes | None, count: int) -> list[set[int]]:
        lists: list[set[int]] = [set() for _ in range(count)]
        if payload is None:
            return lists
        parts = [(self.agencies[a], part) for a, part in decode_segments(payload)] if self.agencies else [({"offset": 0, "entries": self.total}, payload)]
        for agency, part in parts:
            offset = 0
            for numbers in lists:
                found, offset = decode_list(part, offset, agency["entries"])
                numbers.update(n + agency["offset"] for n in found)
        return lists

    @cache
    def syllables(self) -> frozenset[str]:
        return frozenset(json.loads((self.data / "pinyin.json").read_text(encoding="utf-8"))["syllables"])

    def facet(self, name: str, value: str) -> set[int]:
        if self.agencies and name == "agency":
            return {n for agency in self.agencies if agency["id"] == value for n in range(agency["offset"], agency["offset"] + agency["entries"])}
        path = self.data / "facets" / f"{name}.bin"
        return self._decoded(decode_shard(path.read_bytes()).get(value) if path.exists() else None, 1)[0]

    def record(self, n: int) -> dict:
        if not self.agencies:
            return json.loads((self.data / "r" / f"{n}.json").read_text(encoding="utf-8"))
        agency = self.agencies[bisect_right([a["offset"] for a in self.agencies], n) - 1]
        site = self.data.parent.parent
        record = json.loads((site / agency["path"] / "search" / "data" / "r" / f"{n - agency['offset']}.json").read_text(encoding="utf-8"))
        return placed(record, agency)

    def search(self, query: str, filters: dict[str, str] | None = None, order: str = "relevance") -> Result:
        scores: dict[int, int] | None = None
        candidates: set[int] = set()
        for term in terms(query):
            keys = [term] if len(term) <= self.gram else covering(term, self.gram)
            everywhere, title, summary = self._lists("g", keys[0], 3)
            for key in keys[1:]:
                more = self._lists("g", key, 3)
                everywhere, title, summary = everywhere & more[0], title & more[1], summary & more[2]
            if len(keys) > 1:
                candidates |= everywhere
            term_scores = {n: TITLE_SCORE * (n in title) + SUMMARY_SCORE * (n in summary) for n in everywhere}
            scores = term_scores if scores is None else {n: s + term_scores[n] for n, s in scores.items() if n in term_scores}
        scores = scores or {}
        text_found = set(scores)
        for reading in pinyin_readings(query, self.syllables(), self.gram):
            found = set.intersection(*(self._lists("p", key, 1)[0] for key in reading.keys))
            if not reading.exact:
                candidates |= found - text_found
            for n in found:
                scores[n] = max(scores.get(n, 0), TITLE_SCORE)
        for name, value in (filters or {}).items():
            if value:
                allowed = self.facet(name, value)
                scores = {n: s for n, s in scores.items() if n in allowed}
        order_key = self.rank if order == "date" else (lambda n: (-scores[n], self.rank(n)))
        ordered = sorted(scores, key=order_key)
        return Result(ordered, candidates & set(ordered))

    def confirmed(self, query: str, result: Result) -> list[int]:
        """The entries of `result` whose text bears the query out, as the browser shows them."""
        readings = pinyin_readings(query, self.syllables(), self.gram)
        kept = []
        for n in result.entries:
            if n in result.candidates:
                record = self.record(n)
                if not (confirms(record, query) or any(confirms(record, query, r) for r in readings)):
                    continue
            kept.append(n)
        return kept
