"""政府信息公开工作年度报告: the figures of each table add up, and each year follows on from the last."""

from __future__ import annotations

import datetime as dt

from disclosure.diagnostics import Severity
from disclosure.model import (
    APPEAL_COLUMNS,
    APPEAL_ROWS,
    APPLICANT_COLUMNS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    RECEIVED,
    REGULATIONS,
    REQUEST_ROWS,
    RESULT_ROWS,
    RESULTS_TOTAL,
    AnnualReport,
)
from disclosure.schemas import schema
from disclosure.statistics import end_unknown


def _label(key_path: tuple) -> str:
    return schema("annual-report").label(key_path)


def _count(report: AnnualReport, key_path: tuple) -> int | None:
    """A figure usable in arithmetic: a non-negative integer (the schema reports anything else)."""
    value = report.figures.get(key_path)
    return value if isinstance(value, int) and value >= 0 else None


def _sum_text(report: AnnualReport, parts: list[tuple]) -> str:
    return " + ".join(f"{_label(p)} {_count(report, p)}" for p in parts)


class _Checker:
    """The checks of one report; `flagged` keeps a wrong figure from failing a second check."""

    def __init__(self, report: AnnualReport):
        self.report = report
        self.flagged: set[tuple] = set()

    def wrong(self, key_path: tuple, code: str, expected: int, why: str, hint: str):
        self.flagged.add(key_path)
        written = _count(self.report, key_path)
        where = _label(key_path[:-1])
        return self.report.source.diagnostic(
            key_path, code, f"“{where}”的“{_label(key_path)}”应为 {expected}（{why}），实际填写 {written}", label=_label(key_path), hint=hint
        )

    def totals(self, rows: tuple, columns: tuple, code: str, hint: str):
        """Each row's `total` is the sum of its other columns."""
        for row in rows:
            parts = [row + (column,) for column in columns]
            figures = [_count(self.report, p) for p in parts]
            total = _count(self.report, row + ("total",))
            if None not in figures and total is not None and total != sum(figures):
                yield self.wrong(row + ("total",), code, sum(figures), _sum_text(self.report, parts), hint)

    def results_total(self):
        for column in APPLICANT_COLUMNS + ("total",):
            parts = [row + (column,) for row in RESULT_ROWS]
            figures = [_count(self.report, p) for p in parts]
            total = _count(self.report, RESULTS_TOTAL + (column,))
            if None not in figures and total is not None and total != sum(figures) and not self.flagged.intersection(parts):
                yield self.wrong(
                    RESULTS_TOTAL + (column,), "D503", sum(figures), "（一）至（六）各项之和",
                    hint=f"逐项核对本列“{_label((*RECEIVED, column))}”的予以公开、部分公开、不予公开、无法提供、不予处理、其他处理各项件数，或改正总计",
                )

    def balance(self):
        for column in APPLICANT_COLUMNS + ("total",):
            parts = [path + (column,) for path in (RECEIVED, CARRIED_OVER, RESULTS_TOTAL, CARRIED_FORWARD)]
            received, carried_over, results, carried_forward = (_count(self.report, p) for p in parts)
            if None in (received, carried_over, results, carried_forward) or self.flagged.intersection(parts):
                continue
            if received + carried_over != results + carried_forward:
                expected = received + carried_over - results
                yield self.wrong(
                    parts[3], "D501", expected, f"本年新收 {received} + 上年结转 {carried_over} − 办理结果总计 {results}",
                    hint="每列须满足：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理；请核对这一列的四个数字",
                )


def check_report(report: AnnualReport, previous: AnnualReport | None):
    source = report.source
    if report.year is not None and report.file_year != report.year:
        name = source.path.rsplit("/", 1)[-1]
        fix = f"把 year 改为 {report.file_year}，或把文件改名为 {report.year}.yml" if report.file_year else f"把文件改名为 {report.year}.yml"
        yield source.diagnostic(
            ("year",), "D506", f"报告年度 {report.year} 与文件名“{name}”不一致", label=_label(("year",)), hint=f"年度报告的文件名是报告年度：{fix}"
        )
    if report.year and report.published and report.published <= dt.date(report.year, 12, 31):
        yield source.diagnostic(
            ("published",), "D301", f"发布日期 {report.published} 在报告年度 {report.year} 结束之前", label=_label(("published",)),
            hint=f"年度报告在年度结束后发布（一般在 {report.year + 1} 年 1 月 31 日前）：请核对发布日期或报告年度",
        )

    checker = _Checker(report)
    yield from checker.totals(
        REQUEST_ROWS, APPLICANT_COLUMNS, "D502", "总计等于本行自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六项之和：请核对本行各数"
    )
    yield from checker.results_total()
    yield from checker.balance()
    yield from checker.totals(APPEAL_ROWS, APPEAL_COLUMNS, "D504", "总计等于结果维持、结果纠正、其他结果、尚未审结四项之和：请核对本行各数")

    if previous is None:
        return
    since = f"上一年度报告 {previous.source.path}"
    for column in APPLICANT_COLUMNS + ("total",):
        carried_over = _count(report, CARRIED_OVER + (column,))
        expected = _count(previous, CARRIED_FORWARD + (column,))
        if carried_over is not None and expected is not None and carried_over != expected:
            yield checker.wrong(
                CARRIED_OVER + (column,), "D507", expected, f"等于{since}的“结转下年度继续办理”",
                hint=f"上年结转即上一年度结转下来的申请：请核对本行或{since}中的数字，使两者一致",
            )
    issued, abolished, in_force = (_count(report, REGULATIONS + (k,)) for k in ("issued", "abolished", "in_force"))
    before = _count(previous, REGULATIONS + ("in_force",))
    if None not in (issued, abolished, in_force, before) and in_force != before + issued - abolished:
        yield checker.wrong(
            REGULATIONS + ("in_force",), "D505", before + issued - abolished,
            f"{previous.year} 年现行有效 {before} + 本年制发 {issued} − 本年废止 {abolished}",
            hint=f"核对本年制发、本年废止件数，或{since}中的现行有效件数",
        )


def check(context):
    project = context.project
    reports = project.annual_reports
    by_year = {r.year: r for r in reports if r.year and r.file_year == r.year}
    for report in reports:
        yield from check_report(report, by_year.get(report.year - 1) if report.year else None)
    if not reports:
        return
    as_of = context.options.as_of
    for document in project.documents:
        if document.validity == "失效" and document.is_public(as_of) and end_unknown(document, project.documents_by_id):
            yield document.source.diagnostic(
                ("validity",), "D508", "文件已失效，但没有填写有效期至，政府信息公开年报无法统计它在哪一年失效", label="有效性",
                hint="补充 valid_until: 有效期届满的日期（YYYY-MM-DD）；年报按届满次日起失效统计", severity=Severity.WARNING,
            )
