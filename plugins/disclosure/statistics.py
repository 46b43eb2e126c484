"""Figures derived from the documents rather than typed in: the annual report's
row for 行政规范性文件 (本年制发, 本年废止, 现行有效)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from disclosure.model import Document

NORMATIVE = "规范性文件"


def ceased_on(document: Document, released: Mapping[str, Document]) -> dt.date | None:
    """The first day a 规范性文件 is no longer in force; None while it is, or when no date says when it ended.

    废止: the day of `abolished`; 失效 (and 有效, once it runs out): the day after
    `valid_until`; 已修订: the day its replacement is published, once that is released.
    """
    if document.validity == "废止":
        return document.abolished
    if document.validity in ("失效", "有效") and document.valid_until and document.valid_until < dt.date.max:
        return document.valid_until + dt.timedelta(days=1)
    if document.validity == "已修订":
        replacement = released.get(document.replaced_by)
        return replacement.published if replacement else None
    return None


def end_unknown(document: Document, released: Mapping[str, Document]) -> bool:
    """A 规范性文件 marked 失效 or 废止 with no date to place its end in a year."""
    return document.kind == NORMATIVE and document.validity in ("失效", "废止") and ceased_on(document, released) is None


@dataclass(frozen=True)
class NormativeYear:
    """Table 二's 行政规范性文件 row for one year, with the documents behind each figure."""

    year: int
    until: dt.date  # 31 December, or the as-of date while the year runs
    issued: list[Document]
    ceased: list[Document]
    in_force: list[Document]


def normative_year(released: Mapping[str, Document], year: int, as_of: dt.date) -> NormativeYear:
    """Count the released 规范性文件 (id → document, as in Release.documents_by_id) for `year`."""
    start = dt.date(year, 1, 1)
    until = min(dt.date(year, 12, 31), as_of)
    issued, ceased, in_force = [], [], []
    for document in _normative(released.values()):
        if document.published > until:
            continue
        if document.published >= start:
            issued.append(document)
        if end_unknown(document, released):
            continue  # a rule warns about it; counting it in force would be wrong, and ended in which year is unknown
        end = ceased_on(document, released)
        if end is None or end > until:
            in_force.append(document)
        elif end >= start:
            ceased.append(document)
    return NormativeYear(year, until, issued, ceased, in_force)


def _normative(documents: Iterable[Document]) -> list[Document]:
    oldest_first = lambda d: (d.published, d.id)  # noqa: E731
    return sorted((d for d in documents if d.kind == NORMATIVE and d.published), key=oldest_first)
