"""New entries for editors: the next free 索引号, dates and defaults filled in,
every field of the schema written out with its Chinese title and description.

The few facts a program cannot know (title, catalogue item, department,
policy …) come from the caller; everything else is either filled in or left
empty. An empty value is what the checker reports as 未填写, so a file that
is saved before it is finished cannot pass `disclosure check` by accident.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path


from disclosure.model import NEEDS_INTERPRETATION_BY_DEFAULT, PUBLIC, Project
from disclosure import yaml_text
from disclosure.options import Options
from disclosure.rules.documents import id_regex
from disclosure.rules.interpretations import policy_problem
from disclosure.rules.references import category_problem, department_problem, duplicate_of
from disclosure.schemas import Schema, schema
from disclosure.sources import dotted
from disclosure.yaml_text import Quoted

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SERIAL = re.compile(r"\\d\{(\d+)\}")  # the serial number in an id pattern, e.g. \d{5}
# Sections the content model recommends for 政策解读 beyond the required ones.
RECOMMENDED_SECTIONS = ("目标任务", "涉及范围", "执行口径", "关键词诠释", "新旧政策差异")


class FactError(ValueError):
    """A fact given for a new entry that the repository contradicts, in Chinese."""


@dataclass(frozen=True)
class Kind:
    """One kind of content that `disclosure new` can write."""

    name: str
    what: str  # 中文名 for messages
    schema: str
    folder: str
    suffix: str
    facts: dict[str, str]  # fact (command-line option) → schema field
    required: tuple[str, ...]  # facts nobody can guess


KINDS = {
    "document": Kind(
        "document", "公开信息", "document", "catalogue", ".md",
        {"title": "title", "category": "category", "kind": "kind", "department": "drafting_department", "published": "published"},
        ("title", "category", "kind", "department"),
    ),
    "interpretation": Kind(
        "interpretation", "政策解读", "interpretation", "interpretations", ".md",
        {"policy": "policy", "title": "title", "form": "form", "published": "published"},
        ("policy",),
    ),
    "guide": Kind(
        "guide", "办事指南", "guide", "guides", ".yml",
        {"title": "name", "code": "code", "kind": "type", "department": "department"},
        ("title", "code", "kind", "department"),
    ),
}


@dataclass
class Placeholder:
    line: int
    field: str  # dotted key path
    label: str


@dataclass
class Draft:
    """A new file, not yet written."""

    path: str  # repository-relative, POSIX
    text: str
    placeholders: list[Placeholder]
    notes: list[tuple[str, str]] = field(default_factory=list)  # (中文标签, 内容) worth telling the editor

    def write(self, root: Path) -> None:
        target = root / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "x", encoding="utf-8") as stream:
                stream.write(self.text)
        except FileExistsError:
            raise FactError(f"{self.path} 已存在，不会覆盖；请换一个文件名") from None


# -- the facts ------------------------------------------------------------
def label(kind: str, fact: str) -> str:
    spec = KINDS[kind]
    return schema(spec.schema).label((spec.facts[fact],)) or fact


def allowed(kind: str, fact: str) -> list[str]:
    """The values the schema allows for a fact; empty when any text will do."""
    spec = KINDS[kind]
    return schema(spec.schema).field_schema((spec.facts[fact],)).get("enum", [])


def awaiting_interpretation(project: Project) -> list:
    """Published documents that need a 政策解读 and have none yet, newest first."""
    waiting = [
        d for d in project.documents
        if d.awaits_interpretation and not project.interpretations_of.get(d.id)
    ]
    return sorted(waiting, key=lambda d: (d.published or dt.date.min, d.id), reverse=True)


def choices(project: Project, kind: str, fact: str) -> list[tuple[str, str]]:
    """(value, description) pairs an editor may pick from; empty for free text."""
    if fact == "category":
        return [(i.code, " / ".join(a.name for a in i.ancestors()) + f" / {i.name}") for i in project.catalogue.leaves()]
    if fact == "department":
        return [(d.id, d.name) for d in project.organization.departments] if project.organization else []
    if fact == "policy":
        return [(d.id, f"{d.title}（{d.published}）") for d in awaiting_interpretation(project)]
    return [(value, value) for value in allowed(kind, fact)]


def problem(project: Project, kind: str, fact: str, value: str) -> str | None:
    """What is wrong with a fact given for a new entry, in Chinese; None when it is fine."""
    if not value.strip():
        return "不能为空"
    if fact == "title" and re.search(r"[<>]", value):
        return "标题不能含 < 或 >"
    found = None
    if fact == "category":
        found = category_problem(project.catalogue, value)
        if found and value not in project.catalogue.by_code:
            found = (found[0], "可选的末级事项：" + "、".join(i.code for i in project.catalogue.leaves()))
    elif fact == "department" and project.organization:
        found = department_problem({d.id for d in project.organization.departments}, value)
        found = found and (found[0], "可选：" + "、".join(d.id for d in project.organization.departments))
    elif fact == "policy":
        document = project.documents_by_id.get(value)
        found = policy_problem(document) if document else (f"没有索引号为“{value}”的公开信息", "")
    elif fact == "code":
        found = duplicate_of(project.guides, "code", value, "事项编码")
    if found:
        return "；".join(part for part in found if part)
    values = allowed(kind, fact)
    if values and value not in values:
        return f"“{value}”不是允许的值；可选：" + "、".join(values)
    return None


# -- ids and paths --------------------------------------------------------
def next_document_id(project: Project, options: Options, year: int, taken: Iterable[str] = ()) -> str | None:
    """The next free 索引号 of `year`, or None when the id pattern has no serial number; `taken`
    are ids in use outside the project's files (entries still on a review branch)."""
    prefix = project.organization.index_prefix if project.organization else ""
    serial = _SERIAL.search(options.id_pattern)
    if serial is None or not prefix:
        return None
    before, after = options.id_pattern[: serial.start()], options.id_pattern[serial.end() :]
    width = int(serial.group(1))
    regex = id_regex(before + f"(\\d{{{width}}})" + after, prefix, year)
    used = [int(match.group(1)) for id in chain((d.id for d in project.documents), taken) if (match := regex.match(id))]

    def literal(part: str) -> str:
        return re.sub(r"\\(.)", r"\1", part).replace("{prefix}", prefix).replace("{year}", str(year))

    return f"{literal(before)}{max(used, default=0) + 1:0{width}d}{literal(after)}"


