"""Render every public page from Jinja templates (compiled once, autoescaped)."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from disclosure.bundled import LAYOUTS
from disclosure.layout import Layout
from disclosure.pages.columns import Column
from disclosure.release import Release
from disclosure.search.entries import SearchEntry

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")


@dataclass(frozen=True)
class Page:
    path: str  # src path inside the site, e.g. "documents/2020-00001/index.md"
    markdown: str
    # What search knows of the page, read when the index is written; None: not a page to find.
    search: Callable[[], SearchEntry] | None = None


def markdown_text(value) -> Markup:
    """Text shown literally inside Markdown (one line: table cells, list items)."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(" ".join(str(value).split())))))


# Characters a URL keeps where Markdown reads a link target (`[..](here)`, `<here>`); any other,
# such as `)`, `>`, `{`, a space or a line break, would end the target and start other syntax.
_URL_SAFE = "/:?#@!$&'*+,;=%"


def link_target(value) -> str:
    """A URL or repository path pasted where Markdown reads a link target, percent-encoded so it stays one."""
    return quote(str(value), safe=_URL_SAFE)


def relative(target: str, start: str) -> str:
    """posixpath.relpath between two paths inside the site, without its os.getcwd() per call
    (tens of thousands of links per build)."""
    to = [part for part in posixpath.normpath(target).split("/") if part != "."]
    base = [part for part in posixpath.normpath(start).split("/") if part != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def paragraphs(value) -> Markup:
    """Multi-line text: each line its own paragraph, shown literally."""
    return Markup("\n\n".join(markdown_text(line) for line in str(value).splitlines() if line.strip()))


def front_matter(**meta) -> Markup:
    """Page meta as YAML; text HTML-escaped, because MkDocs' theme templates print it without escaping."""
    lines = ["---"]
    for key, value in meta.items():
        if value:
            value = str(escape(value)) if isinstance(value, str) else value
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines += ["---", ""]
    return Markup("\n".join(lines))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(LAYOUTS),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no stat of the file at each of 20,000 renders
    )
    env.filters["md"] = markdown_text
    env.filters["paragraphs"] = paragraphs
    env.filters["target"] = link_target
    return env


class Renderer:
    """Pages for one Release; links between them are relative, so any base URL works.

    A live preview passes `keep`: the earlier Markdown of each page it need not render again
    (every other page is rendered), and `links`, where each rendered page's link targets go."""

    def __init__(self, release: Release, keep: dict[str, str] | None = None, links: dict[str, set[str]] | None = None):
        self.release = release
        self.layout = Layout.of(release.project)
        self.env = environment()
        self.keep = keep or {}
        self.links = links

    def render(self, template: str, path: str, column: Column | None = None, search: Callable[[], SearchEntry] | None = None, **context) -> Page:
        """One page; `column` names the 栏目 it belongs to in its front matter (ColumnName, ColumnType);
        `search` gives its search entry (pages/searchable.py)."""
        kept = self.keep.get(path)
        if kept is not None:
            return Page(path, kept, search)
        targets = None if self.links is None else self.links.setdefault(path, set())

        def page_front_matter(**meta) -> Markup:
            if column:
                meta |= {"column": column.name, "column_type": column.type}
            return front_matter(**meta)

        def target_of(target) -> str:
            target_path = target if isinstance(target, str) else self.layout.path_of(target)
            if targets is not None:
                targets.add(target_path)
            return target_path

        def link(target) -> str:
            """A Markdown link target (src path), checked by MkDocs."""
            return relative(target_of(target), posixpath.dirname(path))

        def url(target) -> str:
            """An href for raw HTML: the directory URL of the target page."""
            target_path = target_of(target)
            directory = posixpath.dirname(target_path)
            to = relative(directory, posixpath.dirname(path))
            return "./" if to == "." else to + "/"

        def asset(file: str) -> str:
            """An href to a repository file copied into the site."""
            return link_target(relative(file, posixpath.dirname(path)))

        markdown = self.env.get_template(template).render(
            release=self.release, r=self.release, link=link, url=url, asset=asset, download_label=self.download_label,
            front_matter=page_front_matter, column=column, **context
        )
        return Page(path, markdown, search)

    def download_label(self, rel: str) -> str:
        """`PDF，12.3 KB`: what a reader downloads."""
        path = Path(self.release.project.root) / rel
        kind = path.suffix.lstrip(".").upper() or "文件"
        try:
            size = path.stat().st_size
        except (OSError, ValueError):
            return kind
        if size < 1024:
            return f"{kind}，{size} B"
        if size < 1024 * 1024:
            return f"{kind}，{size / 1024:.1f} KB"
        return f"{kind}，{size / 1024 / 1024:.1f} MB"
