"""政策解读: 谁起草谁解读, the first published with the policy within the deadline, both ways linked."""

from __future__ import annotations

import re

from disclosure.diagnostics import Diagnostic, Severity
from disclosure.loader import CALENDAR

# The closing `#`s and spaces are stripped in Python: a lazy title followed by `\s*#*\s*$` is quadratic in a line's length.
_HEADING = re.compile(r"^##[ \t]+(.*)$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,2}\s", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _sections(body: str) -> dict[str, tuple[int, bool]]:
    """Each `##` section: the line of its heading within the body, and whether any text follows it
    (an editor's <!-- note --> is not text) before the next heading of its level or above."""
    found: dict[str, tuple[int, bool]] = {}
    line, counted = 0, 0  # lines counted up to `counted`: each stretch of the body once, not once per heading
    for match in _HEADING.finditer(body):
        following = _ANY_HEADING.search(body, match.end())
        text = body[match.end(): following.start() if following else len(body)]
        title = match.group(1).rstrip(" \t#").strip()
        line, counted = line + body.count("\n", counted, match.start()), match.start()
        found.setdefault(title, (line, bool(_COMMENT.sub("", text).strip())))
    return found


def policy_problem(policy) -> tuple[str, str] | None:
    """D211: only a document the public will see can be interpreted."""
    if policy.is_proactive:
        return None
    return f"所解读文件“{policy.id}”不是已发布的主动公开文件", "只能解读主动公开的文件；检查该文件的 disclosure 和 draft 字段"


def check(context):
    project = context.project
    options = context.options
    calendar = context.calendar

    for document in project.documents:
        if document.awaits_interpretation and not project.interpretations_of.get(document.id):
            key = "interpretation" if "interpretation" in document.source.data else "kind"
            yield document.source.diagnostic(
                (key,), "D207", f"“{document.kind}”须配套政策解读，但没有找到解读“{document.id}”的文件", label="解读要求",
                hint=f"在 interpretations/ 下新建解读，policy 填 \"{document.id}\"；确实无需解读的写 interpretation: none",
            )

    for interpretation in project.interpretations:
        source = interpretation.source
        sections = _sections(interpretation.body)
        missing = [s for s in options.interpretation_sections if s not in sections]
        if missing:
            line = source.body_line
            yield Diagnostic(
                source.path, line, 1, "D305", "正文缺少小节：" + "、".join(missing), field="body", label="正文",
                hint="在正文中加入小节标题，如：" + "；".join(f"## {s}" for s in missing),
            )
        for name in options.interpretation_sections:
            if name in sections and not sections[name][1]:
                yield Diagnostic(
                    source.path, source.body_line + sections[name][0], 1, "D305", f"小节“{name}”是空的，网站上会显示一个没有内容的标题",
                    field="body", label="正文", hint=f"在“## {name}”下面写上这一节的内容",
                )
        policy = project.documents_by_id.get(interpretation.policy)
        if policy is None:
            continue
        found = policy_problem(policy)
        if found:
            yield source.diagnostic(("policy",), "D211", found[0], label="所解读文件", hint=found[1])
        if interpretation.department and policy.drafting_department and interpretation.department != policy.drafting_department:
            expected = project.organization.department_name(policy.drafting_department) if project.organization else policy.drafting_department
            yield source.diagnostic(
                ("department",), "D208", f"解读部门应与文件起草部门一致（谁起草、谁解读），该文件由“{expected}”起草", label="解读部门",
                hint=f"改为 department: {policy.drafting_department}",
            )
        if interpretation.published and policy.published:
            if interpretation.published < policy.published:
                yield source.diagnostic(
                    ("published",), "D303", f"解读发布日期 {interpretation.published} 早于文件发布日期 {policy.published}", label="发布日期",
                    hint="政策解读应与文件同步或在其后发布",
                )
            else:
                deadline = calendar.add_workdays(policy.published, options.interpretation_days)
                for year in range(policy.published.year, deadline.year + 1):
                    if not calendar.covers(year):
                        yield source.diagnostic(
                            ("published",), "D306", f"{year} 年的节假日数据缺失，解读时限暂按周一至周五计算", label="发布日期",
                            hint=f"在 {CALENDAR} 中补充 {year} 年的 holidays（放假日）和 workdays（调休上班日），并把 {year} 写入 years",
                            severity=Severity.WARNING,
                        )
                # The deadline binds the first interpretation; 专家解读、媒体解读 … may follow at any time.
                if interpretation.published > deadline and interpretation.published == _first_published(project, policy.id):
                    yield source.diagnostic(
                        ("published",), "D302",
                        f"解读发布日期 {interpretation.published} 晚于文件发布后 {options.interpretation_days} 个工作日（最迟 {deadline}）",
                        label="发布日期", hint=f"解读应在 {policy.published} 至 {deadline} 之间发布",
                    )


def _first_published(project, policy_id: str):
    """The day the policy's first interpretation (draft or not) is published."""
    return min((i.published for i in project.interpretations_of.get(policy_id, []) if i.published), default=None)
