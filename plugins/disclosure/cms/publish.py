"""The web editor as the public site may carry it: a login page at admin/, nothing more.

Only when the `web_editor_repo` setting names the repository does a build publish it. What a
visitor gets is Decap's login button: the collections, entries and files are read from the
repository host only after a login that has write access there, so the page shows no content of
its own. Every file is named here, so the output audit expects exactly these and no other under
admin/; the scripts live under admin/assets/ and are the site's own, which is how the audit tells
them from content.
"""

from __future__ import annotations

import re
from pathlib import Path

from disclosure.cms import config as cms_config

FOLDER = "admin"
# Decap compiles its configuration's validator at run time (ajv uses `new Function`), so this page
# alone allows eval; scripts still come only from the site itself, and the page holds no content.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
        "connect-src 'self' https://api.github.com",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    )
)
_CHARSET = re.compile(r"<meta\s+charset\b[^>]*>", re.I)


class EditorMissing(Exception):
    """The web editor's program files are not installed where the setting needs them."""


def bundle(app: Path) -> list[Path]:
    """Decap's program: its entry script and the chunks it loads from beside itself (the page and
    the site's own script must be there too)."""
    missing = [name for name in ("index.html", "editor.js") if not (app / name).is_file()]
    if missing:
        raise EditorMissing(f"设置了 web_editor_repo，但 {app} 下缺少网页编辑器的页面文件 {'、'.join(missing)}：从引擎仓库的 admin/ 复制过来")
    dist = app / "node_modules" / "decap-cms" / "dist"
    entry = dist / "decap-cms.js"
    if not entry.is_file():
        raise EditorMissing(f"设置了 web_editor_repo，但网页编辑器的程序不在 {dist}：先在 {app} 下运行 npm ci（make edit 会自动运行）")
    return [entry, *sorted(dist.glob("*.decap-cms.js"))]


def login_page(app: Path) -> str:
    """admin/index.html with the page's own Content-Security-Policy first in <head>."""
    page = (app / "index.html").read_text(encoding="utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    anchor = _CHARSET.search(page)
    return page[: anchor.end()] + meta + page[anchor.end() :] if anchor else meta + page


def settings(options, proposals: dict[str, str]) -> dict:
    """The configuration for the repository host, with what the build can propose (the next 索引号)."""
    found = cms_config.config()
    found["backend"].update(repo=options.web_editor_repo, branch=options.web_editor_branch)
    if options.web_editor_auth_url:
        found["backend"]["base_url"] = options.web_editor_auth_url
    return cms_config.with_defaults(found, proposals)


def preview_styles() -> dict[str, Path]:
    """The site's stylesheets (Material's and the engine's own), for the editor's preview pane."""
    import material

    from disclosure.bundled import THEME

    material_css = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return {"material.css": next(material_css.glob("main.*.min.css")), "site.css": THEME / "assets" / "site.css"}


def files(app: Path, options, proposals: dict[str, str]) -> dict[str, str | Path]:
    """Every file of the published editor, by its path under the site: text to write, or a file to copy."""
    program = bundle(app)  # first: it says what is missing
    found: dict[str, str | Path] = {
        f"{FOLDER}/index.html": login_page(app),
        f"{FOLDER}/config.yml": cms_config.text(settings(options, proposals)),
        f"{FOLDER}/assets/editor.js": app / "editor.js",
    }
    found.update({f"{FOLDER}/assets/{path.name}": path for path in program})
    found.update({f"{FOLDER}/preview/{name}": path for name, path in preview_styles().items()})
    return found
