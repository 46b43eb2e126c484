"""The three ways in: `disclosure`, `python -m disclosure`, and the MkDocs plugin."""

import subprocess
import sys

import pytest
from mkdocs.config import load_config

from conftest import REPO, edit


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "disclosure", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_module_runs_check_in_the_current_folder():
    result = run("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 个错误，0 个警告")


@pytest.mark.slow  # an interpreter started
def test_content_error_exits_1_with_a_located_line(mini):
    edit(mini / "guides/lawyer.yml", "hours: 工作日 9:00-17:00\n", "")
    result = run("check", str(mini))
    assert result.returncode == 1
    assert "guides/lawyer.yml:1:1: D101 缺少必填字段“办理时间” (hours / 办理时间) — " in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # four interpreters started
def test_usage_errors_exit_2(tmp_path):
    assert run("check", str(tmp_path)).returncode == 2  # no mkdocs.yml there
    assert run("check", "--as-of", "2020-13-01").returncode == 2
    assert run("frobnicate").returncode == 2
    result = run("check", "--format", "xml")
    assert result.returncode == 2 and "用法错误" in result.stderr


def test_plugin_watches_every_content_folder():
    config = load_config(str(REPO / "mkdocs.yml"))
    config.plugins.on_config(config)
    for folder in ("catalogue", "guides", "interpretations", "attachments", "templates"):
        assert str(REPO / folder) in config.watch


def test_plugin_reads_its_options(mini):
    config = load_config(str(mini / "mkdocs.yml"))
    config.plugins.on_config(config)
    plugin = config.plugins["disclosure"]
    assert str(plugin.options.as_of) == "2021-06-30"
    assert plugin.options.interpretation_days == 3
