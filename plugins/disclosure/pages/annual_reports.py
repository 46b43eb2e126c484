"""The 政府信息公开年报 column: a list of years, and each year's report in the national format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from disclosure.model import APPLICANT_COLUMNS, APPEAL_COLUMNS, RESULT_GROUPS, AnnualReport, Document
from disclosure.pages import columns, searchable
from disclosure.pages.render import Page, Renderer
from disclosure.release import Release
from disclosure.schemas import schema
from disclosure.statistics import NormativeYear, normative_year



@dataclass(frozen=True)
class YearReport:
    report: AnnualReport
    title: str
    normative: NormativeYear  # table 二's computed 行政规范性文件 row

    @property
    def litigation(self) -> int | None:
        """行政诉讼 of both kinds, for the column's summary line."""
        totals = [self.report.figure("appeals", row, "total") for row in ("direct_litigation", "litigation_after_reconsideration")]
        return None if None in totals else sum(totals)


def number(value) -> str:
    """A figure as the reader sees it: money in 万元 without trailing zeros, a dash when missing."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def year_reports(release: Release) -> list[YearReport]:
    name = release.organization.name if release.organization else ""
    return [
        YearReport(
            report,
            report.title or f"{name}{report.year}年政府信息公开工作年度报告",
            normative_year(release.documents_by_id, report.year, release.as_of),
        )
        for report in release.annual_reports
    ]


@dataclass(frozen=True)
class ReportYear:
    """A year of the column: its national-format report or, for a year without one, the report
    kept as a document in the catalogue (an older year, published before the format was kept)."""

    year: int
    entry: YearReport | None
    document: Document | None

    @property
    def target(self):
        return self.entry.report if self.entry else self.document


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def report_year(document: Document) -> int:
    """The year a report kept as a document is about: the first year its title names, else the year
    before it was published (a report comes out by 31 January of the next year)."""
    match = _YEAR.search(document.title)
    return int(match.group(1)) if match else document.published.year - 1


def report_years(release: Release, category: str) -> list[ReportYear]:
    """Every year a report exists for, once, newest first."""
    years = {entry.report.year: ReportYear(entry.report.year, entry, None) for entry in year_reports(release)}
    for document in release.documents_in.get(category, []) if category else []:
        years.setdefault(report_year(document), ReportYear(report_year(document), None, document))
    return [years[year] for year in sorted(years, reverse=True)]


def annual_report_pages(renderer: Renderer, category: str = "") -> list[Page]:
    release = renderer.release
    helpers = {
        "number": number,
        "figure": lambda report, *key_path: number(report.figure(*key_path)),
        "label": lambda *key_path: schema("annual-report").label(key_path),
        "applicant_columns": APPLICANT_COLUMNS,
        "appeal_columns": APPEAL_COLUMNS,
        "result_groups": RESULT_GROUPS,
    }
    entries = year_reports(release)
    column = columns.ANNUAL_REPORTS
    years = report_years(release, category)
    pages = [renderer.render("annual_report_index.md.j2", column.path, column=column, years=years, **helpers)]
    for entry in entries:
        pages.append(
            renderer.render(
                "annual_report.md.j2", renderer.layout.path_of(entry.report), column=column, entry=entry,
                search=partial(searchable.annual_report, release, entry.report, entry.title), **helpers,
            )
        )
    return pages
