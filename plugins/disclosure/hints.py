"""Hints in this repository's own terms: the schemas' examples name another agency's departments,
索引号 and places, so a suggestion shows this repository's values instead, ones that pass as written."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

from disclosure.diagnostics import Diagnostic
from disclosure.model import Project
from disclosure.options import Options
from disclosure.schemas import schema

_SCHEMAS = ("document", "interpretation", "guide", "organization", "directory", "annual-report", "negative-list")


@cache
def _schema_examples(name: str) -> tuple[str, ...]:
    """Every first example the schemas give a field called `name`, as text."""
    found = []
    for schema_name in _SCHEMAS:
        for part in schema(schema_name).every_property(name):
            examples = part.get("examples") or []
            if examples and isinstance(examples[0], str) and examples[0] not in found:
                found.append(examples[0])
    return tuple(found)


def _local_values(project: Project, options: Options, file: str) -> dict[str, str]:
    """This repository's value for each field whose example comes from elsewhere."""
    from disclosure.scaffold import next_document_id, next_interpretation_id  # pypinyin only when a hint needs it

    organization = project.organization
    values: dict[str, str] = {}
    if organization and organization.departments:
        used = Counter(d.drafting_department for d in project.documents)
        department = max(organization.departments, key=lambda d: used[d.id]).id
        values.update(drafting_department=department, department=department)
    if organization:
        values["publisher"] = organization.name
    # Not as an example for organization.yml itself: the value there may be the one being corrected.
    if organization and not (organization.source and organization.source.path == file):
        for key in ("address", "email"):
            if getattr(organization.office, key):
                values[key] = getattr(organization.office, key)
        values["location"] = organization.office.address
    year = options.as_of.year
    if file.startswith("interpretations/"):
        values["id"] = next_interpretation_id(project, year)
    else:
        values["id"] = next_document_id(project, options, year) or ""
    leaves = Counter(d.category for d in project.documents if d.category in project.catalogue.by_code)
    if leaves:
        values["category"] = leaves.most_common(1)[0][0]
    numbered = sorted((d for d in project.documents if d.doc_number and d.published), key=lambda d: d.published)
    if numbered:
        values["doc_number"] = numbered[-1].doc_number
    others = sorted((d for d in project.documents if d.id and d.published and d.source.path != file), key=lambda d: d.published)
    policies = [d for d in others if d.needs_interpretation]
    if policies:
        values["policy"] = policies[-1].id
    if others:
        values["replaced_by"] = others[-1].id
    own = next((d for d in project.documents if d.source.path == file), None)
    if own and own.published:  # a date the file's own dates must not pass
        values["written"] = values["date"] = own.published.isoformat()
    files = [a.file for d in others for a in d.attachments if a.file]
    if files:
        values["media"] = values["file"] = files[-1]
    return {k: v for k, v in values.items() if v}


def localise(diagnostics: list[Diagnostic], project: Project, options: Options) -> list[Diagnostic]:
    cached: dict[str, dict[str, str]] = {}
    result = []
    for diagnostic in diagnostics:
        name = diagnostic.field.rsplit(".", 1)[-1].split("[", 1)[0] if diagnostic.field else ""
        examples = _schema_examples(name) if name and diagnostic.hint else ()
        present = [e for e in examples if e in diagnostic.hint]
        if present:
            local = cached.setdefault(diagnostic.file, _local_values(project, options, diagnostic.file)).get(name)
            if local:
                hint = diagnostic.hint
                for example in present:
                    hint = hint.replace(example, local)
                diagnostic = replace(diagnostic, hint=hint)
        result.append(diagnostic)
    return result
