"""Site settings and organization fields that name content are checked like content."""

from conftest import check, edit
from disclosure.cli import main

CONFIG = "mkdocs.yml"


def test_system_category_that_is_not_a_leaf_is_an_error_on_its_line(mini, capsys):
    edit(mini / CONFIG, 'system_category: "0101"', 'system_category: "01"')
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    [problem] = diagnostics
    line = next(n for n, text in enumerate((mini / CONFIG).read_text(encoding="utf-8").splitlines(), 1) if "system_category" in text)
    assert (problem["code"], problem["file"], problem["line"], problem["field"]) == ("D212", CONFIG, line, "system_category")
    assert "不是末级事项" in problem["message"] and "0101 规范性文件" in problem["hint"]


def test_unknown_system_category_is_an_error(mini, capsys):
    edit(mini / CONFIG, 'system_category: "0101"', 'system_category: "0909"')
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert [(d["code"], d["severity"]) for d in diagnostics] == [("D212", "error")]
    assert "“0909”不存在" in diagnostics[0]["message"]


def test_missing_system_category_is_a_warning(mini, capsys):
    edit(mini / CONFIG, '      system_category: "0101"\n', "")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 0
    assert [(d["code"], d["severity"]) for d in diagnostics] == [("D212", "warning")]


def test_unquoted_system_category_is_a_usage_error_in_chinese(mini, capsys):
    edit(mini / CONFIG, 'system_category: "0101"', "system_category: 0101")
    assert main(["check", str(mini)]) == 2
    assert "加引号" in capsys.readouterr().err


def check_application(mini, capsys, application: str) -> list[tuple]:
    """Check the mini repository with an `application:` section added to organization.yml."""
    organization = mini / "catalogue/organization.yml"
    organization.write_text(organization.read_text(encoding="utf-8") + "application:\n" + application, encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    return [(d["code"], d["file"], d["field"], d["label"]) for d in diagnostics]


def test_application_form_must_exist(mini, capsys):
    assert check_application(mini, capsys, "  form: templates/missing.docx\n") == [
        ("D205", "catalogue/organization.yml", "application.form", "申请表格")
    ]


def test_application_channel_needs_a_description(mini, capsys):
    assert check_application(mini, capsys, "  channels:\n    - name: 当面提交\n") == [
        ("D101", "catalogue/organization.yml", "application.channels[1].description", "办理说明")
    ]
