"""Structural rules: the bundled JSON Schemas, with errors mapped to lines."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import islice

import jsonschema_rs

from disclosure.bundled import SCHEMAS
from disclosure.diagnostics import Diagnostic
from disclosure.sources import Located, dotted

SCHEMA_DIR = SCHEMAS

_TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true 或 false）",
    "array": "列表（每项以“- ”开头）",
    "object": "一组字段",
    "null": "空值",
}
_CHINESE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$")
_LOOSE_DATE = re.compile(r"^\s*(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})\s*$")
_BRACKETS = re.compile(r"[\[【(（](\d{4})[\]】)）]")
# The schemas' pattern for text shown as-is on pages (titles, names): no HTML.
NO_HTML = "^[^<>]*$"
UNKNOWN_NAMED = 20  # unknown keys at one level named one by one (each with a near spelling looked up); the rest in one more


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


class Schema:
    """One content type's JSON Schema, and the Chinese labels of its fields."""

    def __init__(self, name: str):
        self.name = name
        self.root = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        # Nearly every file is valid: a compiled validator says so in a fraction of
        # the time, and only a file it rejects gets the pass that explains why.
        self.fast = jsonschema_rs.validator_for(self.root, validate_formats=True)

    @cached_property
    def validator(self):
        """The explaining validator; jsonschema is imported only when a file needs it (a quarter of start-up)."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self.root, format_checker=Draft202012Validator.FORMAT_CHECKER)

    # -- labels -----------------------------------------------------------
    @cached_property
    def titles(self) -> frozenset[str]:
        found, stack = set(), [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for name, part in node.get("properties", {}).items():
                    if isinstance(part, dict) and part.get("title"):
                        found.add(part["title"])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return frozenset(found)

    def _resolve(self, ref: str) -> dict:
        node = self.root
        for part in ref.removeprefix("#/").split("/"):
            if part:
                node = node[part]
        return node

    def _expand(self, schema):
        """The schema and every subschema composed into it ($ref, allOf, then …)."""
        stack, seen = [schema], set()
        while stack:
            current = stack.pop()
            if not isinstance(current, dict) or id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            if "$ref" in current:
                stack.append(self._resolve(current["$ref"]))
            for key in ("allOf", "anyOf", "oneOf"):
                stack.extend(current.get(key, []))
            for key in ("then", "else"):
                if key in current:
                    stack.append(current[key])

    def field_schema(self, key_path: tuple) -> dict:
        """The merged annotations (title, description, examples …) of a field."""
        return _field_schema(self, tuple("[]" if isinstance(k, int) else k for k in key_path))

    def label(self, key_path: tuple) -> str:
        """The field's 中文标签; an item of a list without its own takes the list's."""
        title = self.field_schema(key_path).get("title", "")
        if not title and key_path and isinstance(key_path[-1], int):
            return self.label(key_path[:-1])
        return title

    def accepts_text(self, key_path: tuple) -> bool:
        """Whether a field takes text, alone or among other forms (如 fees：“不收费”或列表)."""
        generic = tuple("[]" if isinstance(k, int) else k for k in key_path)
        for part in self._subschemas(generic):
            if part.get("type") == "string" or isinstance(part.get("const"), str):
                return True
            if part.get("enum") and all(isinstance(v, str) for v in part["enum"]):
                return True
        return False

    def choices(self, key_path: tuple) -> list[str]:
        """The texts a field allows when it allows only some (enum, const)."""
        generic = tuple("[]" if isinstance(k, int) else k for k in key_path)
        found: list[str] = []
        for part in self._subschemas(generic):
            for value in part.get("enum", []) + ([part["const"]] if "const" in part else []):
                if isinstance(value, str) and value not in found:
                    found.append(value)
        return found

    def properties(self, key_path: tuple) -> list[str]:
        names: list[str] = []
        for schema in self._subschemas(key_path):
            names.extend(n for n in schema.get("properties", {}) if n not in names)
        return names

    def every_property(self, name: str) -> list[dict]:
        """The schemas of every field called `name`, at any depth."""
        found, stack = [], [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                part = node.get("properties", {}).get(name)
                if isinstance(part, dict):
                    found.append(part)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return found

    def ever_required(self, key_path: tuple) -> set[str]:
        """Fields some rule requires at this level, including those required only under a condition."""
        return {name for schema in self._subschemas(key_path) for name in schema.get("required", [])}

    def _subschemas(self, generic_path: tuple) -> list[dict]:
        current = [self.root]
        for key in generic_path:
            found = []
            for schema in current:
                for part in self._expand(schema):
                    if key == "[]" or isinstance(key, int):
                        if isinstance(part.get("items"), dict):
                            found.append(part["items"])
                    elif key in part.get("properties", {}):
                        found.append(part["properties"][key])
            current = found
        return [part for schema in current for part in self._expand(schema)]

    # -- validation -------------------------------------------------------
    def is_valid(self, data) -> bool:
        try:
            return self.fast.is_valid(data)
        except ValueError:  # not JSON-like (e.g. a key that is not text): the detailed pass judges
            return False

    def check(self, located: Located) -> list[Diagnostic]:
        if self.is_valid(located.data):
            return []
        problems, seen = [], set()
        for error in self.validator.iter_errors(located.data):
            for problem in self._diagnose(error, located):
                if (problem.code, problem.field) not in seen:  # `type` and `enum` may both fire on one value
                    seen.add((problem.code, problem.field))
                    problems.append(problem)
        return problems

    def _diagnose(self, error, located: Located) -> list[Diagnostic]:
        key_path = tuple(error.absolute_path)
        if key_path in located.reported:
            return []
        kind = error.validator
        value = error.instance
        if kind == "required":
            if not isinstance(value, dict):
                return []
            # A key written wrong is one problem: the field it meant is not reported missing as well.
            allowed = self.properties(key_path)
            meant = {self._intended(key_path, k, allowed) for k in islice((k for k in value if k not in allowed), UNKNOWN_NAMED)}
            return [self._missing(located, key_path, name) for name in error.validator_value if name not in value and name not in meant]
        if kind == "additionalProperties":
            allowed = self.properties(key_path)
            extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
            named = [self._unknown(located, key_path + (name,), allowed) for name in extra[:UNKNOWN_NAMED]]
            if len(extra) > UNKNOWN_NAMED:
                first = extra[UNKNOWN_NAMED]
                named.append(located.diagnostic(key_path + (first,), "D105", f"还有 {len(extra) - UNKNOWN_NAMED} 个未知字段（从“{first}”起）",
                                                hint="删除这些行；此处允许的字段：" + "、".join(allowed)))
            return named
        if kind in ("if", "then", "else", "allOf"):
            return []  # the inner errors are reported on their own
        if kind in ("oneOf", "anyOf"):
            # Report what is wrong inside the form the value was meant to take (that is, whose type matches).
            mismatched = {e.relative_schema_path[0] for e in error.context if e.validator == "type" and len(e.relative_schema_path) == 2}
            inner = [e for e in error.context if e.relative_schema_path[0] not in mismatched]
            if inner:
                return [problem for e in inner for problem in self._diagnose(e, located)]
        return [self._invalid(error, located, key_path)]

    def _example(self, key_path: tuple) -> str:
        examples = self.field_schema(key_path).get("examples") or []
        if not examples or isinstance(examples[0], (dict, list)):
            return ""
        return str(examples[0]).lower() if isinstance(examples[0], bool) else str(examples[0])

    def _missing(self, located: Located, parent: tuple, name: str) -> Diagnostic:
        key_path = parent + (name,)
        label = self.label(key_path)
        example = self._example(key_path)
        where = f"在“{self.label(parent) or dotted(parent)}”下" if parent else "在文件头中"
        hint = f"{where}添加一行 {name}: {example or '…'}"
        description = self.field_schema(key_path).get("description")
        if description:
            hint += f"（{description}）"
        line, column = located.position(parent)
        return Diagnostic(located.path, line, column, "D101", f"缺少必填字段“{label or name}”", field=dotted(key_path), label=label, hint=hint)

    def _intended(self, parent: tuple, name, allowed: list[str]) -> str | None:
        """The field an unknown key stands for: its 中文标签 written as the key, or a near spelling."""
        if not isinstance(name, str):
            return None
        for field_name in allowed:
            if self.label(parent + (field_name,)) == name.strip() or field_name == name.strip().lower():
                return field_name
        close = difflib.get_close_matches(name, allowed, n=1)
        return close[0] if close else None

    def _unknown(self, located: Located, key_path: tuple, allowed: list[str]) -> Diagnostic:
        name = key_path[-1]
        intended = self._intended(key_path[:-1], name, allowed)
        if intended and intended in _at(located.data, key_path[:-1]):
            return located.diagnostic(key_path, "D105", f"未知字段“{name}”", hint=f"这一层已经有 {intended}（{self.label(key_path[:-1] + (intended,))}），删除这一行")
        if intended:
            label = self.label(key_path[:-1] + (intended,))
            message = f"“{name}”是中文名，字段名要写英文" if name == label else f"字段名“{name}”写错了"
            return located.diagnostic(key_path, "D105", message,
                                      hint=f"写成 {intended}（{label}）" if label else f"写成 {intended}")
        return located.diagnostic(key_path, "D105", f"未知字段“{name}”", hint="此处允许的字段：" + "、".join(allowed))

    def _invalid(self, error, located: Located, key_path: tuple) -> Diagnostic:
        kind, value, expected = error.validator, error.instance, error.validator_value
        field_info = self.field_schema(key_path)
        label = self.label(key_path)
        description = field_info.get("description", "")
        example = self._example(key_path)
        tag, text = located.plain.get(key_path, ("", ""))
        code, message, hint = "D104", "取值不符合要求", description

        if tag.endswith(":null"):
            code, message = "D107", "未填写"
            hint = f"请填写{label or '此字段'}" + (f"，例如：{example}" if example else "")
        elif tag.endswith((":int", ":float", ":bool")) and self.accepts_text(key_path) and kind in _TEXT_CHECKS:
            phone = key_path[-1] in _PHONES and _landline(text)
            quoted = f"{key_path[-1]}: \"{phone or text}\"" if isinstance(key_path[-1], str) else f"\"{text}\""  # an item may sit in [ … ]
            choices = self.choices(key_path)
            hint = "可选：" + "、".join(choices) if choices else f"加上引号：{quoted}"
            as_date = _digits_date(text) if field_info.get("format") == "date" else None
            if as_date:  # 20261101: quoted it would still not be a date
                hint = f"写成 {key_path[-1]}: {as_date}（日期格式 YYYY-MM-DD，不加引号）"
            if tag.endswith(":bool"):
                code = "D111"
                message = f"“{text}”被 YAML 读成了是/否（{str(value).lower()}），而这里应为文本"
            else:
                code = "D110"
                message = f"“{text}”被 YAML 读成了数字 {value}，而这里应为文本"
        elif kind == "type":
            wanted = expected if isinstance(expected, str) else expected[0]
            code = "D102"
            message = f"应为{_TYPE_NAMES.get(wanted, wanted)}，实际写的是{_TYPE_NAMES[_type_of(value)]}"
            if example:
                hint = f"例如：{example}"
        elif kind == "enum":
            code = "D103"
            message = f"“{value}”不是允许的值"
            hint = "可选：" + "、".join(str(v) for v in expected)
        elif kind == "const":
            code = "D103"
            message = f"“{value}”不是允许的值"
            hint = f"应为：{expected}" + (f"（{description}）" if description else "")
        elif kind == "format" and expected == "date":
            code, message, hint = _date_problem(str(value))
            fixed = re.search(r"(?:即|：)(\d{4}-\d{2}-\d{2})$", hint.replace(" ", ""))
            if fixed:  # the whole line, as it should read
                line = f"{key_path[-1]}: {fixed.group(1)}" if isinstance(key_path[-1], str) else f"- {fixed.group(1)}"
                hint = f"写成 {line}（{'只写日期，不写时间' if '时间' in hint else '日期格式 YYYY-MM-DD'}）"
        elif kind == "pattern" and expected == NO_HTML:
            code = "D404"
            message = f"{label or '此处'}不能含有 < 或 >（HTML 标记），页面会原样显示文字"
            hint = "删除 <b>、<br> 等标记；书名用《》，需要表示大小关系时写“大于”“小于”或全角＜＞"
        elif kind in ("pattern", "format"):
            message = f"“{value}”格式不正确"
            bracket = _BRACKETS.search(str(value))
            if key_path and key_path[-1] == "doc_number" and bracket:
                hint = f"文号年份请用六角括号〔〕，写成 doc_number: {_BRACKETS.sub(lambda m: '〔' + m.group(1) + '〕', str(value))}"
            elif key_path and key_path[-1] in _PHONES and _landline(str(value)):
                hint = f"座机号码的区号和号码之间加“-”：{key_path[-1]}: \"{_landline(str(value))}\""
            elif example:
                hint = f"{description} 例如：{example}".strip()
        elif kind == "maxLength":
            code, message = "D106", f"不能超过 {expected} 个字（现有 {len(value)} 个字）"
            hint = "请精简内容"
        elif kind == "minLength":
            code, message = "D107", "不能为空"
            hint = f"请填写{label or '此字段'}" + (f"，例如：{example}" if example else "")
        elif kind == "minItems":
            code, message = "D107", f"至少需要 {expected} 项"
            hint = description
        elif kind == "uniqueItems":
            code, message, hint = "D103", "列表中有重复项", "删除重复的一项"
        elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            code = "D108"
            bound = {"minimum": "不能小于", "maximum": "不能大于", "exclusiveMinimum": "必须大于", "exclusiveMaximum": "必须小于"}[kind]
            message = f"{value} 超出范围：{bound} {expected}"
        elif kind in ("oneOf", "anyOf"):
            message = "取值不符合要求"
            if example:
                hint = f"{description} 例如：{example}".strip()
        return located.diagnostic(key_path, code, message, label=label, hint=hint)


def _at(data, key_path: tuple):
    """The value at `key_path` (a mapping for a parent of a key that was reported)."""
    for key in key_path:
        data = data[key]
    return data


_PHONES = ("phone", "fax")
# Checks a YAML number or yes/no fails because the field wanted text.
_TEXT_CHECKS = ("type", "enum", "const", "pattern", "format", "minLength", "oneOf", "anyOf")


def _landline(text: str) -> str:
    """A landline written as bare digits, with its area code set off (010 and 02x have three digits, the rest four)."""
    if not re.fullmatch(r"0\d{9,11}", text.strip()):
        return ""
    digits = text.strip()
    area = 3 if digits.startswith(("010", "02")) else 4
    return f"{digits[:area]}-{digits[area:]}" if 7 <= len(digits) - area <= 8 else ""


def _digits_date(text: str) -> str | None:
    """`20261101` as the ISO date it stands for, when it is one."""
    if not re.fullmatch(r"\d{8}", text.strip()):
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return None


def _date_problem(text: str) -> tuple[str, str, str]:
    """(code, message, hint) for text that is not an ISO date: a date that does not exist, or one written another way."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    match = iso or _CHINESE_DATE.match(text) or _LOOSE_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return "D109", f"日期“{text}”不存在", "检查年、月、日是否写对（如 2 月没有 30 日），格式为 YYYY-MM-DD"
        return "D104", f"日期“{text}”格式不正确", f"日期请写成 YYYY-MM-DD，即 {year:04d}-{month:02d}-{day:02d}"
    start = re.match(r"\s*(\d{4}-\d{2}-\d{2})[ Tt]", text)
    if start:
        return "D104", f"日期“{text}”格式不正确", f"只写日期，不写时间：{start.group(1)}"
    return "D104", f"日期“{text}”格式不正确", "日期请写成 YYYY-MM-DD，如 2020-09-30"


@cache
def _field_schema(schema: Schema, generic_path: tuple) -> dict:
    merged: dict = {}
    for part in schema._subschemas(generic_path):
        for key, value in part.items():
            merged.setdefault(key, value)
    return merged


@cache
def schema(name: str) -> Schema:
    return Schema(name)


@dataclass(frozen=True)
class Labels:
    """A schema's field labels by key path; holds the schema's name, not the schema, so that a
    cached Located can be pickled."""

    name: str

    def __call__(self, key_path: tuple) -> str:
        return schema(self.name).label(key_path)

    @property
    def titles(self) -> frozenset[str]:
        """Every 中文标签 of the schema: written as a key, a label is a slip to name."""
        return schema(self.name).titles
