"""Under `mkdocs serve --dirty` the plugin keeps its cache and MkDocs rebuilds only pages whose Markdown changed."""

import re

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import edit
from disclosure.mkdocs_plugin.plugin import GeneratedPage


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
