"""Every reference resolves, and no two entries share an id or a code."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from disclosure.linked_files import Refusal, examine
from disclosure.sources import Located

_DEPARTMENT_HINT = "填写 catalogue/organization.yml 中 departments 下某个部门的 id"


# What is wrong with one reference, as (message, hint); None when it resolves. The rules below
# locate these in a file, and `disclosure new` asks again with them.
def category_problem(catalogue, code: str) -> tuple[str, str] | None:
    item = catalogue.by_code.get(code)
    if item is None:
        leaves = catalogue.leaves()  # the example is one of this repository's own codes
        return f"目录事项“{code}”不存在", f"填写 catalogue/directory.yml 中某个末级事项的 code（加引号，如 \"{leaves[0].code if leaves else '0201'}\"）"
    if not item.is_leaf:
        return f"目录事项“{code} {item.name}”不是末级事项", "请选其下级事项：" + "、".join(f"{c.code} {c.name}" for c in item.children)
    return None


def department_problem(known: set[str], value: str) -> tuple[str, str] | None:
    return (f"部门“{value}”不存在", _DEPARTMENT_HINT) if value and value not in known else None


def duplicate_of(entries, key: str, value: str, label: str) -> tuple[str, str] | None:
    """D206's finding for a value some entry already has."""
    other = next((entry for entry in entries if getattr(entry, key) == value), None)
    return _duplicate(other, value, label) if other else None


def _duplicate(other, value: str, label: str) -> tuple[str, str]:
    return f"{label}“{value}”与 {other.source.path} 重复", f"请改用未使用的{label}"


def _unique(entries, key: str, label: str, what: str):
    """D206 for every entry whose `key` value appeared before."""
    first: dict = {}  # value → the entry that has it first
    for entry in entries:
        value = getattr(entry, key)
        if not value:
            continue
        if value in first:
            message, hint = _duplicate(first[value], value, label)
            yield entry.source.diagnostic((key,), "D206", message, label=label, hint=f"每个{what}的{label}必须唯一，" + hint)
        else:
            first[value] = entry


def _department(source: Located, key_path: tuple, value: str, known: set[str], label: str):
    found = department_problem(known, value)
    if found:
        yield source.diagnostic(key_path, "D202", found[0], label=label, hint=found[1])


@cache
def _linked_file(root: Path, rel: str) -> Refusal | None:
    """Many entries link the same few files."""
    return examine(root, rel)


def check_file(root: Path, source: Located, key_path: tuple, rel: str, label: str):
    """A linked file must be one the site may publish (see linked_files)."""
    if not rel or rel.startswith(("https://", "http://")):
        return
    refusal = _linked_file(root, rel)
    if refusal:
        yield source.diagnostic(key_path, refusal.code, refusal.message, label=label, hint=refusal.hint)


def check(context):
    _linked_file.cache_clear()  # files come and go between runs under `mkdocs serve`
    project = context.project
    organization = project.organization
    root = context.root
    departments = {d.id for d in organization.departments} if organization else set()

    if organization and organization.source:
        seen: set[str] = set()
        for i, department in enumerate(organization.departments):
            if department.id in seen:
                yield organization.source.diagnostic(
                    ("departments", i, "id"), "D206", f"部门 id“{department.id}”重复", label="部门标识", hint="每个部门的 id 必须唯一"
                )
            seen.add(department.id)

        yield from check_file(root, organization.source, ("application", "form"), organization.application.form, "申请表格")

    catalogue = project.catalogue
    if organization:
        for item in catalogue.leaves():
            for i, department in enumerate(item.departments):
                yield from _department(catalogue.source, item.key_path + ("departments", i), department, departments, "公开主体")

    yield from _unique(project.documents, "id", "索引号", "文件")
    yield from _unique(project.interpretations, "id", "编号", "政策解读")
    yield from _unique(project.guides, "code", "事项编码", "办事指南")

    for document in project.documents:
        source = document.source
        # An unquoted code YAML read as a number is D110 already: its digits are lost, so no second message.
        known = document.category and catalogue.source and ("category",) not in source.plain
        found = category_problem(catalogue, document.category) if known else None
        if found:
            yield source.diagnostic(("category",), "D201", found[0], label="目录事项", hint=found[1])
        if organization:
            yield from _department(source, ("drafting_department",), document.drafting_department, departments, "起草部门")
        if document.replaced_by and document.replaced_by not in project.documents_by_id:
            yield source.diagnostic(
                ("replaced_by",), "D204", f"替代文件“{document.replaced_by}”不存在", label="替代文件", hint="填写修订后新文件的索引号（id）"
            )
        for i, attachment in enumerate(document.attachments):
            yield from check_file(root, source, ("attachments", i, "file"), attachment.file, "附件")

    for interpretation in project.interpretations:
        source = interpretation.source
        if interpretation.policy and interpretation.policy not in project.documents_by_id:
            yield source.diagnostic(
                ("policy",), "D203", f"所解读文件“{interpretation.policy}”不存在", label="所解读文件", hint="填写被解读文件的索引号（该文件 id 字段的值）"
            )
        if organization:
            yield from _department(source, ("department",), interpretation.department, departments, "解读部门")
        if interpretation.media:
            yield from check_file(root, source, ("media",), interpretation.media, "媒体文件")

    for guide in project.guides:
        if organization:
            yield from _department(guide.source, ("department",), guide.department, departments, "实施主体")
        for i, material in enumerate(guide.materials):
            yield from check_file(root, guide.source, ("materials", i, "template"), material.template, "示范文本")
            yield from check_file(root, guide.source, ("materials", i, "example"), material.example, "常见错误示例")
