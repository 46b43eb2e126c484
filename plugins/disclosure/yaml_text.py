"""YAML written as text, where layout and comments matter (a new entry with its field notes, a
generated corpus): one rule for when a value may stand without quotes, one block layout."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

import yaml


class Quoted(str):
    """Text always written in double quotes: codes, ids and phone numbers, which YAML would otherwise
    read as numbers (0101 → 65) or which editors are told to quote."""


_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")


@lru_cache(maxsize=65536)
def plain_ok(text: str) -> bool:
    """True when `text` reads back as the same string without quotes."""
    return bool(
        text
        and _PLAIN_START.match(text)
        and "\n" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG
    )


def scalar(value, in_flow: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()  # unquoted ISO: the loader reads it as a date
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if isinstance(value, Quoted) or not plain_ok(text) or (in_flow and _FLOW_INDICATORS.search(text)):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    return text


def flow(values: list) -> str:
    return "[" + ", ".join(scalar(v, in_flow=True) for v in values) + "]"


def block_lines(value, indent: int = 0, flow_lists: bool = False):
    """Block-style YAML for nested dicts and lists; `flow_lists` writes a list of plain values on one line."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and (flow_lists and not any(isinstance(v, (dict, list)) for v in item) or not item):
                yield f"{pad}{key}: {flow(item)}"
            elif isinstance(item, (dict, list)):
                yield f"{pad}{key}:"
                yield from block_lines(item, indent + 2, flow_lists)
            elif isinstance(item, str) and "\n" in item:
                yield f"{pad}{key}: |"
                yield from (f"{pad}  {line}" for line in item.rstrip("\n").split("\n"))
            else:
                yield f"{pad}{key}: {scalar(item)}".rstrip()
    else:
        for item in value:
            if isinstance(item, dict):
                first, *rest = block_lines(item, indent + 2, flow_lists)
                yield f"{pad}- {first.lstrip()}"
                yield from rest
            else:
                yield f"{pad}- {scalar(item)}"


def text(data, comment: str = "") -> str:
    head = f"# {comment}\n" if comment else ""
    return head + "\n".join(block_lines(data)) + "\n"
