"""`disclosure check` on a small repository: every finding names file, line and field."""

import pytest

from conftest import check, edit

RULES = "catalogue/docs/rules.md"
NEWS = "catalogue/docs/news.md"
INTERPRETATION = "interpretations/rules.md"
GUIDE = "guides/lawyer.yml"


def codes(diagnostics):
    return [(d["code"], d["file"], d["line"], d["field"]) for d in diagnostics]


def test_clean_repository_passes(mini, capsys):
    code, diagnostics = check(mini, capsys=capsys)
    assert (code, diagnostics) == (0, [])


def test_missing_required_field(mini, capsys):
    edit(mini / RULES, "summary: 规范律师执业活动。\n", "")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert codes(diagnostics) == [("D101", RULES, 2, "summary")]
    assert diagnostics[0]["label"] == "内容概述"
    assert "summary:" in diagnostics[0]["hint"]


def test_missing_nested_field_points_at_its_parent(mini, capsys):
    edit(mini / RULES, "  reviewer: 办公室保密审查员\n", "")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D101", RULES, 14, "review.reviewer")]


def test_conditional_requirement(mini, capsys):
    edit(mini / RULES, "doc_number: 测司规〔2020〕1号\n", "")
    _, diagnostics = check(mini, capsys=capsys)
    assert ("D101", RULES, 2, "doc_number") in codes(diagnostics)


def test_unknown_field_suggests_the_right_name(mini, capsys):
    edit(mini / NEWS, "summary:", "sumary:")
    _, diagnostics = check(mini, capsys=capsys)
    unknown = [d for d in diagnostics if d["code"] == "D105"]
    assert [(d["line"], d["field"]) for d in unknown] == [(4, "sumary")]
    assert "summary" in unknown[0]["hint"]


def test_enumeration(mini, capsys):
    edit(mini / NEWS, "kind: 工作动态", "kind: 工作简报")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D103", NEWS, 6, "kind")]
    assert "工作动态" in diagnostics[0]["hint"]


def test_chinese_date_gets_an_iso_hint(mini, capsys):
    edit(mini / NEWS, "written: 2021-03-01", "written: 2021年3月1日")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D104", NEWS, 8, "written")]
    assert "2021-03-01" in diagnostics[0]["hint"]


def test_impossible_date_reported_once(mini, capsys):
    edit(mini / NEWS, "written: 2021-03-01", "written: 2021-02-30")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D109", NEWS, 8, "written")]


def test_doc_number_brackets_hint(mini, capsys):
    edit(mini / RULES, "测司规〔2020〕1号", "测司规[2020]1号")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D104", RULES, 8, "doc_number")]
    assert "测司规〔2020〕1号" in diagnostics[0]["hint"]


def test_number_where_text_is_expected(mini, capsys):
    edit(mini / "catalogue/directory.yml", 'code: "0101"', "code: 0101")
    _, diagnostics = check(mini, capsys=capsys)
    found = [d for d in diagnostics if d["code"] == "D110"]
    assert [(d["file"], d["line"]) for d in found] == [("catalogue/directory.yml", 5)]
    assert "65" in found[0]["message"] and '"0101"' in found[0]["hint"]


def test_boolean_where_text_is_expected(mini, capsys):
    edit(mini / NEWS, "kind: 工作动态", "kind: no")
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D111", NEWS, 6, "kind")]


def test_summary_too_long(mini, capsys):
    edit(mini / NEWS, "summary: 部署年度律师工作。", "summary: " + "字" * 301)
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D106", NEWS, 4, "summary")]


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (NEWS, 'category: "02"', 'category: "09"', ("D201", NEWS, 5, "category")),
        (NEWS, 'category: "02"', 'category: "01"', ("D201", NEWS, 5, "category")),
        (NEWS, "drafting_department: office", "drafting_department: nobody", ("D202", NEWS, 7, "drafting_department")),
        (INTERPRETATION, 'policy: "014500123/2020-00001"', 'policy: "014500123/2020-00099"', ("D203", INTERPRETATION, 4, "policy")),
        (RULES, "file: attachments/form.pdf", "file: attachments/none.pdf", ("D205", RULES, 19, "attachments[1].file")),
        (RULES, "file: attachments/form.pdf", "file: ../outside.pdf", ("D205", RULES, 19, "attachments[1].file")),
        (GUIDE, "template: templates/application.pdf", "template: templates/gone.pdf", ("D205", GUIDE, 18, "materials[1].template")),
        (NEWS, 'id: "014500123/2021-00001"', 'id: "014500123/2020-00001"', ("D206", RULES, 2, "id")),
        (INTERPRETATION, "department: lawyers", "department: office", ("D208", INTERPRETATION, 6, "department")),
        (NEWS, 'id: "014500123/2021-00001"', 'id: "2021-1"', ("D210", NEWS, 2, "id")),
        (NEWS, "written: 2021-03-01", "written: 2021-03-05", ("D301", NEWS, 8, "written")),
        (NEWS, "  date: 2021-03-01", "  date: 2021-03-09", ("D301", NEWS, 13, "review.date")),
        (INTERPRETATION, "published: 2020-10-12", "published: 2020-10-13", ("D302", INTERPRETATION, 7, "published")),
        (INTERPRETATION, "published: 2020-10-12", "published: 2020-09-29", ("D303", INTERPRETATION, 7, "published")),
        (GUIDE, "promised_days: 10", "promised_days: 30", ("D304", GUIDE, 26, "time_limit.promised_days")),
        (INTERPRETATION, "## 背景依据", "## 背景", ("D305", INTERPRETATION, 9, "body")),
        ("catalogue/directory.yml", 'code: "0101"', 'code: "0201"', ("D209", "catalogue/directory.yml", 5, "items[1].children[1].code")),
        ("catalogue/directory.yml", "departments: [office]", "departments: [nobody]", ("D202", "catalogue/directory.yml", 11, "items[1].children[1].departments[1]")),
    ],
)
def test_cross_reference_rules(mini, capsys, path, old, new, expected):
    edit(mini / path, old, new)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert expected in codes(diagnostics)


def test_missing_interpretation(mini, capsys):
    (mini / INTERPRETATION).unlink()
    _, diagnostics = check(mini, capsys=capsys)
    assert codes(diagnostics) == [("D207", RULES, 6, "kind")]
    assert "014500123/2020-00001" in diagnostics[0]["hint"]


def test_interpretation_none_needs_no_interpretation(mini, capsys):
    (mini / INTERPRETATION).unlink()
    edit(mini / RULES, "disclosure: 主动公开\n", "disclosure: 主动公开\ninterpretation: none\n")
    code, _ = check(mini, capsys=capsys)
    assert code == 0


def test_all_problems_are_reported_not_the_first(mini, capsys):
    edit(mini / NEWS, "kind: 工作动态", "kind: 工作简报")
    edit(mini / GUIDE, "name: 律师执业许可\n", "")
    edit(mini / "catalogue/organization.yml", "name: 测试市司法局\n", "")
    _, diagnostics = check(mini, capsys=capsys)
    assert {d["file"] for d in diagnostics} == {NEWS, GUIDE, "catalogue/organization.yml"}


def test_working_day_deadline_counts_holidays_and_adjusted_workdays(mini, capsys):
    # 2020-09-30 + 3 working days: 10-01..10-08 are 国庆/中秋 holidays, 10-10 (Saturday)
    # is a 调休 workday, so the deadline is 2020-10-12 (the fixture publishes on it).
    code, _ = check(mini, capsys=capsys)
    assert code == 0
