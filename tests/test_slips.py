"""Every slip of a file in one run, each named in Chinese on its own line, and one message per wrong key."""

from __future__ import annotations

import pytest

from conftest import check
from disclosure import slips

NEWS = "catalogue/docs/news.md"
GUIDE = "guides/lawyer.yml"


def found(diagnostics) -> list[tuple[str, int]]:
    return [(d["code"], d["line"]) for d in diagnostics]


def test_a_full_width_colon_a_tab_and_a_bad_date_are_reported_in_one_run(mini, capsys):
    path = mini / NEWS
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: ", "title：", 1).replace("\n  reviewer:", "\n\treviewer:", 1).replace("written: 2021-03-01", "written: 2021-02-30", 1)
    path.write_text(text, encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    lines = text.split("\n")
    at = {key: next(i + 1 for i, line in enumerate(lines) if line.lstrip().startswith(key)) for key in ("title", "reviewer", "written")}
    assert code == 1
    assert sorted(found(diagnostics)) == sorted([("D007", at["title"]), ("D006", at["reviewer"]), ("D109", at["written"])])
    assert "全角冒号" in next(d["message"] for d in diagnostics if d["code"] == "D007")


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("kind: 工作动态", "kind:\u3000工作动态", "D008", "全角空格"),
        ("kind: 工作动态", "kind\u3000: 工作动态", "D008", "全角空格"),
        ("kind: 工作动态", "\u3000kind: 工作动态", "D008", "全角空格"),
        ("kind: 工作动态", "ki\u200bnd: 工作动态", "D010", "U+200B"),
        ("kind: 工作动态", "kind\u00a0: 工作动态", "D008", "不间断空格"),
        ("title: 关于", "title: “关于", "D009", "中文引号"),
    ],
)
def test_each_slip_is_named_on_its_line_and_nothing_else(mini, capsys, old, new, code, words):
    path = mini / NEWS
    text = path.read_text(encoding="utf-8")
    if code == "D009":
        line = next(line for line in text.split("\n") if line.startswith("title: "))
        new_text = text.replace(line, "title: “" + line[len("title: "):] + "”", 1)
    else:
        new_text = text.replace(old, new, 1)
    path.write_text(new_text, encoding="utf-8")
    line = next(i + 1 for i, l in enumerate(new_text.split("\n")) if l != text.split("\n")[i])
    code_, diagnostics = check(mini, capsys=capsys)
    assert found(diagnostics) == [(code, line)]
    assert words in diagnostics[0]["message"] or words in diagnostics[0]["hint"]


def test_curly_quotes_around_a_guide_code_are_an_error_not_data(mini, capsys):
    path = mini / GUIDE
    text = path.read_text(encoding="utf-8")
    line = next(l for l in text.split("\n") if l.startswith("code: "))
    value = line[len("code: "):].strip('"')
    path.write_text(text.replace(line, f"code: “{value}”", 1), encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    assert [(d["code"], d["hint"]) for d in diagnostics] == [("D009", f'改成英文引号，写成 code: "{value}"')]


def test_quotes_inside_a_title_are_text(mini, capsys):
    path = mini / NEWS
    text = path.read_text(encoding="utf-8")
    line = next(l for l in text.split("\n") if l.startswith("title: "))
    path.write_text(text.replace(line, "title: “一网通办”和“最多跑一次”改革", 1), encoding="utf-8")
    assert check(mini, capsys=capsys) == (0, [])


@pytest.mark.parametrize(("key", "hint"), [("起草部门", "写成 drafting_department（起草部门）"), ("drafting_departmnet", "写成 drafting_department（起草部门）")])
def test_a_misspelt_or_chinese_key_is_one_message(mini, capsys, key, hint):
    path = mini / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace("drafting_department:", f"{key}:", 1), encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    assert [(d["code"], d["hint"]) for d in diagnostics] == [("D105", hint)]


def test_free_text_in_a_block_keeps_its_colons_and_tabs():
    text = "feedback: |\n  共收到意见：12 条\n\t采纳 8 条\nkind: 通知\n"
    mended = slips.scan(text, "x.yml", 0)
    assert (mended.text, mended.problems) == (text, [])


def test_after_a_syntax_error_the_rest_of_the_repository_is_checked(mini, capsys):
    (mini / NEWS).write_text("---\ntitle: [未闭合\n---\n正文\n", encoding="utf-8")
    guide = mini / GUIDE
    guide.write_text(guide.read_text(encoding="utf-8").replace("legal_days: 20", "legal_days: 5", 1), encoding="utf-8")
    _, diagnostics = check(mini, capsys=capsys)
    assert {("D002", NEWS), ("D304", GUIDE)} <= {(d["code"], d["file"]) for d in diagnostics}
