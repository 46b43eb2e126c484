#!/usr/bin/env python3
"""压测站内搜索：本站的分片 n-gram 索引与 Material 自带搜索（lunr），同一批页面，同一个浏览器。

    .venv/bin/python scripts/bench_search.py [--documents 10000] [--corpus DIR] [--reuse] [--no-write]

Generates (or with --reuse keeps) a corpus, builds it three times — with our index, with
Material's search plugin (theme.language: zh) instead, and with neither, to separate
Material's index time from the rest of the build — then serves each build on loopback and
drives headless chromium: bytes of search files before the first result, time from the last
keystroke to the first result, and recall for random 2–4 character strings taken from the
pages (ground truth: the string is in the page's text). Prints a table and writes it into
BENCHMARKS.md under “## 搜索”. Not a test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from disclosure.search.plaintext import article_text
from disclosure.search.query import IndexReader

REPOSITORY = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCHABLE = ("documents", "interpretations", "guides")
TIMED_QUERIES = ["律师", "公证", "司法鉴定", "法律援助申请", "律師執業", "lszy", "lvshi"]
HAN = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[^\W_]+")
SECTION = "## 搜索"

# Marks the last keystroke and the first rendered result, in page time.
TIMING_SCRIPT = """
window.__bench = {lastInput: 0, first: 0};
// A result shown before the last keystroke (of a query typed so far, on a loaded machine) does not count.
document.addEventListener("input", () => { window.__bench.lastInput = performance.now(); window.__bench.first = 0; }, true);
new MutationObserver(() => {
  // Results of a query still running (its list marked busy) are those of an earlier one.
  if (!window.__bench.first && document.querySelector(%r) && !document.querySelector("[aria-busy=true]")) window.__bench.first = performance.now();
}).observe(document, {subtree: true, childList: true});
"""
# Keeps what Material's search worker answers (message type 3: the result of a query).
WORKER_SCRIPT = """
window.__answers = [];
const NativeWorker = window.Worker;
window.Worker = function (url, options) {
  const worker = new NativeWorker(url, options);
  worker.addEventListener("message", (event) => {
    if (event.data && event.data.type === 3) window.__answers.push(event.data.data);
  });
  return worker;
};
"""


def run(command: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"命令失败：{' '.join(command)}\n{result.stderr[-3000:]}")
    return time.perf_counter() - started, result.stderr


def material_config(config: str, corpus: Path) -> str:
    """mkdocs.yml with Material's search plugin instead of ours (no index, and Material's own header
    and search box in a custom_dir, which comes before the plugin's theme overrides)."""
    import material

    stock = Path(material.__file__).parent / "templates" / "partials"
    (corpus / "material-search" / "partials").mkdir(parents=True, exist_ok=True)
    for name in ("header.html", "search.html"):
        shutil.copy2(stock / name, corpus / "material-search" / "partials" / name)
    config, count = re.subn(r"(?m)^theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: material-search\n", config)
    if count != 1:
        sys.exit("mkdocs.yml 中找不到 “theme: name: material”，无法生成对照配置")
    config, count = re.subn(r"(?m)^plugins:\n  - disclosure:\n", "plugins:\n  - search:\n      lang: zh\n  - disclosure:\n      search: false\n", config)
    if count != 1:
        sys.exit("mkdocs.yml 中找不到 “plugins: - disclosure:”，无法生成对照配置")
    return config