def next_interpretation_id(project: Project, year: int, taken: Iterable[str] = ()) -> str:
    used = [int(m.group(1)) for id in chain((i.id for i in project.interpretations), taken) if (m := re.fullmatch(rf"jd-{year}-(\d+)", id))]
    return f"jd-{year}-{max(used, default=0) + 1:03d}"


def policy_name(title: str) -> str:
    """The name of the policy a document carries: X in “关于印发《X》的通知”."""
    issued = re.search(r"印发《([^《》]+)》的通知", title)
    return issued.group(1) if issued else title.replace("《", "〈").replace("》", "〉")


def slug(text: str) -> str:
    """A file name from Chinese text: its pinyin, lower case, joined by hyphens."""
    from pypinyin import lazy_pinyin  # its dictionaries take 0.1 s to load; `disclosure check` never needs them

    words = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(text)).lower()).strip("-")
    return words[:60].rsplit("-", 1)[0] if len(words) > 60 else words or "new"


def _free_path(root: Path, folder: str, stem: str, suffix: str) -> str:
    number = 1
    while True:
        rel = f"{folder}/{stem if number == 1 else f'{stem}-{number}'}{suffix}"
        if not (root / rel).exists():
            return rel
        number += 1


def _chosen_path(root: Path, spec: Kind, out: Path) -> str:
    target, base = out.resolve(), (root / spec.folder).resolve()
    if not target.is_relative_to(base) or target.suffix != spec.suffix:
        raise FactError(f"{spec.what}须保存在 {spec.folder}/ 下，文件名以 {spec.suffix} 结尾，否则校验和网站都不会读取它")
    if target.exists():
        raise FactError(f"{out} 已存在，不会覆盖；请换一个文件名")
    return target.relative_to(root.resolve()).as_posix()


# -- the drafts -----------------------------------------------------------
# Each returns the values it knows, the folder and file stem, and what to tell the editor.
def _document(project: Project, options: Options, facts: dict[str, str]):
    published = dt.date.fromisoformat(facts.get("published") or options.as_of.isoformat())
    document_id = next_document_id(project, options, published.year)
    known = {
        "id": document_id,
        "title": facts["title"],
        "category": facts["category"],
        "kind": facts["kind"],
        "drafting_department": facts["department"],
        "published": published.isoformat(),
        "disclosure": PUBLIC,
    }
    if facts["kind"] == "规范性文件":
        known["validity"] = "有效"  # a normative document is in force when it is published
    notes = []
    if document_id:
        notes.append(("索引号", document_id))
        stem = re.sub(r"[^A-Za-z0-9-]+", "-", document_id.removeprefix(project.organization.index_prefix)).strip("-")
    else:
        del known["id"]
        stem = slug(facts["title"])
    if published > options.as_of:
        notes.append(("定时发布", f"发布日期 {published} 在今天之后，到期前不会出现在网站上"))
    if facts["kind"] in NEEDS_INTERPRETATION_BY_DEFAULT:
        notes.append(("政策解读", f"{facts['kind']}须配套解读：本文件填好后，运行 disclosure new interpretation --policy \"{document_id or '索引号'}\""))
    return known, f"catalogue/documents/{published.year}", stem, notes


