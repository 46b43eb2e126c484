"""Rules within one document: 索引号 form, dates in order, 规范性文件 lifecycle."""

from __future__ import annotations

import re


def id_regex(pattern: str, prefix: str, year: int | str) -> re.Pattern:
    return re.compile("^" + pattern.replace("{prefix}", re.escape(prefix)).replace("{year}", str(year)) + "$")


def check(context):
    project = context.project
    organization = project.organization
    as_of = context.options.as_of
    for document in project.documents:
        source = document.source
        if organization and organization.index_prefix and document.id and document.published:
            expected = id_regex(context.options.id_pattern, organization.index_prefix, document.published.year)
            if not expected.match(document.id):
                example = context.options.id_pattern.replace("{prefix}", organization.index_prefix).replace("{year}", str(document.published.year))
                example = example.replace(r"\d{5}", "00001")
                yield source.diagnostic(
                    ("id",), "D210", f"索引号“{document.id}”格式不正确", label="索引号",
                    hint=f"应为“索引号前缀/发布年份-五位序号”，如 {example}（年份与发布日期一致）",
                )
        if document.written and document.published and document.written > document.published:
            yield source.diagnostic(
                ("written",), "D301", f"成文日期 {document.written} 晚于发布日期 {document.published}", label="成文日期", hint="成文日期不能晚于发布日期"
            )
        if document.review and document.review.date and document.published and document.review.date > document.published:
            yield source.diagnostic(
                ("review", "date"), "D301", f"保密审查日期 {document.review.date} 晚于发布日期 {document.published}", label="审查日期",
                hint="须先完成保密审查再发布",
            )
        if document.validity == "有效" and document.valid_until and document.valid_until < as_of:
            yield source.diagnostic(
                ("valid_until",), "D301", f"有效期至 {document.valid_until} 已过，有效性却仍为“有效”", label="有效期至",
                hint="文件已到期：将 validity 改为 失效（或 废止、已修订并补充相应字段），或按延期决定更新有效期",
            )
        consultation = document.consultation
        if consultation and consultation.end and consultation.end < as_of and not consultation.feedback.strip():
            yield source.diagnostic(
                ("consultation",), "D307", f"征求意见已于 {consultation.end} 截止，尚未公开意见收集和采纳情况", label="征求意见",
                hint="在 consultation 下补充 feedback: 写明收到意见的数量、采纳情况及理由",
            )
        if consultation and consultation.start and consultation.end and consultation.end < consultation.start:
            yield source.diagnostic(
                ("consultation", "end"), "D301", f"征求意见截止日期 {consultation.end} 早于开始日期 {consultation.start}", label="截止日期",
                hint="截止日期应不早于开始日期",
            )
