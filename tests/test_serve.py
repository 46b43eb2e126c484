"""Under `mkdocs serve --dirty` the plugin keeps its cache and MkDocs rebuilds only pages whose Markdown changed."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import edit
from disclosure.mkdocs_plugin.plugin import GeneratedPage

pytestmark = pytest.mark.slow  # whole site builds


def rebuild(root, site):
    """One build as `mkdocs serve --dirty` runs it; the plugin object is kept between calls, as under serve."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.strict = False  # serve runs without --strict: a dirty build always warns
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)


def test_a_dirty_rebuild_rewrites_the_edited_page_and_not_the_others(demo, tmp_path):
    site = tmp_path / "site"
    rebuild(demo, site)
    before = {page: page.stat().st_mtime_ns for page in site.rglob("*.html")}
    source = sorted((demo / "catalogue" / "documents").rglob("*.md"))[0]
    document_id = re.search(r'^id: "?([^"\n]+)"?$', source.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    edit(source, "\ntitle: ", "\ntitle: 修订后的")

    rebuild(demo, site)
    rewritten = {page for page, stamp in before.items() if page.stat().st_mtime_ns != stamp}
    documents = [page for page in before if page.parent.parent.name == "documents"]
    edited = next(page for page in documents if f"<td>{document_id}</td>" in page.read_text(encoding="utf-8"))
    assert edited in rewritten
    assert "修订后的" in edited.read_text(encoding="utf-8")
    assert len([page for page in documents if page in rewritten]) == 1
    assert len(rewritten) < len(before) / 2


def test_after_a_failed_rebuild_every_page_is_written_again(demo, tmp_path):
    config = load_config(str(demo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.strict = False
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    plugin = config.plugins["disclosure"]
    unchanged = [f for f in plugin.on_files(get_files(config), config) if isinstance(f, GeneratedPage)]
    assert unchanged and not any(f.changed for f in unchanged)
    plugin.on_build_error(error=RuntimeError("主题模板出错"))
    again = [f for f in plugin.on_files(get_files(config), config) if isinstance(f, GeneratedPage)]
    assert len(again) == len(unchanged) and all(f.changed for f in again)


def test_mkdocs_serve_rebuilds_once_for_each_saved_document(demo, tmp_path):
    """The content folders are watched through the system's file events: a save rebuilds at
    once, and the rebuild reading every file does not count as another change."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=demo, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/zwgk/documents/2023-00003/"
        assert wait_for(url, "</html>", 120)
        edit(demo / "catalogue/documents/2023/lawyer-annual-assessment-measures.md", "\ntitle: ", "\ntitle: 预览修订")
        assert wait_for(url, "预览修订", 30)
        # A second save, once the first has shown: a rebuild that the first one's own reading set off
        # would have been queued before it, so when this one shows, every earlier rebuild is in the log.
        edit(demo / "catalogue/documents/2024/business-environment-measures.md", "\ntitle: ", "\ntitle: 再次修订")
        assert wait_for(f"http://127.0.0.1:{port}/zwgk/documents/2024-00004/", "再次修订", 30)
        output = log.read_text(encoding="utf-8")
        assert output.count("Detected file changes") == 2
        polled = next(line for line in output.splitlines() if "Watching paths for changes" in line)
        assert "catalogue" not in polled  # the save was seen by the plugin's watcher, not MkDocs' poller
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False