def timed_material_build(config_file: str, site_dir: str) -> None:
    """Build with Material's search plugin, timing its events (run in a child process)."""
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent = [0.0]

    def timed(event):
        def wrapper(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return event(self, *args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - started

        return wrapper

    for name in ("on_config", "on_page_context", "on_post_build"):
        setattr(SearchPlugin, name, timed(getattr(SearchPlugin, name)))
    build(load_config(config_file, site_dir=site_dir, strict=True))
    print(f"MATERIAL-INDEX {spent[0]:.3f}", file=sys.stderr)


def builds(corpus: Path) -> dict:
    (corpus / "mkdocs-material.yml").write_text(material_config((corpus / "mkdocs.yml").read_text(encoding="utf-8"), corpus), encoding="utf-8")
    print("构建：本站搜索 …", flush=True)
    ours, log = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-ours"], corpus)
    index = float(re.search(r"搜索索引：.*用时 ([\d.]+) 秒", log).group(1))
    print("构建：Material 搜索 …", flush=True)
    material, log = run([sys.executable, __file__, "--material-build", "mkdocs-material.yml", "site-material"], corpus)
    material_index = float(re.search(r"MATERIAL-INDEX ([\d.]+)", log).group(1))
    return {"ours": ours, "index": index, "material": material, "material_index": material_index}


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


# A static server for the measured browser: connections kept open and small responses sent at once, as by any
# public host (Python's default, HTTP/1.0, makes the browser open a connection per file, which none does).
SERVER = """
import functools, http.server, sys


class Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
print(server.server_port, flush=True)
server.serve_forever()
"""


@contextmanager
def served(directory: Path):
    """Serve `directory` from a process of its own, so that the measuring side (its browser events) never delays a response."""
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(directory)], stdout=subprocess.PIPE, text=True)
    try:
        yield f"http://127.0.0.1:{int(server.stdout.readline())}/"
    finally:
        server.terminate()
        server.wait()


def page_texts(site: Path) -> dict[str, str]:
    return {
        f"{folder}/{path.parent.name}/": article_text(path.read_text(encoding="utf-8"))
        for folder in SEARCHABLE
        for path in sorted((site / folder).glob("*/index.html"))
    }


def sample_strings(texts: dict[str, str], count: int, rng: random.Random) -> list[str]:
    """Random 2–4 character runs of letters and digits with at least one Chinese character."""
    urls = sorted(texts)
    found: list[str] = []
    while len(found) < count:
        runs = [r for r in WORD.findall(texts[rng.choice(urls)]) if len(r) >= 2]
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(2, min(4, len(run)))
        start = rng.randrange(len(run) - length + 1)
        text = run[start : start + length]
        if HAN.search(text) and text not in found:
            found.append(text)
    return found


class Browser:
    def __init__(self, playwright):
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @contextmanager
    def page(self, init_scripts: list[str]):
        context = self.browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        page = context.new_page()
        for script in init_scripts:
            page.add_init_script(script)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        received: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
        page.transferred = lambda pattern: sum(size for rid, size in received.items() if re.search(pattern, urls.get(rid, "")))
        try:
            yield page
        finally:
            context.close()


def first_result(page, pattern: str, query: str, select_input, result_selector: str, timeout: float) -> tuple[int, float]:
    """Type `query`; bytes of search files (URL `pattern`) and ms from the last keystroke to the first result."""
    select_input(page)
    page.keyboard.type(query, delay=30)  # faster than the debounce, as a word committed by an input method
    page.wait_for_selector(result_selector, timeout=timeout * 1000)
    page.wait_for_function("() => window.__bench.first > 0", timeout=timeout * 1000)  # results of the whole query
    page.wait_for_timeout(300)  # let the last transfer's bookkeeping arrive
    timing = page.evaluate("window.__bench")
    return page.transferred(pattern), timing["first"] - timing["lastInput"]


def measure_ours(browser: Browser, base: str, queries: list[str]) -> dict:
    cold, warm = [], []
    for query in queries:
        with browser.page([TIMING_SCRIPT % "[data-search-result]"]) as page:
            page.goto(base + "search/", wait_until="load")
            focus = lambda p: p.locator("#search-q").focus()  # noqa: E731
            cold.append(first_result(page, r"/search/data/|/assets/search\.js", query, focus, "[data-search-result]", 60))
            page.locator("#search-q").fill("")
            page.evaluate("window.__bench.first = 0")
            page.wait_for_selector("[data-search-result]", state="detached")
            before = page.transferred(r"/search/data/")
            size, ms = first_result(page, r"/search/data/", "法律援助", focus, "[data-search-result]", 60)
            warm.append((size - before, ms))
    return {"cold": cold, "warm": warm}


