"""Text that every output can carry: no control characters in any published field or body.

Feeds and sitemaps are XML, which cannot hold most control characters at all; in a
page or a spreadsheet they are invisible and change what a reader sees. They come
from text copied out of Word, PDF or web pages, or from YAML escapes such as "\\x01".
"""

from __future__ import annotations

import re

from disclosure.diagnostics import Diagnostic
from disclosure.sources import text_values

# C0 except tab and line feed (carriage returns are normalised when a file is read), DEL, C1,
# and the two non-characters XML 1.0 excludes.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_HINT = "删除这个看不见的字符（常见于从 Word、PDF 或网页复制的文字）：可在编辑器中打开“显示不可见字符”后删除，或重新输入这段文字"


def _sources(project):
    """(source, body or None) for every file whose text the site publishes."""
    for entry in project.documents + project.interpretations:
        yield entry.source, entry.body
    for entry in project.guides + project.annual_reports:
        yield entry.source, None
    for source in (project.organization and project.organization.source, project.catalogue.source, project.negative_list_source):
        if source is not None:
            yield source, None


def _message(character: str) -> str:
    return f"含有控制字符 U+{ord(character):04X}，网页、订阅源和开放数据无法正确显示"


def _scan(source, body: str | None):
    for key_path, text in text_values(source.data):
        found = CONTROL.search(text)
        if found:
            yield source.diagnostic(key_path, "D606", _message(found.group()), hint=_HINT)
    found = CONTROL.search(body) if body else None
    if found:
        before = body[: found.start()]
        line = source.body_line + before.count("\n")
        column = found.start() - (before.rfind("\n") + 1) + 1
        yield Diagnostic(source.path, line, column, "D606", _message(found.group()), field="body", label="正文", hint=_HINT)


def check(context):
    for source, body in _sources(context.project):
        if "characters" not in source.memo:  # depends on this file's content only
            source.memo["characters"] = list(_scan(source, body))
        yield from source.memo["characters"]
