"""docs/ holds the theme's assets (styles, scripts, images, fonts) only. MkDocs would publish
anything else there as it stands, past every rule of this checker — a Markdown or HTML page, a
withheld document's PDF — so each such file is an error, and the plugin leaves it out of the site."""

from __future__ import annotations

import os
from pathlib import Path

from disclosure.diagnostics import Diagnostic
from disclosure.options import docs_dir

# What MkDocs renders as a page (its Markdown suffixes) or copies as one that a browser shows.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".html", ".htm", ".xhtml", ".shtml")
ASSET_SUFFIXES = (
    ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".webmanifest",
)
ASSET_NAMES = ("robots.txt",)
_WHERE = (
    "公开信息放到 catalogue/documents/<年份>/，政策解读放到 interpretations/<年份>/，办事指南放到 guides/（都可用 disclosure new 新建），"
    "附件放到 attachments/；网页模板放到 overrides/；不需要发布的文件移出 {docs}/"
)


def is_page(name: str) -> bool:
    return name.lower().endswith(PAGE_SUFFIXES)


def is_asset(name: str) -> bool:
    name = name.rsplit("/", 1)[-1].lower()
    return name.endswith(ASSET_SUFFIXES) or name in ASSET_NAMES


def strays(folder: Path) -> list[Path]:
    """Files anywhere under `folder` that are not theme assets (links to folders not followed: they may loop).
    Hidden files are not: MkDocs leaves them out (`.keep`, `.DS_Store`)."""
    found = []
    for directory, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(directory, name) for name in names if not name.startswith(".") and not is_asset(name))
    return sorted(found)


def check(context):
    docs = docs_dir(context.root)
    for path in strays(context.root / docs):
        rel = path.relative_to(context.root).as_posix()
        what = f"其中的页面 {path.name} 不经任何检查就会发布" if is_page(path.name) else f"{path.name} 不是这类文件，不经任何检查就会发布"
        yield Diagnostic(rel, 0, 1, "D406", f"{docs}/ 只能放网站的样式、脚本、图片和字体，{what}", hint=_WHERE.format(docs=docs))