def measure_material(browser: Browser, base: str, queries: list[str]) -> dict:
    cold = []

    def focus(page):
        page.locator(".md-search__input").click()  # at 1280 px Material shows its search box in the header

    for query in queries:
        with browser.page([TIMING_SCRIPT % ".md-search-result__item"]) as page:
            page.goto(base, wait_until="load")
            cold.append(first_result(page, r"search_index\.json|/workers/search|/lunr/", query, focus, ".md-search-result__item", 600))
    return {"cold": cold}


def recall_ours(browser: Browser, base: str, reader: IndexReader, strings: list[str]) -> tuple[list[set[str]], int]:
    """Pages each string lists (all result pages), and how many strings the browser and query.py disagree on."""
    urls = {}
    listed, disagreements = [], 0
    with browser.page([]) as page:
        page.goto(base + "search/", wait_until="load")
        for text in strings:
            entries = page.evaluate("async q => (await disclosureSearch.search(q)).entries", text)
            disagreements += entries != reader.search(text).entries
            listed.append({urls.setdefault(n, reader.record(n)["u"]) for n in entries})
    return listed, disagreements


def recall_material(browser: Browser, base: str, strings: list[str]) -> list[set[str]]:
    listed = []
    with browser.page([WORKER_SCRIPT]) as page:
        page.goto(base, wait_until="load")
        search = page.locator(".md-search__input")
        search.click()
        search.fill("司法")  # wait for the whole index to load, and for the answers to settle
        search.press("End")
        page.wait_for_function("() => window.__answers.some((answer) => answer.items.length)", timeout=600_000)
        page.wait_for_timeout(1000)
        for text in strings:
            answers = page.evaluate("window.__answers.length")
            search.fill(text)
            search.press("End")  # Material reads its box on keyup
            try:
                page.wait_for_function(f"() => window.__answers.length > {answers}", timeout=120_000)
            except PlaywrightTimeout:
                pass  # no new answer: Material read it as the same query as the last one
            items = page.evaluate("window.__answers[window.__answers.length - 1].items")
            locations = {doc["location"] for group in items for doc in (group if isinstance(group, list) else [group])}
            listed.append({loc.split("#")[0] for loc in locations if loc.split("#")[0].startswith(SEARCHABLE)})
    return listed


