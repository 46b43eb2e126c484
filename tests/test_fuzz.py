"""Property tests: whatever an editor's file contains, `disclosure check` answers, never crashes.

Hypothesis mutates the demo's YAML files and Markdown front matter (lines deleted or
doubled, tabs, random text and bytes, truncation, values swapped for YAML traps) and
writes whole files of random YAML. For every input the command line exits 0 or 1,
every diagnostic names a real file of the repository and a line inside it, and the
pages of what would be published still render.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DEMO_PARTS, MINI, REPO, copy_tree

pytestmark = pytest.mark.slow  # hundreds of generated examples each
from disclosure.check import check_repository
from disclosure.cli import main
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.release import Release
from disclosure.schemas import SCHEMA_DIR

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
# The demo is twenty times the mini repository: fewer examples keep `make test` quick.
FUZZ_DEMO = settings(FUZZ, max_examples=150)

# Values that YAML or the content model read otherwise than an editor meant.
TRAPS = [
    "yes", "no", "on", "off", "0101", "010", "01012345670", "12348", "9:00", "1.10", "~", "", "null", "[]", "{}",
    "2020-02-30", "2020-9-30", "2020年9月30日", "2020/9/30", "2020-09-30 10:00:00", "9999-12-31", "0001-01-01",
    "-1", "1e999", ".inf", "0x1F", "|", ">-", "&anchor x", "*anchor", "!!binary aGk=", "!custom x", '"unterminated',
    "[1, [2, {3: 4}]]", "{a: [b, {c: d}]}", "? x", "- item", '"\\0"', '"\\u2028"', "<script>alert(1)</script>",
    "javascript:alert(1)", "../../etc/passwd", "/etc/passwd", "attachments", "11010519491231002X", "13812345678",
    '"014500123/2020-00003"', "已修订", "废止", "依申请公开", "图文解读", "征求意见", "true", "false",
]


def content_files(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for folder in ("catalogue", "guides", "interpretations")
        for p in (root / folder).rglob("*")
        if p.suffix in (".yml", ".md")
    )


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    return copy_tree(REPO, tmp_path_factory.mktemp("fuzz") / "demo", DEMO_PARTS)


@pytest.fixture(scope="module")
def mini_copy(tmp_path_factory) -> Path:
    return copy_tree(MINI, tmp_path_factory.mktemp("fuzz") / "mini")


DEMO_FILES = content_files(REPO)
MINI_FILES = content_files(MINI) + ["calendar.yml"]  # the optional calendar is created for the example


@st.composite
def mutation(draw, text: str) -> bytes:
    """One or two editing accidents applied to a file's text."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(["delete", "duplicate", "tab", "unicode", "truncate", "swap", "indent", "bytes"]))
        if kind == "bytes":
            raw = "".join(lines).encode("utf-8")
            cut = draw(st.integers(0, len(raw)))
            return raw[:cut] + draw(st.binary(min_size=1, max_size=8)) + raw[cut:]
        if not lines:
            lines = [""]
        line = lines[at]
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, line)
        elif kind == "tab":
            column = draw(st.integers(0, len(line)))
            lines[at] = line[:column] + "\t" + line[column:]
        elif kind == "unicode":
            column = draw(st.integers(0, len(line)))
            lines[at] = line[:column] + draw(st.text(max_size=12)) + line[column:]
        elif kind == "truncate":
            whole = "".join(lines)
            lines = [whole[: draw(st.integers(0, len(whole)))]]
        elif kind == "swap" and ":" in line:
            key = line.split(":", 1)[0]
            value = draw(st.sampled_from(TRAPS) | st.text(max_size=10))
            lines[at] = f"{key}: {value}\n"
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(1, 6)) + line
    return "".join(lines).encode("utf-8")


def field_names() -> list[str]:
    """Every field name the schemas know, so random files reach the rules and not only the schema."""
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for path in SCHEMA_DIR.glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(names)


