"""What the plugin brings to the site itself, so that an agency's mkdocs.yml needs only
`theme: material`, `plugins: - disclosure` and its settings.

Everything here is a default: what the agency wrote in mkdocs.yml stays as written.
"""

from __future__ import annotations

import os

import pathspec
import yaml
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
