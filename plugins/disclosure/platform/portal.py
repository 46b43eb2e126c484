"""The portal's own pages (home, cross-agency search), built by MkDocs with the agencies' look and
the same publishing rules as an agency's pages: content through the allowlist sanitizer, a
Content-Security-Policy on every page, and a record of every file the build means to write."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from disclosure.bundled import THEME
from disclosure.mkdocs_plugin.plugin import mkdocs_writes
from disclosure.pages.render import environment, front_matter
from disclosure.platform.config import LEVELS, Platform
from disclosure.publishing.csp import with_policy
from disclosure.publishing.sanitize import sanitize
from disclosure.layout import Facet

LATEST_PER_AGENCY = 5
NEWEST = 10


def portal_pages(platform: Platform, counts: dict[str, dict], records: list[dict], facets: list[Facet]) -> dict[str, str]:
    """The portal's Markdown pages by path; `counts` by agency id, for the agencies on the platform."""
    env = environment()
    names = {a.id: a.name for a in platform.agencies}
    latest: dict[str, list[dict]] = {}
    for record in records:
        kept = latest.setdefault(record["agency"], [])
        if len(kept) < LATEST_PER_AGENCY:
            kept.append(record)
    levels = [
        (level, [{"agency": a, "parent": names.get(a.parent, ""), "counts": counts[a.id], "latest": latest.get(a.id, [])}
                 for a in platform.agencies if a.level == level and a.id in counts])
        for level in LEVELS
    ]
    home = env.get_template("portal_home.md.j2").render(
        platform=platform, levels=[(level, cards) for level, cards in levels if cards], newest=records[:NEWEST], front_matter=front_matter
    )
    search = env.get_template("search.md.j2").render(
        facets=facets, front_matter=front_matter, url=lambda target: "../", asset=lambda file: f"../{file}"
    )
    return {"index.md": home, "search/index.md": search}


class _Publishing(BasePlugin):
    """The agency plugin's publishing hooks, for the portal: what it writes is recorded in `written`."""

    def __init__(self):
        super().__init__()
        self.written: set[str] = set()

    def on_files(self, files, *, config):
        self.written = mkdocs_writes(config, files)
        return files

    def on_page_content(self, html, *, page, config, files):
        return sanitize(html)

    def on_post_page(self, output, *, page, config):
        return with_policy(output, page.content or "")

    def on_post_template(self, output_content, *, template_name, config):
        return with_policy(output_content, "") if template_name.endswith(".html") else output_content


def build_portal(platform: Platform, pages: dict[str, str], site: Path) -> set[str]:
    """The portal's pages into `site`, with the theme's overrides and assets; the files written."""
    with tempfile.TemporaryDirectory(prefix="portal-") as work:
        docs = Path(work) / "docs"  # the site's styles and scripts come with the theme folder
        for path, markdown in pages.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(markdown, encoding="utf-8")
        config = {
            "site_name": platform.name,
            "site_url": platform.url or None,
            "docs_dir": "docs",
            "theme": {"name": "material", "custom_dir": str(THEME), "language": "zh", "font": False,
                      "features": ["navigation.tabs", "navigation.top"], "palette": {"primary": "custom", "accent": "custom"}},
            "extra_css": ["assets/site.css", "assets/search.css"],
            "extra_javascript": ["assets/site.js"],
            "plugins": [],
            "markdown_extensions": ["tables", "attr_list", "md_in_html"],
            "nav": [{"平台首页": "index.md"}, {"全平台检索": "search/index.md"}],
            # Links from the portal into the agencies' sites point outside these pages.
            "validation": {"links": {"not_found": "info", "unrecognized_links": "info", "absolute_links": "info"}},
        }
        (Path(work) / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        loaded = load_config(str(Path(work) / "mkdocs.yml"), site_dir=str(site), strict=True)
        publishing = loaded.plugins["disclosure-portal"] = _Publishing()
        build(loaded)
        return publishing.written
