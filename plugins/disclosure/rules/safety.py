"""Content safety and privacy: no active HTML, no resident ID numbers, few phone and card numbers.

Bodies are Markdown that the site renders as HTML, so script, event handlers,
`javascript:` links and frames would run in readers' browsers. Identity
numbers must never be published by accident (个人信息保护): every text of every
kind of content is read for them as a reader would see it (disclosure.pii).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate

from disclosure import pii
from disclosure.diagnostics import Diagnostic, Severity

TAG, SCHEME, NUMBER = 0, 1, 2  # which of _gates() a pattern needs
_UNSAFE = (
    (TAG, re.compile(r"<\s*script\b", re.IGNORECASE), "含有 <script> 脚本", "删除脚本代码；正文只能写普通文字、表格和链接"),
    (TAG, re.compile(r"<\s*iframe\b", re.IGNORECASE), "含有 <iframe> 内嵌框架", "删除内嵌框架，改为普通链接"),
    (TAG, re.compile(r"<\s*(object|embed)\b", re.IGNORECASE), "含有 <object>、<embed> 嵌入内容", "删除嵌入内容，改为附件或普通链接"),
    # Browsers ignore tabs and line breaks inside a URL's scheme.
    (SCHEME, re.compile(r"(j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE), "含有 javascript: 链接", "链接只能指向 https:// 网址或仓库内文件"),
    # `<img/onerror=…>` and `<a href="x"onclick=…>` are attributes too.
    (TAG, re.compile(r"<[a-z][^>]*[\s/\"']on[a-z]+\s*=", re.IGNORECASE), "HTML 标签含有 on… 事件属性", "删除 onclick、onerror 等事件属性"),
)
# What the patterns above need, tested first because almost no text has it: a "<"
# (tags) or a ":" (schemes), or an "&" that could spell either as a character
# reference (plain substring tests), or the digits of a number (pii.may_hold_numbers).
# A new pattern needs a gate here.
# A field meant for a phone number may hold a mobile one (a service line); elsewhere it is worth a look.
_PHONE_FIELDS = ("phone", "fax")


def _gates(text: str) -> tuple[bool, bool, bool]:
    """(may hold a tag, may hold a scheme, may hold a long number): TAG, SCHEME, NUMBER."""
    encoded = "&" in text
    return "<" in text or encoded, ":" in text or encoded, pii.may_hold_numbers(text)


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
    for report in project.annual_reports:
        yield report.source, None


def _matches(pattern: re.Pattern, text: str) -> list[int]:
    """Where `pattern` matches, also when hidden behind character references (`&#106;avascript:`): then at the line's start."""
    found = [match.start() for match in pattern.finditer(text)]
    if "&" in text:
        start = 0
        for line in text.splitlines(keepends=True):
            plain = not any(start <= offset < start + len(line) for offset in found)
            if "&" in line and plain and pattern.search(html.unescape(line)):
                found.append(start)
            start += len(line)
    return sorted(found)


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
    texts = []
    strings = _all_text(data, [])
    fields = _gates("\n".join(strings))  # one look at all the fields together
    if fields[TAG] or fields[SCHEME]:
        texts = [(key_path, text, None, fields) for key_path, text in _strings(data) if key_path[:1] != ("pii_allow",)]
    if body:
        texts.append((("body",), body, body, _gates(body)))
    for key_path, text, in_body, gates in texts:
        for gate, pattern, message, hint in _UNSAFE:
            for offset in _matches(pattern, text) if gates[gate] else ():
                yield _at(source, key_path, in_body, offset, "D401", f"{message}，网站不允许发布", hint, label="正文" if in_body else "")
        if in_body is not None and gates[NUMBER]:
            yield from _personal_numbers(source, key_path, pii.find_numbers(text), in_body, allowed)
    if fields[NUMBER]:
        yield from _field_numbers(source, data, strings, allowed)


def _field_numbers(source, data, strings, allowed):
    """Numbers in the fields, found in one pass over them all (most files have hundreds of short fields)."""
    joined = "\0".join(strings)  # \0 ends a number: fields stay apart
    numbers = pii.find_numbers(joined)
    if not numbers:
        return
    key_paths = [key_path for key_path, _ in _strings(data)]  # in the order of `strings`
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
