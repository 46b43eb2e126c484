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


def share_navigation(env, nav) -> None:
    """Material's navigation rendered once for the pages of a folder outside it (partials/shared-nav.html
    in place of partials/nav.html, which it includes as material/partials/nav.html), unless the agency
    overrides partials/nav.html itself."""
    material = utils.get_theme_dir("material")
    own = env.loader
    if os.path.dirname(own.get_source(env, "partials/nav.html")[1]) != os.path.join(material, "partials"):
        return  # the agency's own navigation, left as it is

    def shared(name: str):
        return own.get_source(env, "partials/shared-nav.html") if name == "partials/nav.html" else None

    env.loader = ChoiceLoader([FunctionLoader(shared), own, PrefixLoader({"material": FileSystemLoader(material)})])
    env.globals["disclosure_navigation"] = SharedNavigation(nav)


class SharedNavigation:
    """Material's navigation as rendered for the pages outside it, one per folder (partials/shared-nav.html).

    Such a page is no item of the navigation and no item's folder holds it, so no item is current
    and every link in it is the same relative to any page of the folder."""

    def __init__(self, nav):
        self.urls = [page.url for page in nav.pages]
        self.navigations: dict[str, str] = {}

    def folder(self, page) -> str | None:
        if page is None or not getattr(page, "is_page", False) or any(url.startswith(page.url) for url in self.urls):
            return None
        return posixpath.dirname(page.url.rstrip("/"))

    def known(self, folder: str) -> bool:
        return folder in self.navigations

    def rendered(self, folder: str) -> str:
        return self.navigations[folder]

    def keep(self, folder: str, rendered: str) -> str:
        self.navigations[folder] = rendered
        return rendered
