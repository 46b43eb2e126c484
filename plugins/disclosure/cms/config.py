"""The web editor's (Decap CMS) configuration, derived from the JSON Schemas.

Every form field takes its label, hint, choices, patterns and whether it is
required from the schema of its content kind, so the form asks for exactly what
`disclosure check` enforces. What a schema cannot say — which collection a
reference points to, where files live, which fields the tool fills in — is
written here, once, next to the kind it belongs to. `admin/config.yml` is this
module's output; a test regenerates it and fails when it is out of date.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import yaml

from disclosure.model import PUBLIC
from disclosure.schemas import NO_HTML, schema

# Files an editor may attach: office documents, PDFs, images and archives. The
# checker decides what is finally accepted; the form only stops obvious mistakes.
ATTACHMENT_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "jpg", "jpeg", "png", "zip")
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
# Documents and interpretations go in a folder named after the year of 发布日期. Decap lower-cases
# a path template and drops its quotes, so `date('YYYY')` cannot be written there; the first four
# characters of the date are its year, and the omission marks `truncate` adds are trimmed from the folder name.
YEAR_FOLDER = "{{published | truncate(4)}}/{{slug}}"
# A string whose example is longer than this is written in a text area, not a line.
_LONG_TEXT = 40
# The directory is a tree; a form needs a fixed depth (the model's 目录 has three levels at most).
_DIRECTORY_DEPTH = 3


def _relation(collection: str, value: str, display: str, search: list[str] | None = None, file: str | None = None, **extra) -> dict:
    spec = {"widget": "relation", "collection": collection}
    if file:
        spec["file"] = file
    spec.update(value_field=value, search_fields=search or [display], display_fields=[display], options_length=500)
    spec.update(extra)
    return spec


DEPARTMENT = _relation("settings", "departments.*.id", "departments.*.name", file="organization")
DOCUMENT = _relation("documents", "id", "{{title}}（{{id}}）", search=["title", "id", "doc_number"])
LEAF = _relation("settings", "items.*.children.*.code", "items.*.children.*.name", file="directory")


def _file_widget(folder: str) -> dict:
    types = "|".join(ATTACHMENT_TYPES)
    return {
        "widget": "file",
        "media_folder": f"/{folder}",
        "public_folder": folder,
        "choose_url": False,
        "pattern": [f"^{folder}/[^<>]+\\.({types})$", f"（须为 {folder}/ 下的 " + "、".join(ATTACHMENT_TYPES) + " 文件）"],
    }


@dataclass(frozen=True)
class Form:
    """One content kind's form: its schema and what the schema cannot say."""

    schema: str
    widgets: dict[str, dict] = field(default_factory=dict)  # dotted key path → widget settings
    today: tuple[str, ...] = ()  # date fields whose default is today
    defaults: dict[str, str] = field(default_factory=dict)  # what `disclosure new` also fills in
    body: bool = False  # a Markdown body after the front matter


FORMS = {
    "document": Form(
        "document",
        widgets={
            "category": LEAF,
            "drafting_department": DEPARTMENT,
            "replaced_by": DOCUMENT,
            "attachments.file": _file_widget("attachments"),
        },
        today=("written", "published", "review.date"),
        defaults={"disclosure": PUBLIC},
        body=True,
    ),
    "interpretation": Form(
        "interpretation",
        widgets={
            "policy": {**DOCUMENT, "filters": [{"field": "kind", "values": ["规范性文件", "政策文件"]}]},
            "department": DEPARTMENT,
        },
        today=("published",),
        defaults={"form": "文字解读"},
        body=True,
    ),
    "guide": Form(
        "guide",
        widgets={
            "department": DEPARTMENT,
            "materials.template": _file_widget("templates"),
            "materials.example": _file_widget("templates"),
        },
        today=("updated",),
    ),
    "annual-report": Form("annual-report", today=("published",)),
    "organization": Form("organization", widgets={"application.form": _file_widget("templates")}),
    "directory": Form("directory", widgets={"items.departments": {**DEPARTMENT, "multiple": True}}),
    "negative-list": Form("negative-list"),
}


