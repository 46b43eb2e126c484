"""The 政府信息公开年报 column: a list of years, and each year's report in the national format."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure.model import APPLICANT_COLUMNS, APPEAL_COLUMNS, RESULT_GROUPS, AnnualReport
from disclosure.pages import columns
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


def annual_report_pages(renderer: Renderer) -> list[Page]:
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
    pages = [renderer.render("annual_report_index.md.j2", column.path, column=column, entries=entries, **helpers)]
    for entry in entries:
        pages.append(renderer.render("annual_report.md.j2", renderer.layout.path_of(entry.report), column=column, entry=entry, **helpers))
    return pages
