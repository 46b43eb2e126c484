"""One definition of the settings: every entry point reads it, and a bad value is one Chinese line."""

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest

from disclosure import options as settings
from disclosure.cli import main
from disclosure.mkdocs_plugin import startup

BAD = [
    ("interpretation_days", '"3"', "应为整数"),
    ("interpretation_days", "-1", "不能小于 0"),
    ("page_size", "0", "不能小于 1"),
    ("system_category", "0101", "加引号的目录编码"),
    ("interpretation_sections", "背景依据", "文本列表"),
    ("id_pattern", '"{prefix}/{yr}"', "不是可用的格式"),
    ("as_of", "2021-02-30", "YYYY-MM-DD"),
    ("search", "maybe", "true 或 false"),
    ("interpretation_day", "3", "是否想写 interpretation_days"),
]


def with_setting(mini, name: str, value: str) -> int:
    """Write the setting (in place of the one already there) and return its line."""
    config = mini / "mkdocs.yml"
    lines = [line for line in config.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith(f"{name}:")]
    at = lines.index("  - disclosure:") + 1
    lines.insert(at, f"      {name}: {value}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_every_setting_has_a_chinese_name_and_a_reader():
    for field in dataclasses.fields(settings.Options):
        assert field.metadata["label"] and callable(field.metadata["read"]), field.name


def test_settings_as_written_become_typed_options():
    options = settings.build({"as_of": "2024-01-02", "site_id_code": 3600000001, "interpretation_sections": ["一", "二"]})
    assert options.as_of == dt.date(2024, 1, 2)
    assert options.site_id_code == "3600000001"
    assert options.interpretation_sections == ("一", "二")
    assert options.cache_dir == settings.DEFAULT_CACHE_DIR  # a repository keeps its parse cache unless told not to
    assert settings.build({}, cache_dir="").cache_dir == ""


@pytest.mark.parametrize(("name", "value", "problem"), BAD)
def test_the_command_line_names_the_bad_setting_in_one_line(mini, capsys, name, value, problem):
    line = with_setting(mini, name, value)
    assert main(["check", str(mini)]) == 2
    output = capsys.readouterr()
    lines = output.err.strip().splitlines()
    assert len(lines) == 1 and not output.out, output
    assert f"mkdocs.yml:{line}: disclosure 插件设置有误：" in lines[0] and name in lines[0] and problem in lines[0]


# What MkDocs's own reader of mkdocs.yml cannot take: a date that does not exist, written without
# quotes, and broken YAML. The engine's entry points read the file first and say it in one line.
UNREADABLE = [
    ("as_of", "2026-13-45", "as_of（定时发布基准日）应为 YYYY-MM-DD 格式的日期"),
    ("page_size", "[3", "引号或括号没有成对"),
]


def one_line(stream: str) -> str:
    lines = stream.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stream, stream
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
@pytest.mark.parametrize(("name", "value", "problem"), [BAD[0], BAD[2], BAD[-1], *UNREADABLE])
def test_the_site_build_names_the_bad_setting(mini, tmp_path, name, value, problem, builder):
    """Also where MkDocs's own reader of mkdocs.yml would stop first, before any plugin is loaded."""
    line = with_setting(mini, name, value)
    result = subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", "--site-dir", str(tmp_path / "site"), "--config-file", "mkdocs.yml"],
        cwd=mini, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1 and not result.stdout
    said = one_line(result.stderr)
    assert said.startswith(f"mkdocs.yml:{line}:") and problem in said, result.stderr


def test_the_builders_are_told_apart_however_they_are_started():
    assert startup._program(["/venv/bin/python", "/venv/bin/mkdocs", "build"]) == "mkdocs"
    assert startup._program(["python3", "-I", "-m", "properdocs", "serve", "-m", "x"]) == "properdocs"
    assert startup._program(["python3", "-m", "pytest"]) == "pytest" and startup._program(["python3"]) == ""


@pytest.mark.parametrize(("name", "value", "problem"), UNREADABLE)
def test_the_command_line_reads_what_mkdocs_cannot_in_one_line(mini, capsys, name, value, problem):
    line = with_setting(mini, name, value)
    assert main(["check", str(mini)]) == 2
    said = one_line(capsys.readouterr().err)
    assert said.startswith(f"{mini / 'mkdocs.yml'}:{line}:") and problem in said


@pytest.mark.parametrize(("name", "value", "problem"), [*UNREADABLE, BAD[0]])
def test_the_platform_names_an_agencys_bad_setting_in_one_line(mini, tmp_path, capsys, name, value, problem):
    line = with_setting(mini, name, value)
    config = tmp_path / "platform.yml"
    config.write_text(
        f"name: 测试平台\nurl: https://zwgk.example.gov.cn/\nagencies:\n  - id: a\n    name: 测试司法局\n    level: 省\n    path: a\n"
        f"    source:\n      folder: {mini}\n",
        encoding="utf-8",
    )
    assert main(["platform", "check", str(config)]) == 1
    said = one_line(capsys.readouterr().err)
    assert said.startswith(f"测试司法局（a）：{mini / 'mkdocs.yml'}:{line}") and problem in said
    assert main(["platform", "build-agency", "a", "--config", str(config), "--builds", str(tmp_path / "builds")]) == 1
    said = one_line(capsys.readouterr().err)
    assert f"{mini / 'mkdocs.yml'}:{line}" in said and problem in said
