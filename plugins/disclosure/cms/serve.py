"""`make edit`: the web editor on this machine, writing into the working tree.

Three things run side by side: this server (the editor page, its scripts from
node_modules, and a configuration with today's proposals), Decap's own proxy
(`decap-server`, which reads and writes the repository's files) and, started by
the Makefile, `mkdocs serve` for the live site. Everything listens on loopback only.

    python -m disclosure.cms.serve [--root .] [--app admin] [--port 8080] [--proxy-port 8081]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

from disclosure.cms import config as cms_config
from disclosure.cms import publish

HOST = "127.0.0.1"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".yml": "text/yaml; charset=utf-8", ".wasm": "application/wasm", ".map": "application/json"}


def local_config(root: Path, proxy_url: str, today: dt.date | None = None, review: bool = False) -> dict:
    """The published configuration, pointed at the local proxy and filled with today's proposals.

    Without `review` the proxy writes straight into the working tree (git review happens on the pull
    request); with it, each entry is a branch of the repository as with the repository host, and
    publishing merges it into the branch checked out."""
    from disclosure.loader import load_project
    from disclosure.options import from_config_file

    settings = cms_config.config()
    if review:
        settings["backend"]["branch"] = current_branch(root)
    else:
        settings.pop("publish_mode")
    settings["local_backend"] = {"url": proxy_url, "allowed_hosts": [HOST]}
    project, _ = load_project(root)
    options = from_config_file(root / "mkdocs.yml", as_of=today)
    return cms_config.with_defaults(settings, cms_config.proposals(project, options, pending_ids(root) if review else ()))


def free_id(root: Path, kind: str, wanted: str, review: bool) -> str:
    """`wanted` if no entry has it yet, else the next free id of its kind (as of today)."""
    from disclosure.loader import load_project
    from disclosure.options import from_config_file

    project, _ = load_project(root)
    taken = pending_ids(root) if review else ()
    used = {entry.id for entry in (project.documents if kind == "document" else project.interpretations)} | set(taken)
    if wanted and wanted not in used:
        return wanted
    return cms_config.proposals(project, from_config_file(root / "mkdocs.yml"), taken).get(f"{kind}.id", wanted)


def pending_ids(root: Path) -> tuple[str, ...]:
    """The ids written on review branches (`cms/…`), not yet merged: taken all the same."""
    branches = _git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/cms/").split()
    found = []
    for branch in branches:
        lines = _git(root, "grep", "-h", "-e", "^id:", branch, "--", "catalogue/documents", "interpretations").splitlines()
        found.extend(line.partition(":")[2].strip().strip("\"'") for line in lines)
    return tuple(found)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True).stdout


class _Handler(http.server.BaseHTTPRequestHandler):
    def __init__(self, *args, root: Path, app: Path, proxy_url: str, review: bool, **kwargs):
        self.root, self.app, self.proxy_url, self.review = root, app, proxy_url, review
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/", "/admin"):
            return self._redirect("/admin/")
        if not path.startswith("/admin/"):
            return self.send_error(404)
        name = path.removeprefix("/admin/") or "index.html"
        if name == "config.yml":
            body = cms_config.text(local_config(self.root, self.proxy_url, review=self.review)).encode("utf-8")
            return self._send(body, _TYPES[".yml"])
        if name == "free-id":
            query = urllib.parse.parse_qs(self.path.partition("?")[2])
            kind, wanted = query.get("kind", [""])[0], query.get("id", [""])[0]
            return self._send(free_id(self.root, kind, wanted, self.review).encode("utf-8"), "text/plain; charset=utf-8")
        if name == "index.html":  # with the script that only this server's editor needs
            page = (self.app / name).read_text(encoding="utf-8")
            return self._send(page.replace("</body>", '  <script src="assets/local.js"></script>\n</body>').encode("utf-8"), _TYPES[".html"])
        if name.startswith("preview/"):
            target = publish.preview_styles().get(name.removeprefix("preview/"))
        elif name in ("assets/editor.js", "assets/local.js"):
            target = self.app / name.removeprefix("assets/")
        elif name.startswith("assets/"):  # the bundle and the chunks it loads, from the locked node_modules
            dist = self.app / "node_modules" / "decap-cms" / "dist"
            target = (dist / name.removeprefix("assets/")).resolve()
            if not target.is_relative_to(dist.resolve()):
                target = None
        else:
            target = None
        if target is None or not target.is_file():
            return self.send_error(404)
        self._send(target.read_bytes(), _TYPES.get(target.suffix, "application/octet-stream"))

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def current_branch(root: Path) -> str:
    branch = _git(root, "symbolic-ref", "--short", "HEAD").strip()
    if not branch:
        raise SystemExit(f"按审核流程保存需要 git 仓库：{root} 不是 git 仓库，或没有检出任何分支")
    return branch


def start_proxy(root: Path, app: Path, port: int, review: bool = False) -> subprocess.Popen:
    """Decap's proxy, writing files under `root` only: into the working tree, or with `review` on a branch per entry."""
    script = app / "node_modules" / "decap-server" / "dist" / "index.js"
    if not script.is_file():
        raise SystemExit(f"缺少网页编辑器的程序：请先在 {app} 下运行 npm ci（make edit 会自动运行）")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "GIT_REPO_DIRECTORY": str(root), "MODE": "git" if review else "fs", "LOG_LEVEL": "warn"}
    return subprocess.Popen(["node", str(script)], cwd=app, env=env)


def start(root: Path, app: Path, port: int, proxy_port: int, review: bool = False) -> tuple[http.server.ThreadingHTTPServer, subprocess.Popen]:
    """Both servers, running in the background; the caller shuts them down."""
    root, app = root.resolve(), app.resolve()
    if review:
        current_branch(root)  # before anything starts
    proxy = start_proxy(root, app, proxy_port, review)
    handler = functools.partial(_Handler, root=root, app=app, proxy_url=f"http://{HOST}:{proxy_port}/api/v1", review=review)
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, proxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m disclosure.cms.serve", description="在本机运行网页编辑器，直接写入工作目录")
    parser.add_argument("--root", type=Path, default=Path("."), help="内容仓库（默认当前目录）")
    parser.add_argument("--app", type=Path, default=Path("admin"), help="网页编辑器所在目录（默认 admin）")
    parser.add_argument("--port", type=int, default=8080, help="编辑器端口（默认 8080）")
    parser.add_argument("--proxy-port", type=int, default=8081, help="读写文件的本机代理端口（默认 8081）")
    parser.add_argument("--review", action="store_true",
                        help="按审核流程保存（须是 git 仓库）：每条内容一个 cms/ 分支，在“工作流”中改为审核中、就绪，发布时合并到当前分支")
    args = parser.parse_args(argv)
    try:
        server, proxy = start(args.root, args.app, args.port, args.proxy_port, args.review)
    except OSError as error:
        print(f"无法启动网页编辑器：端口 {args.port} 或 {args.proxy_port} 已被占用（{error.strerror}）", file=sys.stderr)
        return 1
    print(f"网页编辑器：http://{HOST}:{args.port}/admin/   按 Ctrl+C 停止")
    try:
        proxy.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        proxy.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