def recall(listed: list[set[str]], truth: list[set[str]]) -> tuple[float, float, int]:
    """Micro-averaged recall, the mean per-string recall, and how many strings reach 99 %."""
    found = sum(len(lst & t) for lst, t in zip(listed, truth))
    per_string = [len(lst & t) / len(t) for lst, t in zip(listed, truth)]
    return found / sum(map(len, truth)), statistics.mean(per_string), sum(r >= 0.99 for r in per_string)


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def table(n_docs, corpus, build, sizes, ours, material, strings, recalls, disagreements, loads) -> str:
    ours_bytes = [b for b, _ in ours["cold"]]
    ours_ms = [ms for _, ms in ours["cold"]]
    warm_bytes = [b for b, _ in ours["warm"]]
    warm_ms = [ms for _, ms in ours["warm"]]
    material_bytes = [b for b, _ in material["cold"]]
    material_ms = [ms for _, ms in material["cold"]]
    (ours_recall, ours_mean, ours_full), (material_recall, material_mean, material_full), precision = recalls
    rows = [
        ("首个结果前下载的搜索文件（首次查询，中位数 / 最大）", f"{kb(statistics.median(ours_bytes))} / {kb(max(ours_bytes))}", f"{kb(statistics.median(material_bytes))} / {kb(max(material_bytes))}"),
        ("其中最后一次按键之后下载", f"{kb(statistics.median(ours_bytes) - sizes['script'])}（另有 search.js {kb(sizes['script'])} 随页面加载）", "0（索引在页面加载时已开始下载）"),
        ("再次查询下载（同一页面，中位数）", kb(statistics.median(warm_bytes)), "0"),
        ("最后一次按键到首个结果（首次查询，中位数 / 最大）", f"{statistics.median(ours_ms):.0f} / {max(ours_ms):.0f} ms", f"{statistics.median(material_ms):,.0f} / {max(material_ms):,.0f} ms"),
        ("最后一次按键到首个结果（再次查询，中位数）", f"{statistics.median(warm_ms):.0f} ms", "—"),
        ("索引占用磁盘", f"{sizes['ours'] / 1e6:.1f} MB（{sizes['ours_files']:,} 个文件）", f"{sizes['material'] / 1e6:.1f} MB（1 个文件）"),
        ("索引生成时间", f"{build['index']:.1f} s（插件 on_post_build 自计）", f"{build['material_index']:.1f} s（search 插件各事件用时之和）"),
        ("整站构建时间", f"{build['ours']:.1f} s", f"{build['material']:.1f} s"),
        (f"召回率：{len(strings)} 个随机 2–4 字串，含该串的页面被列出的比例", f"{ours_recall:.2%}（逐串平均 {ours_mean:.2%}，{ours_full} 串 ≥ 99%）", f"{material_recall:.2%}（逐串平均 {material_mean:.2%}，{material_full} 串 ≥ 99%）"),
        ("列出但页面正文不含该串（确认前）", f"{precision:.2%}", "—"),
    ]
    lines = [
        SECTION,
        "",
        f"`scripts/bench_search.py` 于 {time.strftime('%Y-%m-%d')} 在本机（2 核，另有其他进程，负载 {loads}）上测得：",
        f"语料 `generate_corpus.py --documents {n_docs} --seed 1 --as-of 2026-11-23`，可搜索页面 {corpus:,} 个",
        "（公开信息、政策解读、办事指南）；回环地址，无压缩的 Python http.server（单独进程，HTTP/1.1 持久连接），无头 chromium，缓存关闭。",
        "",
        "| 指标 | 本站搜索 | Material 自带搜索（lunr，`theme.language: zh`） |",
        "| --- | --- | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
        f"计时查询：{'、'.join(TIMED_QUERIES)}（Material 只测前 {len(material['cold'])} 个：每次都要重新下载整个索引）。",
        "“再次查询”是同一页面上清空后再搜“法律援助”。下载量按 CDP `encodedDataLength` 计，",
        "本站只计 `search/data/` 与 `assets/search.js`，Material 只计 `search_index.json`、搜索 worker 与 lunr 语言文件。",
        "",
        "召回率的“真值”是页面 `<article>` 的文字（去掉元数据表的行标题）中含该字串的全部页面；",
        "字串从这些文字里随机截取，由字母、数字组成且至少含一个汉字。本站列出的是查询的全部结果",
        "（翻页可见的所有条目）；超过三个字的词先按三字片段取交集，页面显示前逐条对照原文确认，",
        "确认不会去掉真正含该串的页面，所以召回率与确认后相同。",
        f"浏览器与 Python 参考查询（`disclosure.search.query`）在 {len(strings)} 个字串上结果不一致的次数：{disagreements}。",
        "",
        "做法与取舍：",
        "",
        "- **为什么不用 Pagefind**：它按词切分，跨词边界的字串（「段简」）与短语查不到，达不到召回目标；",
        "  lunr 同理，且把整个索引一次发给每位访客。",
        "- **索引**：对每个页面的文字（折叠全角/半角、大小写、繁体→简体后）取全部 1–3 字片段，记录含该片段的页面集合",
        "  （稀疏时存页号，稠密时存位图，每个片段最多 N/8 字节）；另记标题、内容概述中含该片段的页面，用于排序。",
        "  片段按 CRC-32 分到几千个分片文件里，一次查询只下载它的片段所在的分片，再下载当前一页（10 条）结果的记录。",
        "- **单字查询**：单字本身就是键，结果精确，下载不超过一个分片。",
        f"- **下载量的大头**是当前一页 10 条结果的记录（每条含该页全文，用于摘录和确认，平均 {kb(sizes['record_bytes'] / corpus)}）；",
        f"  索引分片（此处 {sizes['shards']:,} 个，平均 {kb(sizes['shard_bytes'] / sizes['shards'])}）每个查询只需几个。",
        "- **计数**：三字以内的词结果精确；更长的词是片段交集（含真结果），状态显示“约 N 条”，",
        "  显示某一页时逐条用记录原文确认，不符的剔除、后面的补上。",
        "- **拼音**：标题的全拼（ü 写作 v，也接受 ü、u:）与首字母，另建一个小的 ASCII 索引（1–3 个音节、2–3 个首字母为键）。",
        "- **繁简**：构建时由 OpenCC 的 TSCharacters 生成单字映射，索引文字与查询都折叠成简体；",
        "  映射表（约 26 KB）只在查询或结果里出现繁体字时才下载，判断用清单里约 4 KB 的位图。",
        "",
    ]
    return "\n".join(lines)