def _interpretation(project: Project, options: Options, facts: dict[str, str]):
    policy = project.documents_by_id[facts["policy"]]
    deadline = project.calendar.add_workdays(policy.published, options.interpretation_days) if policy.published else None
    if facts.get("published"):
        published = dt.date.fromisoformat(facts["published"])
    else:  # today, or with the policy when it is scheduled for later
        published = max(options.as_of, policy.published or options.as_of)
    department = policy.drafting_department  # 谁起草、谁解读
    known = {
        "id": next_interpretation_id(project, published.year),
        "title": facts.get("title") or f"《{policy_name(policy.title)}》政策解读",
        "policy": policy.id,
        "form": facts.get("form") or "文字解读",
        "department": department,
        "published": published.isoformat(),
    }
    notes = [
        ("所解读文件", f"{policy.id} {policy.title}（发布日期 {policy.published}）"),
        ("解读部门", f"{department}（{project.organization.department_name(department)}），与文件起草部门一致（谁起草、谁解读）"),
    ]
    earlier = sorted(i.published for i in project.interpretations_of.get(policy.id, []) if i.published)
    if earlier:
        notes.append(("已有解读", f"首个解读发布于 {earlier[0]}；之后的解读（专家解读、媒体解读、图文解读等）不受发布时限限制"))
    elif deadline:
        notes.append(("最迟发布日期", f"{deadline}（文件发布后 {options.interpretation_days} 个工作日内）"))
        if published > deadline:
            notes.append(("注意", f"发布日期 {published} 已超过最迟发布日期 {deadline}，校验会报 D302"))
    if policy.published and published < policy.published:
        notes.append(("注意", f"发布日期 {published} 早于文件发布日期 {policy.published}，校验会报 D303"))
    return known, f"interpretations/{published.year}", Path(policy.source.path).stem, notes


def _guide(project: Project, options: Options, facts: dict[str, str]):
    known = {
        "code": facts["code"],
        "name": facts["title"],
        "type": facts["kind"],
        "department": facts["department"],
        "updated": options.as_of.isoformat(),
    }
    notes = []
    department = project.organization.department(facts["department"])
    if department and department.phone:
        known["contact"] = {"phone": department.phone}  # the department's public line; the editor may change it
        notes.append(("咨询电话", f"已按实施主体的部门电话预填 {department.phone}，请核对"))
    return known, "guides", slug(facts["title"]), notes


_DRAFTERS = {"document": _document, "interpretation": _interpretation, "guide": _guide}


def draft(project: Project, options: Options, kind: str, facts: dict[str, str], out: Path | None = None) -> Draft:
    """The new file for `kind` from checked facts (see `problem`); the project must have its organization."""
    spec = KINDS[kind]
    known, folder, stem, notes = _DRAFTERS[kind](project, options, facts)
    root = Path(project.root)
    path = _chosen_path(root, spec, out) if out else _free_path(root, folder, stem, spec.suffix)
    text, placeholders = render(spec.schema, known, body(kind, options) if spec.suffix == ".md" else None)
    if spec.suffix == ".md":
        start = text.split("\n").index("---", 1) + 3  # after the closing `---` and a blank line
        where = "，在 " + "、".join(f"## {s}" for s in options.interpretation_sections) + " 等小节下" if kind == "interpretation" else ""
        notes.append(("正文", f"从第 {start} 行起{where}用 Markdown 撰写，写好后删去 <!-- --> 说明行"))
    return Draft(path, text, placeholders, notes)


def body(kind: str, options: Options) -> str:
    """The Markdown body of a new document or interpretation: what to write where, as HTML comments."""
    if kind == "interpretation":
        sections = "\n".join(f"## {s}\n\n<!-- 在此撰写“{s}”。这一行是说明，不会显示在网站上，可删除。 -->\n" for s in options.interpretation_sections)
        return sections + "\n<!-- 可按需要增加小节：" + "、".join(f"## {s}" for s in RECOMMENDED_SECTIONS) + " -->\n"
    return "<!-- 在此用 Markdown 撰写正文：以 ## 开头的行是小节标题，空一行分段。这一行是说明，不会显示在网站上，可删除。 -->\n"


# -- writing YAML with comments -------------------------------------------
def _skeleton(content_schema: Schema, known: dict) -> dict:
    """`known` plus an empty value for every field the schema requires of it."""
    data = copy.deepcopy(known)
    while True:
        added = False
        # Empty values are left out while validating, so that a condition such as
        # "visits ≥ 1 requires visits_reason" is not met by a value not yet given.
        for error in content_schema.validator.iter_errors(_given(data)):
            if error.validator != "required":
                continue
            parent = data
            for key in error.absolute_path:
                parent = parent[key]
            for name in error.validator_value:
                if isinstance(parent, dict) and name not in parent:
                    parent[name] = _empty(content_schema.field_schema(tuple(error.absolute_path) + (name,)))
                    added = True
        if not added:
            return data


