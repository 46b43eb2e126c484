"""What the plugin brings to the site itself, so that an agency's mkdocs.yml needs only
`theme: material`, `plugins: - disclosure` and its settings.

Everything here is a default: what the agency wrote in mkdocs.yml stays as written.
"""

from __future__ import annotations

import os
import posixpath

import pathspec
import yaml
from jinja2 import ChoiceLoader, FileSystemLoader, FunctionLoader, PrefixLoader
from mkdocs import utils
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

from disclosure.bundled import THEME
from disclosure.pages.site import NOT_IN_NAV, navigation
from disclosure.publishing.markup import EXTENSIONS

STYLESHEETS = ("assets/site.css", "assets/annual-reports.css", "assets/search.css")
SCRIPTS = ("assets/site.js",)  # search.js is loaded by the search page alone
THEME_DEFAULTS = {
    "language": "zh",
    # No navigation.footer (its 下一页 beside a list's own pager) and no navigation.top (a
    # hidden button that takes focus).
    "features": ["navigation.tabs", "navigation.indexes", "content.tooltips"],
    "palette": {"primary": "custom", "accent": "custom"},  # the colours are site.css's
    "font": False,  # no request to Google Fonts: the system's CJK fonts
}


def _material_defaults() -> dict:
    with open(os.path.join(utils.get_theme_dir("material"), "mkdocs_theme.yml"), encoding="utf-8") as stream:
        return yaml.safe_load(stream) or {}


def apply(config) -> None:
    theme = config.theme
    if theme.name != "material":
        raise PluginError(f"disclosure 插件需要 Material 主题：请在 mkdocs.yml 中写 theme: material（现为 {theme.name}）")
    # After the agency's own overrides (custom_dir), before Material's templates.
    if str(THEME) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME))
    material = _material_defaults()
    for key, value in THEME_DEFAULTS.items():
        if theme.get(key) == material.get(key):  # not set in mkdocs.yml
            theme[key] = value
    config.extra_css[:0] = [path for path in STYLESHEETS if path not in config.extra_css]
    present = {str(script) for script in config.extra_javascript}
    config.extra_javascript[:0] = [ExtraScriptValue(path) for path in SCRIPTS if path not in present]
    for name in EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    config.mdx_configs.setdefault("toc", {}).setdefault("permalink", False)
    if config.nav is None:
        config.nav = navigation()
    if config.not_in_nav is None:
        # Documents, interpretations and guides are reached from the list pages; a nav listing
        # them all would make every page carry thousands of links.
        config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(NOT_IN_NAV)


# Material's partials that a page outside the navigation renders the same as its folder's others.
SHARED = ("partials/nav.html", "partials/tabs.html")


def share_navigation(env, nav) -> None:
    """Material's navigation and tabs rendered once for the pages of a folder outside the navigation
    (partials/shared.html, which includes Material's own as material/partials/…), unless the agency
    overrides them."""
    material = utils.get_theme_dir("material")
    own = env.loader
    shared = [name for name in SHARED if own.get_source(env, name)[1] == os.path.join(material, name)]  # not the agency's own

    def load(name: str):
        if name in shared:
            return f'{{% from "partials/shared.html" import shared with context %}}{{{{ shared("{name}") }}}}'
        return None

    env.loader = ChoiceLoader([FunctionLoader(load), own, PrefixLoader({"material": FileSystemLoader(material)})])
    env.globals["disclosure_navigation"] = SharedNavigation(nav)


class SharedNavigation:
    """Material's partials as rendered for the pages outside the navigation, one per folder (partials/shared.html).

    Such a page is no item of the navigation and no item's folder holds it, so no item is current
    and every link in them is the same relative to any page of the folder."""

    def __init__(self, nav):
        self.urls = [page.url for page in nav.pages]
        self.partials: dict[tuple[str, str], str] = {}

    def folder(self, page) -> str | None:
        if page is None or not getattr(page, "is_page", False) or any(url.startswith(page.url) for url in self.urls):
            return None
        return posixpath.dirname(page.url.rstrip("/"))

    def rendered(self, name: str, folder: str) -> str | None:
        return self.partials.get((name, folder))

    def keep(self, name: str, folder: str, rendered: str) -> str:
        self.partials[name, folder] = rendered
        return rendered
