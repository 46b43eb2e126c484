#!/usr/bin/env python3
"""Write frontmatter.json, the Front Matter CMS settings for Markdown front matter, from the bundled JSON Schemas.

    python scripts/frontmatter_config.py

VS Code's YAML extension validates .yml files against plugins/disclosure/bundled/schemas/ (see
.vscode/settings.json) but not the front matter of Markdown files. The Front
Matter CMS extension does: it shows each field with its Chinese title and
description in a side panel, offers the allowed values, and underlines missing
or mistyped fields while typing. It reads its "content types" from
frontmatter.json, so this script derives them from the JSON Schemas of
documents and interpretations; tests/test_editor_support.py fails when the
two drift apart. Rules the content types cannot express (patterns, fields
required only for some kinds, cross-references) remain `disclosure check`'s.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from disclosure.schemas import SCHEMA_DIR

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "frontmatter.json"
# (content type, schema, folder of its Markdown files, 中文名)
CONTENT_TYPES = (
    ("document", "document", "catalogue", "公开信息"),
    ("interpretation", "interpretation", "interpretations", "政策解读"),
)


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


def config() -> dict:
    content_types, page_folders = [], []
    for name, schema_name, folder, title in CONTENT_TYPES:
        schema = json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
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


def render() -> str:
    return json.dumps(config(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"已写入 {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