class _Fields:
    """Decap fields for one schema."""

    def __init__(self, form: Form):
        self.form = form
        self.schema = schema(form.schema)
        self.root = self.schema.root

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            extra = {k: v for k, v in node.items() if k != "$ref"}
            node = {**self.schema._resolve(node["$ref"]), **extra}
        return node

    def fields(self, node: dict, path: tuple[str, ...], depth: int = 0, optional: bool = False) -> list[dict]:
        """The fields of an object; inside an optional one (征求意见) nothing is required by the form,
        since the form cannot leave the object out, and the checker asks for what it lacks."""
        node = self.resolve(node)
        required = set() if optional else set(node.get("required", []))
        return [
            self.field(name, sub, path + (name,), name in required, depth)
            for name, sub in node.get("properties", {}).items()
            if not (name == "children" and depth >= _DIRECTORY_DEPTH)
        ]

    def field(self, name: str, node: dict, path: tuple[str, ...], required: bool, depth: int) -> dict:
        node = self.resolve(node)
        spec = {"name": name, "label": node.get("title") or name}
        if node.get("description"):
            spec["hint"] = node["description"]
        spec["required"] = required
        spec.update(self.widget(node, path, depth, required))
        key = ".".join(p for p in path if p != "children")
        if key in self.form.widgets:
            spec.update(copy.deepcopy(self.form.widgets[key]))
        if key in self.form.today:
            spec["default"] = "{{now}}"
        if key in self.form.defaults:
            spec["default"] = self.form.defaults[key]
        return spec

    def widget(self, node: dict, path: tuple[str, ...], depth: int, required: bool = True) -> dict:
        if "oneOf" in node or "anyOf" in node:
            # e.g. 收费: “不收费” or a list of charges; the form asks for the list and
            # the editor page (admin/editor.js) writes “不收费” when it is left empty.
            shapes = node.get("oneOf") or node.get("anyOf")
            listed = next((self.resolve(s) for s in shapes if s.get("type") == "array"), None)
            if listed is not None:
                spec = self.widget({**listed, **{k: v for k, v in node.items() if k not in ("oneOf", "anyOf")}}, path, depth, required)
                spec.pop("min", None)  # empty is the other shape
                return {**spec, "widget": "optional-list", "required": False}
            return {"widget": "string"}
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": list(node["enum"])}
        if kind == "boolean":
            return {"widget": "boolean", "default": False}
        if kind in ("integer", "number"):
            spec = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for bound, key in (("minimum", "min"), ("maximum", "max")):
                if bound in node:
                    spec[key] = node[bound]
            return spec
        if kind == "object":
            return {"widget": "object", "collapsed": not required, "fields": self.fields(node, path, depth, optional=not required)}
        if kind == "array":
            return self.list_widget(node, path, depth)
        if node.get("format") == "date":
            return dict(DATE)
        return self.text(node)

    def list_widget(self, node: dict, path: tuple[str, ...], depth: int) -> dict:
        items = self.resolve(node.get("items", {}))
        spec: dict = {"widget": "list"}
        if node.get("minItems"):
            spec["min"] = node["minItems"]
        if items.get("type") == "object":
            tree = "children" in items.get("properties", {})  # a directory's items are folded, a guide's lists open
            spec.update(collapsed=tree, summary=self.summary(items), fields=self.fields(items, path, depth + 1))
        elif "enum" in items:
            return {"widget": "select", "multiple": True, "options": list(items["enum"]), **({"min": node["minItems"]} if node.get("minItems") else {})}
        else:
            spec["field"] = {"name": "item", "label": node.get("title", ""), **self.widget(items, path, depth)}
        return spec

    @staticmethod
    def summary(items: dict) -> str:
        names = list(items.get("properties", {}))
        shown = [n for n in ("code", "name", "title", "question", "step", "item") if n in names][:2] or names[:1]
        return " ".join("{{fields.%s}}" % n for n in shown)

    @staticmethod
    def text(node: dict) -> dict:
        """A line or a text area; a pattern's message completes Decap's “<label>”不满足模式…"""
        examples = node.get("examples") or [""]
        spec = {"widget": "text" if node.get("maxLength", 0) > 100 or len(str(examples[0])) > _LONG_TEXT else "string"}
        pattern = node.get("pattern")
        if pattern == NO_HTML:
            spec["pattern"] = [pattern, "（不能含有 < 或 >）"]
        elif pattern:
            shown = "、".join(str(e) for e in examples[:2] if e)
            spec["pattern"] = [pattern, f"（例如：{shown}）" if shown else ""]
        elif node.get("maxLength"):
            spec["pattern"] = [f"^[\\s\\S]{{0,{node['maxLength']}}}$", f"（不能超过 {node['maxLength']} 个字）"]
        return spec


BODY = {
    "name": "body",
    "label": "正文",
    "hint": "用 Markdown 撰写：以 ## 开头的行是小节标题，空一行分段。不要粘贴 HTML。",
    "widget": "markdown",
    "modes": ["rich_text", "raw"],
    "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"],
    "editor_components": [],
    "sanitize_preview": True,
}


