"""Shared fixtures: a tiny content repository to mutate, and the demo site."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure.cli import main

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
DEMO_PARTS = ("mkdocs.yml", "docs", "catalogue", "guides", "interpretations", "attachments", "templates", "calendar.yml")


def copy_tree(source: Path, target: Path, parts=None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in parts or [p.name for p in source.iterdir()]:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.exists():
            shutil.copy2(src, target / part)
    return target


@pytest.fixture
def mini(tmp_path) -> Path:
    """A copy of tests/fixtures/mini that a test may change."""
    return copy_tree(MINI, tmp_path / "mini")


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the demo content repository that a test may change."""
    return copy_tree(REPO, tmp_path / "demo", DEMO_PARTS)


def check(root: Path, *args: str, capsys) -> tuple[int, list[dict]]:
    """Run `disclosure check --format json` and return the exit code and diagnostics."""
    code = main(["check", str(root), "--format", "json", *args])
    output = capsys.readouterr().out
    return code, json.loads(output)["diagnostics"]


def mkdocs_build(root: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root, capture_output=True, text=True, timeout=600,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo repository built strictly, once per test session."""
    root = copy_tree(REPO, tmp_path_factory.mktemp("demo-build"), DEMO_PARTS)
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site
