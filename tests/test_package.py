"""The engine as any agency gets it: the built wheel in a fresh virtual environment, away from this
source tree, starts a repository with `disclosure init` and builds it and the demo strictly, on
MkDocs and on ProperDocs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO_PARTS, REPO, copy_tree

pytestmark = pytest.mark.slow

AGENCY = ["--name", "临江市司法局", "--credit-code", "11360000014500123H", "--address", "临江市人民路88号一楼105室",
          "--phone", "0791-86000000", "--site-url", "https://sfj.linjiang.gov.cn/zwgk/"]
BUILDERS = ("mkdocs", "properdocs")


def run(command: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    # No PYTHONPATH and no way back to the source tree: what runs is what the wheel installed; and
    # no setting from this repository's Makefile, so the output is what an editor's terminal shows.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NO_MKDOCS_2_WARNING")}
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = copy_tree(REPO, tmp_path_factory.mktemp("source"), ["pyproject.toml", "setup.py", "README.md", "plugins"])  # setuptools writes build/ beside it
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", out, source], cwd=out)
    (built,) = out.glob("disclosure-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh environment with the wheel and ProperDocs, at the versions requirements-test.txt pins."""
    place = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", place / "env"], cwd=place)
    bin_dir = place / "env" / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--constraint", REPO / "requirements-test.txt", wheel, "properdocs"], cwd=place, timeout=900)
    return bin_dir


def test_the_wheel_carries_everything_the_engine_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = REPO / "plugins" / "disclosure" / "bundled"
    expected = {f"disclosure/bundled/{p.relative_to(bundled).as_posix()}" for p in bundled.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected <= names, sorted(expected - names)
    assert "disclosure/mkdocs_plugin/plugin.py" in names and "disclosure/cli.py" in names


def test_the_installed_engine_is_the_wheel_not_this_tree(venv, tmp_path):
    result = run([venv / "python", "-c", "import disclosure, disclosure.bundled as b; print(disclosure.__file__); print(b.SCHEMAS)"], cwd=tmp_path)
    assert str(REPO) not in result.stdout and str(venv.parent) in result.stdout
    assert run([venv / "disclosure", "--version"], cwd=tmp_path).stdout.strip().startswith("disclosure ")


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_new_agency_checks_and_builds_strictly(venv, tmp_path, builder):
    agency = tmp_path / "agency"
    run([venv / "disclosure", "init", agency, *AGENCY], cwd=tmp_path)
    assert run([venv / "disclosure", "check", "."], cwd=agency).stdout.strip().endswith("0 个错误，0 个警告")
    version = run([venv / "python", "-c", "import disclosure; print(disclosure.__version__)"], cwd=tmp_path).stdout.strip()
    assert f"disclosure=={version}" in (agency / "requirements.txt").read_text(encoding="utf-8")
    result = run([venv / builder, "build", "--strict", "--site-dir", tmp_path / "site"], cwd=agency)
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "临江市司法局" in home and 'href="assets/site.css"' in home  # the plugin's theme and styles, not in mkdocs.yml
    for page in ("catalogue/index.html", "disclosure-guide/index.html", "search/index.html", "assets/search.js", "data/catalogue.csv"):
        assert (site / page).is_file(), page
    if builder == "properdocs":
        assert "end of life" not in result.stdout + result.stderr
    else:  # MkDocs shows Material's notice unless told not to: where the agency builds, it is told
        for where in ("Makefile", ".github/workflows/ci.yml", ".github/workflows/publish.yml"):
            assert "NO_MKDOCS_2_WARNING" in (agency / where).read_text(encoding="utf-8"), where


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_demo_builds_from_the_wheel(venv, tmp_path, builder):
    demo = copy_tree(REPO, tmp_path / "demo", DEMO_PARTS)
    run([venv / builder, "build", "--strict", "--site-dir", tmp_path / "site"], cwd=demo)
    assert (tmp_path / "site" / "documents").is_dir() and (tmp_path / "site" / "search" / "data").is_dir()


@pytest.mark.parametrize("builder", BUILDERS)
def test_an_unreadable_mkdocs_yml_is_one_chinese_line_from_the_wheel(venv, tmp_path, builder):
    """The wheel's startup file reads mkdocs.yml before MkDocs's own reader would stop at it with a traceback."""
    agency = tmp_path / "agency"
    run([venv / "disclosure", "init", agency, *AGENCY], cwd=tmp_path)
    config = agency / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - disclosure:\n", "  - disclosure:\n      as_of: 2026-13-45\n", 1), encoding="utf-8")
    command = [venv / builder, "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", tmp_path / "site"]
    result = subprocess.run([str(c) for c in command], cwd=agency, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("mkdocs.yml:") and "as_of（定时发布基准日）" in result.stderr