def write_section(section: str) -> None:
    path = REPOSITORY / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# 基准测试\n"
    pattern = re.compile(rf"(?ms)^{re.escape(SECTION)}\n.*?(?=^## |\Z)")
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="站内搜索与 Material 自带搜索的对比压测")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/bench-search-corpus"))
    parser.add_argument("--reuse", action="store_true", help="语料和三次构建已存在时直接使用")
    parser.add_argument("--strings", type=int, default=200)
    parser.add_argument("--material-queries", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="不写入 BENCHMARKS.md")
    parser.add_argument("--material-build", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.material_build:
        timed_material_build(*args.material_build)
        return 0
    corpus = args.corpus
    loads = [load_average()]
    if not args.reuse:
        run([sys.executable, str(REPOSITORY / "scripts/generate_corpus.py"), "--documents", str(args.documents), "--out", str(corpus), "--seed", "1", "--as-of", "2026-11-23", "--force"], REPOSITORY)
        build = builds(corpus)
        (corpus / "build-times.json").write_text(json.dumps(build), encoding="utf-8")
    else:
        build = json.loads((corpus / "build-times.json").read_text(encoding="utf-8"))
    loads.append(load_average())
    ours_site, material_site = corpus / "site-ours", corpus / "site-material"
    sizes = {
        "ours": disk_size(ours_site / "search" / "data"),
        "ours_files": sum(1 for p in (ours_site / "search" / "data").rglob("*") if p.is_file()),
        "material": disk_size(material_site / "search" / "search_index.json"),
        "script": (ours_site / "assets" / "search.js").stat().st_size,
        "shards": sum(1 for _ in (ours_site / "search" / "data" / "g").iterdir()),
        "shard_bytes": disk_size(ours_site / "search" / "data" / "g"),
        "record_bytes": disk_size(ours_site / "search" / "data" / "r"),
    }
    texts = page_texts(ours_site)
    strings = sample_strings(texts, args.strings, random.Random(7))
    truth = [{url for url, text in texts.items() if s in text} for s in strings]
    reader = IndexReader(ours_site / "search" / "data")
    with sync_playwright() as playwright:
        browser = Browser(playwright)
        with served(ours_site) as base:
            print("本站搜索：计时 …", flush=True)
            ours = measure_ours(browser, base, TIMED_QUERIES)
            print("本站搜索：召回 …", flush=True)
            ours_listed, disagreements = recall_ours(browser, base, reader, strings)
        loads.append(load_average())
        with served(material_site) as base:
            print("Material：计时 …", flush=True)
            material = measure_material(browser, base, TIMED_QUERIES[: args.material_queries])
            print("Material：召回 …", flush=True)
            material_listed = recall_material(browser, base, strings)
        loads.append(load_average())
    extra = sum(len(lst - t) for lst, t in zip(ours_listed, truth)) / max(1, sum(map(len, ours_listed)))
    recalls = (recall(ours_listed, truth), recall(material_listed, truth), extra)
    section = table(args.documents, len(texts), build, sizes, ours, material, strings, recalls, disagreements, " → ".join(loads))
    print(section)
    if not args.no_write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
