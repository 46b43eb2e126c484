"""Hints in this repository's terms, and every fix a hint suggests, applied as written, passes."""

from __future__ import annotations

import re

import pytest

from conftest import check

NEWS = "catalogue/docs/news.md"
INTERPRETATION = "interpretations/rules.md"
GUIDE = "guides/lawyer.yml"
ORGANIZATION = "catalogue/organization.yml"
FOREIGN = ("lawyer-management", "002538613", "临江", "临司规", "linjiang")


def apply(root, diagnostic: dict) -> None:
    """Do what the hint says, literally: add the line it gives, or write the line as it gives it."""
    path = root / diagnostic["file"]
    lines = path.read_text(encoding="utf-8").split("\n")
    hint = diagnostic["hint"]
    added = re.search(r"在文件头中添加一行 (\S+: [^（]+)", hint) or re.search(r"^添加一行 (\S+: [^（]+)", hint)
    if added:
        lines.insert(diagnostic["line"], added.group(1))
    else:
        written = re.search(r"(?:写成|改成半角空格：|加上引号：) ?([^\s（]+?: [^（]+|[^\s（]+)(?:（|$)", hint)
        assert written, f"no literal fix in {hint!r}"
        index = diagnostic["line"] - 1
        indent = re.match(r"[ \t\u3000]*", lines[index]).group(0).replace("\t", "  ").replace("\u3000", "  ")
        fix = written.group(1).strip()
        if ":" not in fix:  # a key: keep the value
            fix = f"{fix}:{re.split(r'[:：]', lines[index], maxsplit=1)[1]}"
        lines[index] = indent.replace("\u3000", "") + fix
    path.write_text("\n".join(lines), encoding="utf-8")


def swap(old: str, new: str):
    def edit(root, rel):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


CASES = [
    (NEWS, swap("drafting_department: office\n", "")),
    (NEWS, swap("drafting_department: office", "起草部门: office")),
    (NEWS, swap("drafting_department: office", "drafting_departmnet: office")),
    (NEWS, swap("published: 2021-03-02", "published: 20210302")),
    (NEWS, swap("kind: 工作动态", "kind：工作动态")),
    (NEWS, swap("kind: 工作动态", "kind:\u3000工作动态")),
    (NEWS, swap('category: "02"', "category: “02”")),
    (NEWS, swap('category: "02"', "category: 02")),
    (INTERPRETATION, swap("id: jd-2020-001\n", "")),
    (GUIDE, swap("department: lawyers\n", "")),
]


@pytest.mark.parametrize(("rel", "edit"), CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_the_fix_a_hint_suggests_passes_as_written(mini, capsys, rel, edit):
    edit(mini, rel)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1 and len(diagnostics) == 1, diagnostics
    hint = diagnostics[0]["hint"]
    assert not any(word in hint for word in FOREIGN), hint
    apply(mini, diagnostics[0])
    code, after = check(mini, capsys=capsys)
    assert (code, after) == (0, []), (hint, (mini / rel).read_text(encoding="utf-8"))