def fields(kind: str) -> list[dict]:
    form = FORMS[kind]
    generated = _Fields(form)
    result = generated.fields(generated.root, ())
    return result + [dict(BODY)] if form.body else result


def _title(kind: str) -> str:
    return schema(FORMS[kind].schema).root.get("title", kind)


def collections() -> list[dict]:
    common = {"create": True, "delete": False}
    return [
        {
            "name": "documents", "label": _title("document"), "label_singular": _title("document"), **common,
            "folder": "catalogue/documents", "extension": "md", "format": "frontmatter",
            "path": YEAR_FOLDER,
            "slug": "{{id}}", "identifier_field": "title", "summary": "{{title}}（{{published}}）",
            "sortable_fields": ["published", "title", "id"], "view_groups": [{"label": "年份", "field": "published", "pattern": "\\d{4}"}],
            "fields": fields("document"),
        },
        {
            "name": "interpretations", "label": _title("interpretation"), "label_singular": _title("interpretation"), **common,
            "folder": "interpretations", "extension": "md", "format": "frontmatter",
            "path": YEAR_FOLDER,
            "slug": "{{id}}", "identifier_field": "title", "summary": "{{title}}（{{published}}）",
            "sortable_fields": ["published", "title"],
            "fields": fields("interpretation"),
        },
        {
            "name": "guides", "label": _title("guide"), "label_singular": _title("guide"), **common,
            "folder": "guides", "extension": "yml", "format": "yml",
            "slug": "{{code}}", "identifier_field": "name", "summary": "{{name}}（{{code}}）",
            "sortable_fields": ["name", "updated"],
            "fields": fields("guide"),
        },
        {
            "name": "annual-reports", "label": _title("annual-report"), "label_singular": _title("annual-report"), **common,
            "folder": "catalogue/annual-reports", "extension": "yml", "format": "yml",
            "slug": "{{year}}", "identifier_field": "year", "summary": "{{year}} 年度报告",
            "fields": fields("annual-report"),
        },
        {
            "name": "settings", "label": "机构与目录", "delete": False, "editor": {"preview": False},
            "files": [
                {"name": name, "label": _title(name), "file": f"catalogue/{name}.yml", "fields": fields(name)}
                for name in ("organization", "directory", "negative-list")
            ],
        },
    ]


def config() -> dict:
    """The configuration an organisation's repository publishes with (GitHub backend, reviewed)."""
    return {
        "locale": "zh_Hans",
        "backend": {
            "name": "github",
            "repo": "OWNER/REPOSITORY",
            "branch": "main",
            "squash_merges": True,
            "commit_messages": {
                "create": "新建{{collection}}：{{slug}}",
                "update": "修改{{collection}}：{{slug}}",
                "delete": "删除{{collection}}：{{slug}}",
                "uploadMedia": "上传附件：{{path}}",
                "deleteMedia": "删除附件：{{path}}",
            },
        },
        "publish_mode": "editorial_workflow",
        "media_folder": "attachments",
        "public_folder": "attachments",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "search": False,
        "collections": collections(),
    }


def proposals(project, options, taken: tuple[str, ...] = ()) -> dict[str, str]:
    """What the editor should not have to type, as of the options' day: the next free ids of its year
    (not in the project nor among `taken`), the sections a 政策解读 needs; by "kind.field"."""
    from disclosure import scaffold

    year = options.as_of.year
    found = {
        "interpretation.id": scaffold.next_interpretation_id(project, year, taken),
        "interpretation.body": "\n".join(f"## {section}\n" for section in options.interpretation_sections),
    }
    document_id = scaffold.next_document_id(project, options, year, taken)
    if document_id:
        found["document.id"] = document_id
    return found


def with_defaults(settings: dict, proposals: dict[str, str]) -> dict:
    """`settings` with each proposal as its field's default."""
    for collection in settings["collections"]:
        kind = {"documents": "document", "interpretations": "interpretation"}.get(collection["name"])
        for spec in collection.get("fields", []):
            if f"{kind}.{spec['name']}" in proposals:
                spec["default"] = proposals[f"{kind}.{spec['name']}"]
    return settings


HEADER = "# 网页编辑器（Decap CMS）的设置，由 python -m disclosure.cms.config 从 JSON Schema 生成，请勿手改。\n"


def text(settings: dict | None = None) -> str:
    return HEADER + yaml.safe_dump(settings or config(), allow_unicode=True, sort_keys=False, width=200)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "admin/config.yml")
    target.write_text(text(), encoding="utf-8")
    print(f"已写入 {target}")
