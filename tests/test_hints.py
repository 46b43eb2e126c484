"""Hints in this repository's terms, and every fix a hint suggests, applied as written, passes."""

from __future__ import annotations

import re

import pytest

from conftest import MINI, check, copy_tree
from test_bad_input import CASES as BAD_INPUT

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
    added = re.search(r"(在文件头中|在“.+?”下)添加一行 (\S+: [^（]+)", hint)
    if added:
        parent = lines[diagnostic["line"] - 1]
        indent = re.match(r"[ -]*", parent).group(0)
        # A field of a list item lines up with the item's first field; one of a group goes two spaces in.
        nested = added.group(1) != "在文件头中" and "-" not in indent
        lines.insert(diagnostic["line"], (indent.replace("-", " ") + ("  " if nested else "")) + added.group(2))
    else:
        written = re.search(r"(?:写成|改成半角空格：|加上引号：) ?(- [^（]+|[^\s（]+?: [^（]+|[^\s（]+)(?:（|$)", hint)
        assert written, f"no literal fix in {hint!r}"
        index = diagnostic["line"] - 1
        indent = re.match(r"[ \t\u3000]*(- )?", lines[index]).group(0).replace("\t", "  ").replace("\u3000", "  ")
        fix = written.group(1).strip()
        if fix.startswith("- "):
            indent = indent.replace("- ", "")
        if ":" not in fix and not fix.startswith("- "):  # a key: keep the value
            fix = f"{fix}:{re.split(r'[:：]', lines[index], maxsplit=1)[1]}"
        lines[index] = indent.replace("\u3000", "") + fix
    path.write_text("\n".join(lines), encoding="utf-8")


def literal(hint: str) -> bool:
    """Whether a hint gives a whole line to write (not “…” to fill in, nor a choice to make)."""
    return "…" not in hint and bool(re.search(r"添加一行 \S+: |写成 |改成半角空格：|加上引号：\w+: ", hint))


# Hints that name what to write or where the file goes, short of a whole line: a file name, a
# folder, one of the values offered, a value to quote, the line to write instead.
MOVE = re.compile(r"^(?:改名为|移到) (\S+)$")
CHOICE = re.compile(r"^(?:可选|应为)：([^、（。\s]+)(?:、|（|$)")
QUOTE = re.compile(r"^加上引号：(\"[^\"]+\")$")
LINE = re.compile(r"(?:^改为 |：)(\w+: \S+)$")


def concrete(hint: str) -> bool:
    return any(pattern.search(hint) for pattern in (MOVE, CHOICE, QUOTE, LINE))


def apply_concrete(root, diagnostic: dict) -> None:
    """Do what the hint names, as it names it: move the file, or put the value it gives on the line."""
    path, hint = root / diagnostic["file"], diagnostic["hint"]
    moved = MOVE.search(hint)
    if moved:
        (root / moved.group(1)).parent.mkdir(parents=True, exist_ok=True)
        path.rename(root / moved.group(1))
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    index = diagnostic["line"] - 1
    line = LINE.search(hint)
    if line:
        indent = re.match(r"[ -]*", lines[index]).group(0)
        lines[index] = indent + line.group(1)
    else:  # the value written where the diagnostic points, up to the end of it or of its item in [ ]
        value = (CHOICE.search(hint) or QUOTE.search(hint)).group(1)
        start = diagnostic["column"] - 1
        key = re.match(r"[\w-]+:\s*", lines[index][start:])  # a diagnostic of a field points at its name
        start += key.end() if key else 0
        end = re.compile(r"\s*(?:[,\]}]|#|$)").search(lines[index], start).start()
        lines[index] = lines[index][:start] + value + lines[index][end:]
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


@pytest.mark.slow
def test_every_bad_input_case_with_a_literal_hint_passes_once_it_is_applied(tmp_path, capsys):
    """Each case of one mistake whose hint gives a line to write, a name or folder for the file, or
    values to choose from: done as it says (the first value offered), it clears the mistake."""
    applied, failed = [], []
    for case in BAD_INPUT:
        root = copy_tree(MINI, tmp_path / case.name)
        case.edit(root, root / case.file)
        _, diagnostics = check(root, capsys=capsys)
        errors = [d for d in diagnostics if d["severity"] == "error"]
        if len(errors) != 1 or not (literal(errors[0]["hint"]) or concrete(errors[0]["hint"])) or not (root / errors[0]["file"]).is_file():
            continue  # several problems, or a hint that asks for what only the editor knows
        (apply if literal(errors[0]["hint"]) else apply_concrete)(root, errors[0])
        code, after = check(root, capsys=capsys)
        applied.append(case.name)
        # A stand-in file moved where it belongs is then checked as what it is: that problem must be gone.
        moved = MOVE.search(errors[0]["hint"])
        if (any(d["code"] == errors[0]["code"] for d in after) if moved else code != 0):
            failed.append((case.name, errors[0]["hint"], [d["message"] for d in after if d["severity"] == "error"]))
    assert failed == [], "\n".join(map(str, failed))
    assert len(applied) >= 30, applied
