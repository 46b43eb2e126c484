"""One diagnostic type for every problem found in content, and its renderings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Stable codes: editors search the guide for them, so never renumber.
CODES: dict[str, str] = {
    "D001": "unreadable-file",
    "D002": "yaml-syntax",
    "D003": "duplicate-key",
    "D004": "missing-front-matter",
    "D005": "not-a-mapping",
    "D006": "tab-indentation",
    "D007": "full-width-colon",
    "D008": "full-width-space",
    "D009": "curly-quotes",
    "D010": "invisible-character",
    "D011": "unread-file",
    "D012": "not-a-text-file",
    "D013": "wrong-folder",
    "D101": "missing-field",
    "D102": "wrong-type",
    "D103": "not-allowed-value",
    "D104": "bad-format",
    "D105": "unknown-field",
    "D106": "too-long",
    "D107": "too-short",
    "D108": "out-of-range",
    "D109": "invalid-date",
    "D110": "yaml-number-as-text",
    "D111": "yaml-boolean-as-text",
    "D201": "unknown-category",
    "D202": "unknown-department",
    "D203": "unknown-policy",
    "D204": "unknown-replacement",
    "D205": "missing-file",
    "D206": "duplicate-id",
    "D207": "missing-interpretation",
    "D208": "interpreter-not-drafter",
    "D209": "bad-catalogue-code",
    "D210": "bad-document-id",
    "D211": "policy-not-public",
    "D212": "bad-system-category",
    "D301": "date-order",
    "D302": "interpretation-too-late",
    "D303": "interpretation-too-early",
    "D304": "promised-over-legal",
    "D305": "missing-section",
    "D306": "calendar-year-missing",
    "D307": "feedback-missing",
    "D308": "time-limit-days-missing",
    "D309": "bad-credit-code",
    "D310": "validity-mismatch",
    "D311": "bad-replacement",
    "D312": "replacement-not-public",
    "D313": "validity-expired",
    "D314": "interpretation-scheduled",
    "D315": "annual-report-due",
    "D316": "guide-review-due",
    "D401": "unsafe-html",
    "D402": "resident-id-number",
    "D403": "mobile-number",
    "D404": "html-in-title",
    "D405": "bank-card-number",
    "D406": "page-in-theme-folder",
    "D407": "markup-beyond-bounds",
    "D501": "report-request-balance",
    "D502": "report-row-total",
    "D503": "report-results-total",
    "D504": "report-appeal-total",
    "D505": "report-regulations-in-force",
    "D506": "report-file-name",
    "D507": "report-carried-over",
    "D508": "normative-end-unknown",
    "D601": "file-outside-folders",
    "D602": "file-type-not-allowed",
    "D603": "file-content-mismatch",
    "D604": "bad-file-name",
    "D605": "file-too-large",
    "D606": "control-character",
    "D607": "unreadable-folder",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: str  # repository-relative, POSIX separators
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    code: str
    message: str
    field: str = ""  # dotted key path, e.g. "review.date"
    label: str = ""  # the field's 中文标签
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def name(self) -> str:
        return CODES.get(self.code, "")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code, self.field)

    def field_text(self) -> str:
        if self.field and self.label:
            return f"{self.field} / {self.label}"
        return self.field or self.label

    def describe(self) -> str:
        """`CODE 说明 (字段) — 修改建议`, the part after the location."""
        text = f"{self.code} {self.message}"
        if self.field_text():
            text += f" ({self.field_text()})"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def single_line(text: str) -> str:
    """A value's line breaks, shown as \\n, so that every problem stays on one line of a log."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    return f"{errors} 个错误，{len(diagnostics) - errors} 个警告"


def render_text(diagnostics: list[Diagnostic], colour: bool = False) -> str:
    red, yellow, dim, reset = ("\033[31m", "\033[33m", "\033[2m", "\033[0m") if colour else ("",) * 4
    lines = []
    for d in diagnostics:
        tone = red if d.is_error else yellow
        kind = "" if d.is_error else "警告 "
        lines.append(f"{dim}{d.location()}:{reset} {tone}{kind}{single_line(d.describe())}{reset}")
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so problems show on the changed lines."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        props = f"file={_escape_property(d.file)},line={max(d.line, 1)},col={max(d.column, 1)},title={_escape_property(d.code + ' ' + d.name)}"
        lines.append(f"::{command} {props}::{_escape_data(d.describe())}")
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def render_json(diagnostics: list[Diagnostic]) -> str:
    records = []
    for d in diagnostics:
        record = asdict(d)
        record["severity"] = d.severity.value
        record["name"] = d.name
        records.append(record)
    errors = sum(d.is_error for d in diagnostics)
    return json.dumps(
        {"diagnostics": records, "errors": errors, "warnings": len(diagnostics) - errors},
        ensure_ascii=False,
        indent=2,
    )
