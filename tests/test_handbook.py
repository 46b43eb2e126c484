"""The editors' guide (handbook/): complete, current, and its links lead somewhere."""

import importlib.util
import re
import unicodedata

import pytest

from conftest import REPO
from disclosure.diagnostics import CODES

HANDBOOK = REPO / "handbook"


def section(text: str, code: str) -> str:
    """The part of diagnostics.md under the heading of `code`, up to the next heading."""
    heading = f"### {code} {CODES[code]}"
    lines, inside, fenced = [], False, False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            inside = line == heading
            continue
        if inside:
            lines.append(line)
    assert lines, f"handbook/diagnostics.md has no heading “{heading}”"
    return "\n".join(lines)


def test_field_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("field_reference", REPO / "scripts" / "field_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (HANDBOOK / "fields.md").read_text(encoding="utf-8")
    assert committed == module.reference(), "handbook/fields.md is out of date: run python scripts/field_reference.py"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_diagnostic_code_is_explained(code):
    text = section((HANDBOOK / "diagnostics.md").read_text(encoding="utf-8"), code)
    for part in ("**原因**", "**错误示例**", "**改正**"):
        assert part in text, f"{code}: {part} missing"
    assert re.search(rf"^```text\n.*\b{code}\b", text, re.MULTILINE | re.DOTALL), f"{code}: no example of the error line"


def github_anchor(heading: str) -> str:
    """The fragment the code-hosting site gives a Markdown heading."""
    kept = "".join(c for c in heading.strip().lower() if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def test_links_between_pages_resolve():
    pages = {p.name: p.read_text(encoding="utf-8") for p in HANDBOOK.glob("*.md")}
    anchors = {name: {github_anchor(h) for h in re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", text, flags=re.DOTALL), re.MULTILINE)}
               for name, text in pages.items()}
    checked = 0
    for name, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            page, _, fragment = target.partition("#")
            page = page or name
            if not page.endswith(".md"):  # a screenshot beside the pages
                assert (HANDBOOK / page).is_file(), f"{name}: link to missing file {target}"
                continue
            assert page in pages, f"{name}: link to missing page {target}"
            assert not fragment or fragment in anchors[page], f"{name}: link to missing heading {target}"
            checked += 1
    assert checked > 50
