"""What time makes due: obligations that fall on a date, owned by a department.

Nothing here is an error: a repository that passes today must not fail tomorrow
only because the date moved. `check` warns about what is due by `as_of`;
`disclosure due` lists what is overdue or falls due soon, on the work calendar.
"""

from __future__ import annotations

import datetime as dt
import json
from calendar import monthrange
from dataclasses import dataclass
from pathlib import Path

from disclosure.diagnostics import Diagnostic, Severity
from disclosure.model import PUBLIC, Document, Project
from disclosure.options import Options
from disclosure.sources import Located

# What a date alone makes due. A change to the file they concern is blocked by them (`check --changed-since`):
# the change is the moment to do what is due. A scheduled interpretation (D314) is a plan, not a debt.
DUE_CODES = frozenset({"D307", "D313", "D315", "D316"})

# 条例 第四十九条: the annual report of a year is published by 31 January of the next.
ANNUAL_REPORT_MONTH_DAY = (1, 31)
ANNUAL_REPORTS = "catalogue/annual-reports"


@dataclass(frozen=True)
class Obligation:
    code: str  # the warning `check` gives once it is due
    what: str  # 事项, in Chinese, as the due list names it
    warning: str  # what `check` says once it is due
    due: dt.date  # the last day to fulfil it
    file: str
    line: int
    field: str
    department: str  # the owning department's id ("" for the agency's disclosure office)
    hint: str
    # The day from which `check` warns; the due date unless the public already sees the gap earlier.
    warn_from: dt.date | None = None

    def overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of

    def warns(self, as_of: dt.date) -> bool:
        return (self.warn_from or self.due + dt.timedelta(days=1)) <= as_of

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(
            self.file, self.line, 1, self.code, self.warning, field=self.field, label=_LABELS.get(self.field, ""), hint=self.hint, severity=Severity.WARNING
        )


def obligations(project: Project, options: Options) -> list[Obligation]:
    """Every obligation still open on `options.as_of`, fulfilled ones left out, earliest first."""
    found = [
        *_interpretations(project, options),
        *_feedback(project),
        *_validity(project),
        *_annual_reports(project, options),
        *_guide_reviews(project, options),
    ]
    return sorted(found, key=lambda o: (o.due, o.file, o.code))


def _at(source: Located, key_path: tuple) -> tuple[int, str]:
    line, _ = source.position(key_path)
    return line, ".".join(key_path)


_LABELS = {"interpretation": "解读要求", "kind": "信息类别", "consultation": "征求意见", "valid_until": "有效期至", "published": "发布日期", "updated": "更新日期"}


def _published_policy(document: Document) -> bool:
    return document.disclosure == PUBLIC and not document.draft and bool(document.id) and document.published is not None


def _interpretations(project: Project, options: Options):
    """A policy whose first interpretation is scheduled but not out yet (a missing one is D207, an error)."""
    for document in project.documents:
        if not (document.needs_interpretation and _published_policy(document)):
            continue
        dated = [i.published for i in project.interpretations_of.get(document.id, []) if i.published and not i.draft]
        if not dated or min(dated) <= options.as_of:
            continue
        line, field = _at(document.source, ("interpretation",) if "interpretation" in document.source.data else ("kind",))
        yield Obligation(
            "D314", f"政策解读定于 {min(dated)} 发布（文件“{document.title}”）",
            f"文件已发布，所配套的政策解读定于 {min(dated)} 才发布",
            project.calendar.add_workdays(document.published, options.interpretation_days),
            document.source.path, line, field, document.drafting_department,
            "解读发布前，文件页面暂无解读链接；如已定稿可把解读的 published 改为今天",
            warn_from=document.published,
        )


def _feedback(project: Project):
    for document in project.documents:
        consultation = document.consultation
        if document.draft or not consultation or not consultation.end or consultation.feedback.strip():
            continue
        line, field = _at(document.source, ("consultation",))
        yield Obligation(
            "D307", f"公开征求意见的采纳情况（“{document.title}”，{consultation.end} 截止）",
            f"征求意见已于 {consultation.end} 截止，尚未公开意见收集和采纳情况", consultation.end,
            document.source.path, line, field, document.drafting_department,
            "在 consultation 下补充 feedback: 写明收到意见的数量、采纳情况及理由",
        )


def _validity(project: Project):
    for document in project.documents:
        if document.draft or document.validity != "有效" or not document.valid_until:
            continue
        line, field = _at(document.source, ("valid_until",))
        yield Obligation(
            "D313", f"有效期届满（“{document.title}”，有效期至 {document.valid_until}）",
            f"有效期至 {document.valid_until} 已届满，有效性仍写“有效”（网站已按失效显示）", document.valid_until,
            document.source.path, line, field, document.drafting_department,
            "届满后网站自动显示为“失效”；请把 validity 改为 失效（已修订或废止的写相应的值），或按延期决定更新 valid_until",
        )


