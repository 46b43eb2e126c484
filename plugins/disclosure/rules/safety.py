"""Privacy: no resident ID numbers, few phone numbers (active HTML is rules/markup.py's).

Identity numbers must never be published by accident (个人信息保护).
"""

from __future__ import annotations

import re

from disclosure.diagnostics import Diagnostic, Severity

_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# What the patterns above need, tested first because almost no text has it: eleven
# digits in a row (spelled out: sre runs that faster than \d{11}). A new pattern needs a gate here.
_DIGIT_RUN = re.compile(r"\d" * 11)


def _may_hold_number(text: str) -> bool:
    return _DIGIT_RUN.search(text) is not None


def is_resident_id(text: str) -> bool:
    """GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character."""
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == text[17].upper()


def _strings(value, key_path=()):
    """Every text value of a YAML structure with its key path."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, key_path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, key_path + (index,))
    elif isinstance(value, str):
        yield key_path, value


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
    allowed = {x.upper() for x in listed if isinstance(x, str)} if isinstance(listed, list) else set()
    texts = []
    if _may_hold_number("\n".join(_all_text(data, []))):  # one look at all the fields together
        texts = [(key_path, text, None) for key_path, text in _strings(data) if key_path[:1] != ("pii_allow",)]
    if body and _may_hold_number(body):
        texts.append((("body",), body, body))
    for key_path, text, in_body in texts:
        for match in _RESIDENT_ID.finditer(text):
            number = match.group()
            if is_resident_id(number) and number.upper() not in allowed:
                masked = number[:6] + "********" + number[14:]
                yield _at(
                    source, key_path, in_body, match.start(), "D402", f"疑似居民身份证号码 {masked}，不得公开个人信息",
                    "删除或用 * 遮盖该号码；确属公开内容（如示例号码）的，在文件头 pii_allow 中列出该号码",
                    label="正文" if in_body else "",
                )
        if in_body:
            for match in _MOBILE.finditer(text):
                yield _at(
                    source, key_path, in_body, match.start(), "D403", f"正文含有手机号码 {match.group()[:3]}****{match.group()[7:]}",
                    "确认可以公开；个人手机号请改为单位办公电话", severity=Severity.WARNING, label="正文",
                )


def _at(source, key_path, body, offset, code, message, hint, severity=Severity.ERROR, label=""):
    if body is not None:
        line, column = _body_position(source, body, offset)
        return Diagnostic(source.path, line, column, code, message, field="body", label=label, hint=hint, severity=severity)
    return source.diagnostic(key_path, code, message, hint=hint, severity=severity)
