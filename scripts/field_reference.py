#!/usr/bin/env python3
"""Write handbook/fields.md, the editors' field reference, from the JSON Schemas.

    python scripts/field_reference.py

Titles, descriptions and examples come from the bundled schemas and the blank templates
from `disclosure new`'s own writer, so the reference cannot drift from what
the checker enforces; tests/test_handbook.py fails when the committed file is
out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from disclosure import options as settings
from disclosure import scaffold
from disclosure.schemas import SCHEMA_DIR, schema

REPOSITORY = Path(__file__).resolve().parents[1]
OUTPUT = REPOSITORY / "handbook" / "fields.md"
# Content first, then the files that are set up once; schemas added later follow.
FIRST = ("document", "interpretation", "guide", "negative-list", "directory", "organization", "calendar")


def schema_names() -> list[str]:
    names = [p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")]
    return sorted(names, key=lambda n: (FIRST.index(n) if n in FIRST else len(FIRST), n))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example(value) -> str:
    if value is None or isinstance(value, dict) or (isinstance(value, list) and value and isinstance(value[0], dict)):
        return ""  # a record: its fields have rows of their own
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, bool)) else str(value)
    return f"`{_cell(text)}`"


def _rows(content_schema, key_path: tuple, shown: str) -> list[str]:
    rows = []
    parent = content_schema.field_schema(key_path)
    always = set(parent.get("required", []))
    sometimes = content_schema.ever_required(key_path) - always
    for name in content_schema.properties(key_path):
        path = key_path + (name,)
        info = content_schema.field_schema(path)
        status = "必填" if name in always else "视情况" if name in sometimes else "选填"
        examples = info.get("examples") or [None]
        field_name = f"{shown}{name}"
        rows.append(f"| `{field_name}` | {info.get('title', '')} | {status} | {_cell(info.get('description', ''))} | {_example(examples[0])} |")
        child = path + ("[]",) if content_schema.properties(path + ("[]",)) else path
        properties = content_schema.properties(child)
        if properties and properties != content_schema.properties(key_path):  # a tree's children repeat their parent
            rows.extend(_rows(content_schema, child, field_name + ("[]." if child != path else ".")))
    return rows


def _template(name: str, options: settings.Options) -> str:
    kind = next((k for k in scaffold.KINDS.values() if k.schema == name), None)
    if kind is None:
        return ""
    known = {"disclosure": "主动公开"} if name == "document" else {}
    text, _ = scaffold.render(name, known, scaffold.body(kind.name, options) if kind.suffix == ".md" else None)
    language = "markdown" if kind.suffix == ".md" else "yaml"
    return (
        f"\n空白样板（在网页上新建文件时整段复制，再逐项填写；用 `disclosure new {kind.name}` 新建时会自动生成同样的内容并填好编号和日期）：\n\n"
        f"````{language}\n{text}````\n"
    )


def reference() -> str:
    options = settings.from_config_file(REPOSITORY / "mkdocs.yml")
    parts = [
        "# 字段参考\n",
        "> 本页由 `python scripts/field_reference.py` 根据 `plugins/disclosure/bundled/schemas/` 下的 JSON Schema 自动生成，请勿直接修改。"
        "字段说明有误时，修改该目录中对应字段的 `title`、`description`、`examples`，再重新生成本页。\n",
        "“是否必填”一栏：**必填** 每条都要写；**视情况** 在说明所述的情形下必填（如规范性文件的文号）；**选填** 需要时再写。"
        "字段名中的 `[]` 表示列表中的每一项，如 `materials[].name` 是每项申请材料的名称；`a.b` 表示写在 `a:` 下、缩进两格的 `b:`。\n",
    ]
    for name in schema_names():
        content_schema = schema(name)
        root = content_schema.root
        parts.append(f"## {root['title']}\n\n{root['description']}\n")
        parts.append("| 字段 | 中文名 | 是否必填 | 说明 | 示例 |\n|---|---|---|---|---|")
        parts.append("\n".join(_rows(content_schema, (), "")) + "\n")
        parts.append(_template(name, options))
    return "\n".join(part for part in parts if part)


def main() -> None:
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(reference(), encoding="utf-8")
    print(f"已生成 {OUTPUT.relative_to(REPOSITORY)}")


if __name__ == "__main__":
    main()
