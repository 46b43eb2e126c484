"""Personal information (个人信息保护): no resident ID numbers, few mobile and bank-card numbers.

Identity numbers must never be published by accident: every text of every kind of content is
read for them as a reader would see it (disclosure.pii). Active content (script, event handlers,
foreign URL schemes, frames) is the markup rule's concern (rules/markup.py, D401): it holds every
body and field to the allowlist the site's sanitizer applies, rather than looking for known attacks.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from disclosure import pii
from disclosure.diagnostics import Diagnostic, Severity
from disclosure.sources import text_values

# A field meant for a phone number may hold a mobile one (a service line); elsewhere it is worth a look.
_PHONE_FIELDS = ("phone", "fax")


def _all_text(value, found: list[str]) -> list[str]:
    """Every text value, without key paths: the cheap first look at a file."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for child in value.values():
            _all_text(child, found)
    elif isinstance(value, list):
        for child in value:
            _all_text(child, found)
    return found


def _entries(project):
    """(source, body or None) for every file whose text is published."""
    for entry in project.documents + project.interpretations:
        yield entry.source, entry.body
    for guide in project.guides:
        yield guide.source, None
    for source in (project.organization and project.organization.source, project.catalogue.source, project.negative_list_source):
        if source is not None:
            yield source, None
    for report in project.annual_reports:
        yield report.source, None


def _body_position(source, body: str, offset: int) -> tuple[int, int]:
    before = body[:offset]
    return source.body_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1


def check(context):
    for source, body in _entries(context.project):
        if "safety" not in source.memo:  # depends on this file's content only
            source.memo["safety"] = list(_scan(source, body))
        yield from source.memo["safety"]


def _scan(source, body):
    data = source.data if isinstance(source.data, dict) else {}
    listed = data.get("pii_allow")
    allowed = {"".join(x.upper().split()) for x in listed if isinstance(x, str)} if isinstance(listed, list) else set()
    if body and pii.may_hold_numbers(body):
        yield from _personal_numbers(source, ("body",), pii.find_numbers(body), body, allowed)
    strings = _all_text(data, [])
    if pii.may_hold_numbers("\n".join(strings)):  # one look at all the fields together
        yield from _field_numbers(source, data, strings, allowed)


def _field_numbers(source, data, strings, allowed):
    """Numbers in the fields, found in one pass over them all (most files have hundreds of short fields)."""
    joined = "\0".join(strings)  # \0 ends a number: fields stay apart
    numbers = pii.find_numbers(joined)
    if not numbers:
        return
    key_paths = [key_path for key_path, _ in text_values(data)]  # in the order of `strings`
    starts = list(accumulate((len(text) + 1 for text in strings[:-1]), initial=0))
    for number in numbers:
        index = bisect_right(starts, number.start) - 1
        if key_paths[index][:1] != ("pii_allow",):
            yield from _personal_numbers(source, key_paths[index], [number], None, allowed)


_MESSAGES = {
    pii.RESIDENT_ID: (
        "D402", Severity.ERROR, "疑似居民身份证号码 {}，不得公开个人信息",
        "删除或用 * 遮盖该号码；确属公开内容（如示例号码）的，在文件头 pii_allow 中列出该号码",
    ),
    pii.MOBILE: ("D403", Severity.WARNING, "{where}含有手机号码 {}", "确认可以公开；个人手机号请改为单位办公电话"),
    pii.BANK_CARD: ("D405", Severity.WARNING, "{where}含有疑似银行卡号 {}", "确认可以公开（如单位收款账户）；个人银行卡号请删除或用 * 遮盖"),
}


def _personal_numbers(source, key_path, numbers, in_body, allowed):
    """Numbers read as a reader sees them: full-width digits, character references, zero-width
    characters, spaces or markup between the digits hide nothing (disclosure.pii)."""
    phone_field = bool(key_path) and str(key_path[-1]) in _PHONE_FIELDS
    for number in numbers:
        if number.digits in allowed or (number.kind == pii.MOBILE and phone_field):
            continue
        code, severity, message, hint = _MESSAGES[number.kind]
        where = "正文" if in_body else "字段"
        yield _at(source, key_path, in_body, number.start, code, message.format(number.masked(), where=where), hint, severity=severity, label="正文" if in_body else "")


def _at(source, key_path, body, offset, code, message, hint, severity=Severity.ERROR, label=""):
    if body is not None:
        line, column = _body_position(source, body, offset)
        return Diagnostic(source.path, line, column, code, message, field="body", label=label, hint=hint, severity=severity)
    return source.diagnostic(key_path, code, message, hint=hint, severity=severity)
