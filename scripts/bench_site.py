#!/usr/bin/env python3
"""页面重量与慢速网络：每类页面下载多少（gzip 后），以及在模拟“Regular 3G”线路上搜索出第一条结果要多久。

    .venv/bin/python scripts/bench_site.py [--site DIR]

Builds the demo (or reads a built --site), serves it on loopback gzip-compressed as GitHub
Pages and any CDN do, and opens each kind of page in headless chromium with an empty cache,
counting the bytes on the wire (CDP's encodedDataLength) and naming every file fetched. Then
the same on a line throttled to Chrome DevTools' Regular 3G preset (750 kbit/s down, 250 up,
100 ms latency): time from opening search/?q=… to the first result shown. Prints a table;
not a test, the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

REPOSITORY = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REGULAR_3G = {"offline": False, "latency": 100, "downloadThroughput": 750 * 1024 / 8, "uploadThroughput": 250 * 1024 / 8}
PAGES = {
    "首页": "",
    "公开信息": "documents/{document}/",
    "目录事项": "catalogue/0101/",
    "政策解读列表": "interpretations/",
    "办事指南": "guides/{guide}/",
    "年报": "annual-reports/{report}/",
    "搜索页": "search/",
}
QUERIES = ["律师", "法律援助申请", "lszy"]
DOCUMENT_BUDGET = 100_000  # bytes with gzip


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def build(target: Path) -> Path:
    site = target / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=REPOSITORY, check=True, env=environment)
    return site


def first(site: Path, folder: str) -> str:
    return sorted(p.parent.name for p in (site / folder).glob("*/index.html"))[-1]


class Wire:
    """Bytes and files a page fetches, from the DevTools protocol."""

    def __init__(self, cdp):
        self.urls: dict[str, str] = {}
        self.bytes = 0
        cdp.on("Network.responseReceived", lambda e: self.urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event):
        self.bytes += int(event["encodedDataLength"])

    def files(self, base: str) -> list[str]:
        return sorted({url.removeprefix(base) or "/" for url in self.urls.values() if not url.startswith("data:")})


def fresh_page(browser, throttled: bool):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttled:
        cdp.send("Network.emulateNetworkConditions", REGULAR_3G)
    return context, page, Wire(cdp)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build(Path(scratch))
        base, server = serve(site)
        names = {"document": first(site, "documents"), "guide": first(site, "guides"), "report": first(site, "annual-reports")}
        failed = False
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{'页面':<10}{'请求数':>6}{'gzip 后 KB':>12}{'3G 载入 s':>11}  文件")
            for label, pattern in PAGES.items():
                path = pattern.format(**names)
                for throttled in (False, True):
                    context, page, wire = fresh_page(browser, throttled)
                    started = time.perf_counter()
                    page.goto(base + path, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    elapsed = time.perf_counter() - started
                    if not throttled:
                        size, files = wire.bytes, wire.files(base)
                    context.close()
                print(f"{label:<10}{len(files):>6}{size / 1024:>12.1f}{elapsed:>11.2f}  {' '.join(files)}")
                if any("sitemap.xml" in f for f in files):
                    print(f"  ✗ {label} 下载了 sitemap.xml")
                    failed = True
                if label == "公开信息" and size > DOCUMENT_BUDGET:
                    print(f"  ✗ 公开信息页 {size / 1024:.1f} KB，超过 {DOCUMENT_BUDGET / 1000:.0f} KB")
                    failed = True
            print(f"\n模拟 Regular 3G（下行 750 kbit/s，上行 250 kbit/s，时延 100 ms），空缓存，打开 search/?q=… 到第一条结果：")
            for query in QUERIES:
                context, page, wire = fresh_page(browser, True)
                started = time.perf_counter()
                page.goto(f"{base}search/?q={quote(query)}", wait_until="commit")
                status = time.perf_counter() - started
                page.locator("#search-status").filter(has_text="正在搜索").or_(page.locator("[data-search-result]").first).first.wait_for(timeout=120_000)
                busy = time.perf_counter() - started
                page.locator("[data-search-result]").first.wait_for(timeout=120_000)
                shown = time.perf_counter() - started
                print(f"  {query:<10} 首字节 {status:5.2f} s，显示“正在搜索…” {busy:5.2f} s，第一条结果 {shown:5.2f} s，共下载 {wire.bytes / 1024:.1f} KB")
                context.close()
            browser.close()
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