def _annual_reports(project: Project, options: Options):
    """The report on last year and the one on this year, from the first year the repository reports on
    (or, with no report yet, the first year it has documents of)."""
    by_year = {}
    for report in project.annual_reports:
        for year in {report.year, report.file_year} - {None}:  # a mismatch is D506 already; no second message
            if not report.draft:
                by_year[year] = report
    as_of = options.as_of
    first = min(by_year, default=min((d.published.year for d in project.documents if d.published), default=as_of.year))
    for year in range(max(first, as_of.year - 1), as_of.year + 1):
        due = dt.date(year + 1, *ANNUAL_REPORT_MONTH_DAY)
        report = by_year.get(year)
        if report is not None and report.published and report.published <= min(as_of, due):
            continue
        rel = report.source.path if report else f"{ANNUAL_REPORTS}/{year}.yml"
        if report is None and (Path(project.root) / rel).exists():
            continue  # there, but unreadable: reported as such
        if report is not None and report.published:
            what, hint = f"{year} 年政府信息公开工作年度报告（定于 {report.published} 发布）", "年度报告须在 1 月 31 日前发布"
        else:
            what, hint = f"{year} 年政府信息公开工作年度报告", f"新建 {rel}，按国家规定格式填写各表数字，published 不晚于 {due}"
        warning = f"{year} 年政府信息公开工作年度报告应于 {due} 前发布，" + ("尚未发布" if report else "尚未编写")
        yield Obligation("D315", what, warning, due, rel, 1 if report else 0, "published" if report else "", "", hint)


def _guide_reviews(project: Project, options: Options):
    for guide in project.guides:
        if guide.draft or not guide.updated:
            continue
        due = _months_later(guide.updated, options.guide_review_months)
        line, field = _at(guide.source, ("updated",))
        yield Obligation(
            "D316", f"办事指南“{guide.name}”定期核对（上次更新 {guide.updated}）",
            f"办事指南自 {guide.updated} 起未核对更新，已超过 {options.guide_review_months} 个月", due,
            guide.source.path, line, field, guide.department,
            f"核对办理依据、材料、时限和收费是否仍然准确，改好后把 updated 改为核对当天的日期（每 {options.guide_review_months} 个月核对一次）",
        )


def _months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


# -- the due list -------------------------------------------------------------

_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class DueItem:
    """One obligation as the due list shows it: when, how far off on the work calendar, who owns it."""

    obligation: Obligation
    status: str  # "overdue" or "upcoming"
    workdays: int  # working days from as_of to the due date (overdue: since it)
    owner: str  # the department's name

    def record(self) -> dict:
        o = self.obligation
        return {
            "status": self.status, "code": o.code, "what": o.what, "due": o.due.isoformat(), "workdays": self.workdays,
            "department": o.department, "owner": self.owner, "file": o.file, "line": o.line, "field": o.field, "hint": o.hint,
        }

    def when(self) -> str:
        day = f"{self.obligation.due}（周{_WEEKDAYS[self.obligation.due.weekday()]}）"
        if self.status == "overdue":
            return f"{day}，已逾期 {self.workdays} 个工作日"
        return f"{day}，还有 {self.workdays} 个工作日" if self.workdays else f"{day}，今天到期"


def due_list(project: Project, options: Options, within_days: int) -> list[DueItem]:
    """What is overdue on `as_of`, then what falls due in the next `within_days` days."""
    as_of, work_calendar = options.as_of, project.calendar
    horizon = as_of + dt.timedelta(days=within_days)
    office = project.organization.office.name if project.organization and project.organization.office.name else "政府信息公开工作机构"
    items = []
    for obligation in obligations(project, options):
        if obligation.due > horizon:
            continue
        if obligation.department and project.organization:
            owner = project.organization.department_name(obligation.department)
        else:
            owner = obligation.department or office
        if obligation.overdue(as_of):
            items.append(DueItem(obligation, "overdue", work_calendar.workdays_between(obligation.due, as_of), owner))
        else:
            items.append(DueItem(obligation, "upcoming", work_calendar.workdays_between(as_of, obligation.due), owner))
    return items


def render_text(items: list[DueItem], as_of: dt.date, within_days: int) -> str:
    overdue = sum(i.status == "overdue" for i in items)
    lines = [f"截至 {as_of}：逾期 {overdue} 项，{within_days} 天内到期 {len(items) - overdue} 项"]
    for item in items:
        o = item.obligation
        place = f"{o.file}:{o.line}" if o.line else o.file
        lines.append(f"{'逾期' if item.status == 'overdue' else '将到期'}  {item.when()}  {o.what}  {item.owner}  {place}")
        lines.append(f"      — {o.hint}")
    return "\n".join(lines)


def render_json(items: list[DueItem], as_of: dt.date, within_days: int) -> str:
    return json.dumps(
        {"as_of": as_of.isoformat(), "within_days": within_days, "items": [i.record() for i in items]}, ensure_ascii=False, indent=2
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(items: list[DueItem], as_of: dt.date, within_days: int) -> str:
    """For a GitHub job summary ($GITHUB_STEP_SUMMARY)."""
    overdue = sum(i.status == "overdue" for i in items)
    lines = [f"### 到期事项（截至 {as_of}）", "", f"逾期 {overdue} 项，{within_days} 天内到期 {len(items) - overdue} 项。", ""]
    if items:
        lines += ["| 状态 | 期限 | 事项 | 负责部门 | 文件 |", "|---|---|---|---|---|"]
        for item in items:
            o = item.obligation
            place = f"`{o.file}:{o.line}`" if o.line else f"`{o.file}`"
            lines.append(f"| {'逾期' if item.status == 'overdue' else '将到期'} | {_cell(item.when())} | {_cell(o.what)} | {_cell(item.owner)} | {_cell(place)} |")
    return "\n".join(lines) + "\n"