def _given(value):
    if isinstance(value, dict):
        return {k: _given(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_given(v) for v in value]
    return value


def _empty(field_schema: dict):
    if "oneOf" in field_schema or "anyOf" in field_schema:
        return None  # one of several shapes: the editor picks
    if field_schema.get("type") == "object":
        return {}
    if field_schema.get("type") == "array":
        return [{}] if field_schema.get("items", {}).get("type") == "object" else []
    return None


def _as_written(value):
    """Codes, ids and phone numbers quoted, as the content model asks; ISO dates left to be read as dates."""
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, str) and value[:1].isdigit() and not _ISO_DATE.fullmatch(value):
        return Quoted(value)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return Quoted(value)
    return value


def _scalar(value) -> str:
    return yaml_text.scalar(_as_written(value))


def _flow(values: list) -> str:
    return yaml_text.flow(_as_written(values))


def _plain_lines(name, value, pad: str) -> list[str]:
    """YAML for an example value, without comments."""
    return list(yaml_text.block_lines({name: _as_written(value)}, len(pad), flow_lists=True))


class _Writer:
    def __init__(self, content_schema: Schema):
        self.schema = content_schema
        self.lines: list[str] = []
        self.placeholders: list[tuple[int, tuple]] = []  # (index in lines, key path)

    def example(self, key_path: tuple):
        examples = self.schema.field_schema(key_path).get("examples") or []
        return examples[0] if examples else None

    def comment(self, key_path: tuple, pad: str, active: bool, empty: bool) -> None:
        info = self.schema.field_schema(key_path)
        required = key_path[-1] in self.schema.ever_required(key_path[:-1])
        status = ("必填" if active else "视情况填写") if required else "选填"
        text = f"{pad}# {info.get('title', key_path[-1])}（{status}）"
        if info.get("description"):
            text += "：" + info["description"]
        example = self.example(key_path)
        if empty and example is not None and not isinstance(example, dict) and not (isinstance(example, list) and example and isinstance(example[0], dict)):
            text += f"例如：{_flow(example) if isinstance(example, list) else _scalar(example)}"
        self.lines.append(text)

    def mapping(self, data: dict, key_path: tuple, pad: str) -> None:
        for name in self.schema.properties(key_path):
            path = key_path + (name,)
            if name not in data:
                self.comment(path, pad, active=False, empty=False)
                example = self.example(path)
                if example is not None:
                    self.lines.extend(f"{pad}# {line[len(pad):]}" for line in _plain_lines(name, example, pad))
                continue
            value = data[name]
            empty = value is None or value == []
            self.comment(path, pad, active=True, empty=empty)
            if isinstance(value, dict):
                self.lines.append(f"{pad}{name}:")
                self.mapping(value, path, pad + "  ")
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                self.lines.append(f"{pad}{name}:")
                for index, item in enumerate(value):
                    self.item(item, path + (index,), pad + "  ")
            else:
                if empty:
                    self.placeholders.append((len(self.lines), path))
                self.lines.append(f"{pad}{name}: {_flow(value) if isinstance(value, list) else _scalar(value)}".rstrip())

    def item(self, data: dict, key_path: tuple, pad: str) -> None:
        """One entry of a list of records: `- ` before its first field, comments above it."""
        start = len(self.lines)
        self.mapping(data, key_path, pad + "  ")
        first = next(i for i in range(start, len(self.lines)) if not self.lines[i].lstrip().startswith("#"))
        for i in range(start, first):
            self.lines[i] = pad + self.lines[i].lstrip()
        self.lines[first] = pad + "- " + self.lines[first].lstrip()


def render(schema_name: str, known: dict, body: str | None) -> tuple[str, list[Placeholder]]:
    """The file text: a YAML file, or front matter and a Markdown body when `body` is given."""
    content_schema = schema(schema_name)
    writer = _Writer(content_schema)
    root = content_schema.root
    writer.lines.append(f"# {root['title']}：{root['description']}")
    writer.lines.append("# 以 # 开头的行是填写说明，不影响内容。“必填”项都要在冒号后填写；其他项需要时删去行首的“# ”再填写。")
    writer.mapping(_skeleton(content_schema, known), (), "")
    offset = 2 if body is not None else 1  # the opening `---`, and 1-based lines
    placeholders = [
        Placeholder(index + offset, dotted(key_path), content_schema.label(key_path)) for index, key_path in writer.placeholders
    ]
    fields = "\n".join(writer.lines) + "\n"
    return (f"---\n{fields}---\n\n{body}" if body is not None else fields), placeholders
