"""Rules within one document: 索引号 form, dates in order, 规范性文件 lifecycle (what time makes due is in due.py)."""

from __future__ import annotations

import re

from disclosure.diagnostics import Severity


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
        if document.valid_until and document.published and document.valid_until < document.published:
            yield source.diagnostic(
                ("valid_until",), "D301", f"有效期至 {document.valid_until} 早于发布日期 {document.published}", label="有效期至",
                hint="有效期的最后一天应不早于发布日期；检查年份是否写错",
            )
        if document.abolished and document.published and document.abolished < document.published:
            yield source.diagnostic(
                ("abolished",), "D301", f"废止日期 {document.abolished} 早于发布日期 {document.published}", label="废止日期",
                hint="文件只能在发布之后废止；检查废止日期是否写错",
            )
        consultation = document.consultation
        if consultation and consultation.start and consultation.end and consultation.end < consultation.start:
            yield source.diagnostic(
                ("consultation", "end"), "D301", f"征求意见截止日期 {consultation.end} 早于开始日期 {consultation.start}", label="截止日期",
                hint="截止日期应不早于开始日期",
            )
        yield from _lifecycle(document, project, as_of)


# A field that records one end of a 规范性文件's life, and the validity it belongs to.
_STATUS_FIELDS = (("abolished", "废止日期", "废止", "已废止"), ("replaced_by", "替代文件", "已修订", "已修订"))


def _lifecycle(document, project, as_of):
    """废止 and 已修订 say the same thing as their fields; a replacement is newer, public, and no loop."""
    source = document.source
    for key, label, validity, done in _STATUS_FIELDS:
        if getattr(document, key) and document.validity and document.validity != validity:
            yield source.diagnostic(
                (key,), "D310", f"填写了{label}，有效性却是“{document.validity}”", label=label,
                hint=f"文件确实{done}的，把 validity 改为 {validity}；否则删除 {key} 这一行",
            )
    if not document.replaced_by:
        return
    if document.replaced_by == document.id:
        yield source.diagnostic(
            ("replaced_by",), "D311", "替代文件不能是本文件自身", label="替代文件", hint="填写修订后新文件的索引号（新文件 id 字段的值）"
        )
        return
    replacement = project.documents_by_id.get(document.replaced_by)
    if replacement is None:
        return  # D204 reports it
    if replacement.published and document.published and replacement.published < document.published:
        yield source.diagnostic(
            ("replaced_by",), "D311", f"替代文件“{replacement.id}”发布于 {replacement.published}，早于本文件（{document.published}）",
            label="替代文件", hint="替代文件应是修订后新发布的文件；检查是否把新旧文件写反了",
        )
    loop = _replacement_loop(document, project)
    if loop:
        yield source.diagnostic(
            ("replaced_by",), "D311", "替代关系形成循环：" + " → ".join(loop), label="替代文件",
            hint="现行文件不能再被它所替代的文件替代；检查这些文件的 replaced_by",
        )
    if not document.is_proactive:
        return
    if not replacement.is_proactive:
        yield source.diagnostic(
            ("replaced_by",), "D312", f"替代文件“{replacement.id}”不是主动公开的已发布文件，公众看不到现行文件", label="替代文件",
            hint="替代文件须主动公开：检查新文件的 disclosure 和 draft 字段",
        )
    elif replacement.published and replacement.published > as_of:
        yield source.diagnostic(
            ("replaced_by",), "D312", f"替代文件“{replacement.id}”定于 {replacement.published} 发布，此前本文件页面显示已修订却无法链接现行文件",
            label="替代文件", hint="新文件发布前保持 validity: 有效，发布当日再改为 已修订", severity=Severity.WARNING,
        )


def _replacement_loop(document, project) -> list[str]:
    """The ids from `document` back to itself along replaced_by, or [] when the chain ends."""
    chain, current = [document.id], project.documents_by_id.get(document.replaced_by)
    while current is not None and current.id not in chain:
        chain.append(current.id)
        current = project.documents_by_id.get(current.replaced_by) if current.replaced_by else None
    return chain + [document.id] if current is document else []
