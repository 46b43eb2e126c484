"""Shared fixtures: a tiny content repository to mutate, and the demo site."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from disclosure.cli import main

# A shell that starts the run in the background makes it ignore Ctrl-C (SIGINT), and with it every preview server a
# test starts; those tests stop their server with Ctrl-C as an editor does, so the run takes it as from a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
ARTIFACTS = REPO / "test-artifacts"  # screenshots, kept by CI
CHROMIUM = "/usr/bin/chromium"
# Without these flags chromium keeps dialling out, and this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEMO_PARTS = ("mkdocs.yml", "docs", "catalogue", "guides", "interpretations", "attachments", "templates", "calendar.yml")


def copy_tree(source: Path, target: Path, parts=None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in parts or [p.name for p in source.iterdir() if p.name != ".cache"]:  # a local run's parse cache
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.exists():
            shutil.copy2(src, target / part)
    return target


# A test that needs a whole built site or a browser is slow, whichever module it is in (`make test-fast` skips it).
SLOW_FIXTURES = {"demo_site", "base_url", "browser", "editor_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.slow)


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
        cwd=root, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a built site on loopback; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(demo_site):
    yield from serve(demo_site)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it"
    from playwright.sync_api import sync_playwright  # only a browser test pays for loading Playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
