"""Editor settings generated from the bundled JSON Schemas, for this repository and every
repository `disclosure init` creates (`disclosure editor` refreshes them after an upgrade).

VS Code's YAML extension validates .yml files against the schemas (.vscode/settings.json,
`yaml.schemas`) but not the front matter of Markdown files. The Front Matter CMS extension
does: it shows each field with its Chinese title and description in a side panel, offers the
allowed values, and underlines missing or mistyped fields while typing. It reads its "content
types" from frontmatter.json, derived here from the schemas of documents and interpretations.
Rules the content types cannot express (patterns, fields required only for some kinds,
cross-references) remain `disclosure check`'s.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from disclosure.bundled import SCHEMAS

# Which schema validates which YAML files of a content repository.
YAML_SCHEMAS = {
    "organization": ["catalogue/organization.yml"],
    "directory": ["catalogue/directory.yml"],
    "negative-list": ["catalogue/negative-list.yml"],
    "annual-report": ["catalogue/annual-reports/*.yml"],
    "guide": ["guides/**/*.yml"],
    "calendar": ["calendar.yml"],
}
# (content type, schema, folder of its Markdown files, 中文名)
CONTENT_TYPES = (
    ("document", "document", "catalogue", "公开信息"),
    ("interpretation", "interpretation", "interpretations", "政策解读"),
)
# Where a content repository keeps its copy of the schemas (it has no engine source to point at);
# the engine's own repository points at the bundled schemas themselves.
SCHEMA_COPY = ".vscode/schemas"
ENGINE_SCHEMAS = "plugins/disclosure/bundled/schemas"


def field(name: str, schema: dict, required: bool) -> dict:
    """One Front Matter CMS field from a property of a JSON Schema."""
    result = {"title": schema["title"], "name": name, "description": schema["description"]}
    kind, items = schema.get("type"), schema.get("items") or {}
    if kind == "string" and "enum" in schema:
        result.update(type="choice", choices=schema["enum"])
    elif kind == "string" and schema.get("format") == "date":
        result.update(type="datetime", dateFormat="yyyy-MM-dd", isPublishDate=name == "published")
    elif kind == "string":
        result.update(type="string")
    elif kind in ("integer", "number"):
        options = {k: schema[key] for k, key in (("min", "minimum"), ("max", "maximum")) if key in schema}
        result.update(type="number", numberOptions={"isDecimal": kind == "number", **options})
    elif kind == "boolean":
        result.update(type="draft" if name == "draft" else "boolean")
    elif kind == "object":
        result.update(type="fields", fields=fields(schema))
    elif kind == "array" and items.get("type") == "string" and "enum" in items:
        result.update(type="choice", choices=items["enum"], multiple=True)
    elif kind == "array" and items.get("type") == "string":
        result.update(type="list")
    else:  # lists of records: Front Matter's own "block" would add a fieldGroup key to each item
        result.update(type="json")
    if required:
        result["required"] = True
    return result


def fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [field(name, prop, name in required) for name, prop in schema.get("properties", {}).items()]


def frontmatter() -> dict:
    content_types, page_folders = [], []
    for name, schema_name, folder, title in CONTENT_TYPES:
        schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
        content_types.append({"name": name, "pageBundle": False, "previewPath": None, "fields": fields(schema)})
        page_folders.append({"title": title, "path": f"[[workspace]]/{folder}", "contentTypes": [name]})
    return {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.framework.id": "other",
        "frontMatter.content.pageFolders": page_folders,
        "frontMatter.taxonomy.contentTypes": content_types,
        "frontMatter.validation.enabled": True,
        "frontMatter.panel.openOnSupportedFile": True,
    }


def vscode_settings(schema_folder: str) -> dict:
    """.vscode/settings.json, with the schemas in `schema_folder` (relative to the repository)."""
    return {
        "yaml.schemas": {f"./{schema_folder}/{name}.schema.json": globs for name, globs in YAML_SCHEMAS.items()},
        # As the checker reads YAML: `no` is false, `0101` is 65.
        "yaml.yamlVersion": "1.1",
        "yaml.validate": True,
        "yaml.hover": True,
        "yaml.completion": True,
        "yaml.schemaStore.enable": False,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
        "[markdown]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
    }


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(root: Path) -> list[str]:
    """Write the editor settings of the repository at `root`, copying the schemas into it unless it is
    the engine's own. Returns the files written."""
    written = [".vscode/settings.json", "frontmatter.json"]
    own = (root / ENGINE_SCHEMAS).resolve() == SCHEMAS.resolve()
    schema_folder = ENGINE_SCHEMAS if own else SCHEMA_COPY
    target = root / schema_folder
    if not own:
        target.mkdir(parents=True, exist_ok=True)
        for schema in sorted(SCHEMAS.glob("*.schema.json")):
            shutil.copyfile(schema, target / schema.name)
            written.append(f"{schema_folder}/{schema.name}")
    (root / ".vscode").mkdir(exist_ok=True)
    (root / ".vscode" / "settings.json").write_text(as_json(vscode_settings(schema_folder)), encoding="utf-8")
    (root / "frontmatter.json").write_text(as_json(frontmatter()), encoding="utf-8")
    return written
