"""Nothing the sanitizer would remove (D401): every body and field rendered as the site renders it.

Every page passes an allowlist sanitizer (disclosure.publishing.sanitize) whatever this rule
says; reporting what it would take out — script, event handlers, `javascript:` links, frames,
<base>, <style>, attribute lists — lets the editor learn, and the build never silently changes
what a page says.

Before anything renders a text, its shape is checked in one linear pass (D407,
disclosure.publishing.shape): a text Python-Markdown could not render in bounded time is refused
here, and the build stops on it before rendering any page.
"""

from __future__ import annotations

from disclosure.publishing import shape
from disclosure.publishing.markup import content_markup, may_hold_markup
from disclosure.rules.safety import _all_text, _at, _entries
from disclosure.sources import text_values


def check(context):
    markup = content_markup()
    for source, body in _entries(context.project):
        if "markup" not in source.memo:  # depends on this file's content only
            source.memo["markup"] = list(_scan(source, body, markup))
        yield from source.memo["markup"]


def _scan(source, body, markup):
    data = source.data if isinstance(source.data, dict) else {}
    if may_hold_markup("\n".join(_all_text(data, []))):  # one look at all the fields together
        for key_path, text in text_values(data):
            problems = shape.problems(text) if may_hold_markup(text) else []
            for problem in problems:
                yield _at(source, key_path, None, problem.offset, shape.UNBOUNDED, f"字段中{problem.message}", problem.hint)
            for finding in [] if problems else markup.field_findings(text):
                yield _at(source, key_path, None, finding.offset, "D401", f"字段中的{finding.removal.describe()}不允许发布，网站会将其删除", _hint(finding.removal))
    problems = shape.problems(body) if body else []
    for problem in problems:
        yield _at(source, ("body",), body, problem.offset, shape.UNBOUNDED, f"正文中{problem.message}", problem.hint, label="正文")
    for finding in markup.findings(body) if body and not problems else ():
        message = f"正文中的{finding.removal.describe()}不允许发布，网站会将其删除"
        yield _at(source, ("body",), body, finding.offset, "D401", message, _hint(finding.removal), label="正文")


def _hint(removal) -> str:
    if removal.attribute.startswith("on"):
        return "删除 onclick、onmouseover 等事件属性，也不要在 { } 属性列表中写它们"
    if removal.attribute in ("href", "src", "action", "cite"):
        return "链接只能是 https://、http://、mailto:、tel: 开头的网址或站内路径"
    if removal.attribute:
        return f"删除 {removal.attribute} 属性；只需普通的 Markdown 格式"
    return "删除该元素；只能用标题、段落、列表、表格、链接、图片等普通格式"
