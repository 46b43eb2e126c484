"""`disclosure init`: a new agency's repository that passes its check at once."""

from __future__ import annotations

import json

import pytest
import yaml

from disclosure import __version__, editor_settings
from disclosure.bundled import SCHEMAS
from disclosure.cli import main

FACTS = {
    "--name": "临江市司法局", "--credit-code": "11360000014500123H", "--address": "临江市人民路88号一楼105室",
    "--phone": "0791-86000000", "--site-url": "https://sfj.linjiang.gov.cn/zwgk",
}


def init(target, capsys, **changes) -> tuple[int, str]:
    facts = {**FACTS, **changes}
    code = main(["init", str(target), *[part for pair in facts.items() for part in pair]])
    output = capsys.readouterr()
    return code, output.out + output.err


def test_a_new_repository_has_the_layout_and_passes_its_check(tmp_path, capsys):
    code, output = init(tmp_path / "agency", capsys)
    assert code == 0, output
    root = tmp_path / "agency"
    for rel in ("mkdocs.yml", "README.md", "Makefile", "requirements.txt", "catalogue/organization.yml", "catalogue/directory.yml",
                ".github/workflows/ci.yml", ".github/workflows/publish.yml", ".pre-commit-config.yaml", ".gitignore",
                ".vscode/settings.json", ".vscode/tasks.json", "frontmatter.json", "docs/.keep"):
        assert (root / rel).is_file(), rel
    assert not (root / "plugins").exists()  # the engine comes from the wheel
    assert (root / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"disclosure=={__version__}"
    assert main(["check", str(root), "--no-cache"]) == 0
    assert capsys.readouterr().out.strip().endswith("0 个错误，0 个警告")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "material"} and config["site_url"] == "https://sfj.linjiang.gov.cn/zwgk/"
    organization = yaml.safe_load((root / "catalogue/organization.yml").read_text(encoding="utf-8"))
    assert organization["name"] == "临江市司法局" and organization["index_prefix"] == "014500123"


def test_its_editor_settings_point_at_its_own_copy_of_the_schemas(tmp_path, capsys):
    init(tmp_path / "agency", capsys)
    root = tmp_path / "agency"
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        copy = root / schema
        assert copy.read_bytes() == (SCHEMAS / copy.name).read_bytes(), schema
    assert (root / "frontmatter.json").read_text(encoding="utf-8") == editor_settings.as_json(editor_settings.frontmatter())


def test_text_that_looks_like_yaml_stays_text(tmp_path, capsys):
    code, output = init(tmp_path / "agency", capsys, **{"--name": "临江市司法局: #1 [测试]", "--address": "no"})
    assert code == 0, output
    organization = yaml.safe_load((tmp_path / "agency/catalogue/organization.yml").read_text(encoding="utf-8"))
    assert organization["name"] == "临江市司法局: #1 [测试]" and organization["office"]["address"] == "no"


@pytest.mark.parametrize(("change", "problem"), [
    ({"--credit-code": "11360000014500123X"}, "校验位错误"),
    ({"--credit-code": "123"}, "应为 18 位"),
    ({"--phone": "86000000"}, "区号-号码"),
    ({"--site-url": "http://x.gov.cn"}, "https://"),
    ({"--name": "<b>司法局</b>"}, "不能含 < >"),
])
def test_wrong_facts_are_refused_before_anything_is_written(tmp_path, capsys, change, problem):
    code, output = init(tmp_path / "agency", capsys, **change)
    assert code == 2 and problem in output and "Traceback" not in output
    assert not (tmp_path / "agency").exists()


def test_an_existing_repository_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "agency").mkdir()
    (tmp_path / "agency" / "mkdocs.yml").write_text("site_name: 已有\n", encoding="utf-8")
    code, output = init(tmp_path / "agency", capsys)
    assert code == 2 and "不是空文件夹" in output
    assert (tmp_path / "agency" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 已有\n"
