"""Site settings and organization fields that name content are checked like content."""

import re

import pytest

from conftest import check, edit, mkdocs_build
from disclosure.cli import main
from disclosure.options import SettingsError, build
from disclosure.pages.identity import site_identity

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


# -- who answers for the site: footer records, emblem ------------------------------------
def test_identity_settings_in_the_wrong_form_are_one_chinese_line_naming_the_setting():
    assert site_identity(build({"site_id_code": "3600000001"})).error_report_url.endswith("sitecode=3600000001")
    assert site_identity(build({"police_record": "赣公网安备 36010202000001号"})).police_url.endswith("code=36010202000001")
    for settings, named in (
        ({"icp_record": "12345678"}, "icp_record（ICP备案号）格式不对"),
        ({"police_record": "公网安备123"}, "police_record（公安机关备案号）格式不对"),
        ({"conac_url": "http://bszs.conac.cn/x"}, "conac_url（党政机关网站标识核验地址）应为 https://"),
        ({"annual_report_category": 903}, "annual_report_category（往年年报所在的目录编码）应为加引号的目录编码"),
    ):
        with pytest.raises(SettingsError, match=f"^{re.escape(named)}"):
            build(settings)


@pytest.mark.slow
def test_an_emblem_that_is_not_there_fails_the_build_naming_the_file(mini):
    edit(mini / CONFIG, 'system_category: "0101"', 'system_category: "0101"\n      emblem: assets/agency.png')
    result = mkdocs_build(mini, mini / "site")
    assert result.returncode != 0
    assert "emblem 指向的文件 docs/assets/agency.png 不存在" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_issued_conac_mark_is_shown_as_an_image_linked_to_its_certificate(mini):
    (mini / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (mini / "docs" / "assets" / "conac.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    certificate = "https://bszs.conac.cn/sitename?method=show&id=0A1B2C"
    edit(mini / CONFIG, 'system_category: "0101"', f'system_category: "0101"\n      conac_url: {certificate}\n      conac_image: assets/conac.png')
    result = mkdocs_build(mini, mini / "site")
    assert result.returncode == 0, result.stderr
    footer = (mini / "site" / "catalogue" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="site-footer__conac[^"]*" href="([^"]+)"[^>]*>\s*<img src="([^"]+)" alt="党政机关网站标识">', footer)
    assert link and link.group(1) == certificate.replace("&", "&amp;") and link.group(2) == "../assets/conac.png"
    (mini / "docs" / "assets" / "conac.png").unlink()
    result = mkdocs_build(mini, mini / "site")
    assert result.returncode != 0 and "conac_image 指向的文件 docs/assets/conac.png 不存在" in result.stderr
