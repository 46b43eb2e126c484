"""Content safety and privacy: nothing the sanitizer would remove, no resident ID numbers, few phone numbers.

Bodies are Markdown that the site renders as HTML; every page passes an allowlist sanitizer
(disclosure.publishing.sanitize). Whatever it would remove from a body or a field — script,
event handlers, `javascript:` links, frames, <base>, <style> — is an error here, so the editor
learns and the build never silently changes what a page says. Identity numbers must never be
published by accident (个人信息保护).
"""

from __future__ import annotations

import re

from disclosure.diagnostics import Diagnostic, Severity
from disclosure.publishing.markup import content_markup, may_hold_markup

_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# What the number patterns need, tested first because almost no text has it: eleven
# digits in a row (spelled out: sre runs that faster than \d{11}).
_DIGIT_RUN = re.compile(r"\d" * 11)


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


def _gates(text: str) -> tuple[bool, bool]:
    """(may hold markup, may hold a long number), tested first because almost no text has either."""
    return may_hold_markup(text), _DIGIT_RUN.search(text) is not None


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
    markup = content_markup(context.options.markdown_extensions)
    rendered_with = repr(context.options.markdown_extensions)
    for source, body in _entries(context.project):
        memo = source.memo.get("safety")
        if memo is None or memo[0] != rendered_with:  # depends on this file's content and the extensions only
            memo = source.memo["safety"] = (rendered_with, list(_scan(source, body, markup)))
        yield from memo[1]


def _scan(source, body, markup):
    data = source.data if isinstance(source.data, dict) else {}
    listed = data.get("pii_allow")
    allowed = {x.upper() for x in listed if isinstance(x, str)} if isinstance(listed, list) else set()
    texts = []
    fields = _gates("\n".join(_all_text(data, [])))  # one look at all the fields together
    if any(fields):
        texts = [(key_path, text, None, fields) for key_path, text in _strings(data) if key_path[:1] != ("pii_allow",)]
    if body:
        texts.append((("body",), body, body, _gates(body)))
    for key_path, text, in_body, (has_markup, has_number) in texts:
        for finding in (markup.findings(text) if in_body is not None else markup.field_findings(text)) if has_markup else ():
            where = "正文中" if in_body is not None else "字段中"
            yield _at(
                source, key_path, in_body, finding.offset, "D401", f"{where}的{finding.removal.describe()}不允许发布，网站会将其删除",
                _hint(finding.removal), label="正文" if in_body is not None else "",
            )
        if not has_number:
            continue
        for match in _RESIDENT_ID.finditer(text):
            number = match.group()
            if is_resident_id(number) and number.upper() not in allowed:
                masked = number[:6] + "********" + number[14:]
                yield _at(
                    source, key_path, in_body, match.start(), "D402", f"疑似居民身份证号码 {masked}，不得公开个人信息",
                    "删除或用 * 遮盖该号码；确属公开内容（如示例号码）的，在文件头 pii_allow 中列出该号码",
                    label="正文" if in_body else "",
                )
        if in_body is not None:
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


def _hint(removal) -> str:
    if removal.attribute.startswith("on"):
        return "删除 onclick、onmouseover 等事件属性，也不要在 { } 属性列表中写它们"
    if removal.attribute in ("href", "src", "action", "cite"):
        return "链接只能是 https://、http://、mailto:、tel: 开头的网址或站内路径"
    if removal.attribute:
        return f"删除 {removal.attribute} 属性；正文只需普通的 Markdown 格式"
    return "删除该元素；正文只能用标题、段落、列表、表格、链接、图片等普通格式"