# Random YAML: what a file could hold if an editor pasted something else entirely.
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.sampled_from(TRAPS)
FIELD_NAMES = field_names()
KEYS = st.sampled_from(FIELD_NAMES) | st.text(min_size=1, max_size=8)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6), max_leaves=25)
RANDOM_FILES = st.dictionaries(KEYS, VALUES, min_size=1, max_size=12) | VALUES


def split_front_matter(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def data_of(rel: str):
    text = (MINI / rel).read_text(encoding="utf-8") if (MINI / rel).exists() else "holidays: [2021-10-01]\n"
    return yaml.safe_load(split_front_matter(text)[0] if rel.endswith(".md") else text)


def key_paths(value, path=()):
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from key_paths(child, path + (key,))


@st.composite
def swapped(draw, data):
    """The file's own data with one value replaced by something random, or a field it lacks added."""
    data = copy.deepcopy(data)
    if draw(st.booleans()):
        mappings = [p for p in key_paths(data) if isinstance(value_at(data, p), dict)]
        mapping = value_at(data, draw(st.sampled_from(mappings)))
        mapping[draw(st.sampled_from([n for n in FIELD_NAMES if n not in mapping]))] = draw(SCALARS | VALUES)
        return data
    path = draw(st.sampled_from([p for p in key_paths(data) if p]))
    value_at(data, path[:-1])[path[-1]] = draw(VALUES)
    return data


def value_at(data, path):
    for key in path:
        data = data[key]
    return data


def line_count(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return max(1, text.count("\n") + (not text.endswith("\n")))


def assert_answers_sanely(root: Path) -> None:
    """The command line exits 0 or 1, every diagnostic points into a real file, and pages render."""
    checked = []

    def check_and_keep(*args):
        checked.append(check_repository(*args))
        return checked[-1]

    output = io.StringIO()
    with contextlib.redirect_stdout(output), mock.patch("disclosure.cli.check_repository", check_and_keep):
        code = main(["check", str(root), "--format", "json"])
    assert code in (0, 1)
    report = json.loads(output.getvalue())
    assert (report["errors"] > 0) == (code == 1)
    for diagnostic in report["diagnostics"]:
        path = root / diagnostic["file"]
        assert path.is_file() and path.resolve().is_relative_to(root.resolve()), diagnostic
        assert 0 <= diagnostic["line"] <= line_count(path), diagnostic
        assert diagnostic["column"] >= 1 and diagnostic["code"] and diagnostic["message"], diagnostic
    project = checked[0].project
    if project.organization is not None:  # without it the plugin stops with a clear error instead
        assert build_pages(Release(project, from_config_file(root / "mkdocs.yml").as_of))


def replaced(root: Path, rel: str, content: bytes):
    """Write `content` to a file for one example, then put the original back (or remove it again)."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        assert_answers_sanely(root)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@FUZZ_DEMO
@given(data=st.data())
def test_mutated_demo_files(demo_copy, data):
    rel = data.draw(st.sampled_from(DEMO_FILES), label="file")
    text = (REPO / rel).read_text(encoding="utf-8")
    replaced(demo_copy, rel, data.draw(mutation(text), label="content"))


@FUZZ
@given(data=st.data())
def test_random_yaml_and_front_matter(mini_copy, data):
    rel = data.draw(st.sampled_from(MINI_FILES), label="file")
    document = data.draw(swapped(data_of(rel)) | RANDOM_FILES, label="data")
    dumped = yaml.safe_dump(document, allow_unicode=True)
    if rel.endswith(".md"):
        body = data.draw(st.sampled_from([split_front_matter((MINI / rel).read_text(encoding="utf-8"))[1]]) | st.text(max_size=40), label="body")
        dumped = f"---\n{dumped}---\n{body}"
    replaced(mini_copy, rel, dumped.encode("utf-8"))


@FUZZ
@given(rel=st.sampled_from(MINI_FILES), content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_random_bytes(mini_copy, rel, content):
    replaced(mini_copy, rel, content)
