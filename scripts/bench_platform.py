#!/usr/bin/env python3
"""压测集约化平台：N 个机关 × 每个 M 篇公开信息，机关并行构建、合并、全平台检索、单个机关变更后的重建。

    .venv/bin/python scripts/bench_platform.py [--points 4x500 4x2000 20x5000] [--jobs 2] [--work DIR] [--no-write]

For each point it generates N corpora (scripts/generate_corpus.py, seed = agency number, reused
between points of the same M), writes a platform.yml listing them, and measures, each as its own
process with wall time and peak memory (scripts/bench.py's launcher):

- `disclosure platform build`: every agency built, `--jobs` at a time, then the merge;
- `disclosure platform merge` alone, on those outputs (each step below begins once the platform a
  merge replaced has been removed in the background): time and peak memory; once as on the machine
  that built them (each agency's files passed the audit here already: only the merge's own files
  are read), once as on a CI runner that downloaded them (every file read again by the audit);
- in headless chromium on loopback (scripts/bench_search.py's harness): the bytes of search
  files fetched before the first result of a first query on the platform's search page, and the
  time from the last keystroke to that result;
- one document of one agency edited, `disclosure platform build` again: its time and which
  agencies were rebuilt (the others must be skipped by their content hash).

Prints a table and writes it into BENCHMARKS.md under “## 集约化平台”, keeping the hand-written
analysis below it. Not a test: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (scripts/bench.py: corpus generation, measured runs, BENCHMARKS.md sections)
import bench_search  # noqa: E402  (scripts/bench_search.py: the browser harness)
from disclosure.platform.audit import AUDITED  # noqa: E402

SECTION = "## 集约化平台"
AS_OF = bench.AS_OF
QUERIES = ["律师", "公证", "司法鉴定", "法律援助申请", "律師執業", "lszy"]
QUERY_ROUNDS = 3  # the slowest of 18 first queries, not of 6, is what the goal is held to
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def corpus(documents: int, seed: int, work: Path) -> Path:
    out = work / "corpora" / f"{documents}-{seed}"
    if not (out / "mkdocs.yml").is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(bench.REPOSITORY / "scripts" / "generate_corpus.py"), "--documents", str(documents), "--seed", str(seed),
             "--out", str(out), "--as-of", AS_OF, *(["--force"] if out.exists() else [])],
            check=True, stdout=subprocess.DEVNULL,
        )
    return out


def platform_file(folders: list[Path], place: Path) -> Path:
    lines = ["name: 压测平台", "url: https://bench.example.gov.cn/", "agencies:"]
    for n, folder in enumerate(folders):
        level, parent = ("省", "") if n == 0 else ("市", "    parent: a0\n")
        lines.append(f"  - id: a{n}\n    name: 第{n}号司法局\n    level: {level}\n{parent}    path: a{n}\n    source:\n      folder: {folder}")
    place.mkdir(parents=True, exist_ok=True)
    (place / "platform.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return place / "platform.yml"


def platform_command(step: str, config: Path, *extra: str) -> list[str]:
    where = [str(config)] if step == "build" else ["--config", str(config)]
    out = [] if step == "build-agency" else [f"--out={config.parent / 'site'}"]
    return [sys.executable, "-m", "disclosure", "platform", step, *where, f"--builds={config.parent / 'builds'}", *out, *extra]


def cpu_timed(command: list[str], cwd: Path):
    """bench.measure's wall time and peak memory, and the processor time of the command's process tree
    (on a machine shared with other work, the number that load does not inflate)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = bench.measure(command, cwd, ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return run, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def settled(site: Path, limit: float = 600) -> None:
    """Wait while the platform a merge replaced is still being removed by its own background process:
    what is measured next is not measured against that removal."""
    deadline = time.monotonic() + limit
    while any(site.parent.glob(f".{site.name}-old-*")) and time.monotonic() < deadline:
        time.sleep(1)


def rebuilt_after_edit(folder: Path, config: Path, jobs: int) -> tuple[float, float, int, int]:
    """Edit one document of the last agency and build again: seconds, processor seconds, agencies rebuilt, agencies skipped."""
    document = sorted((folder / "catalogue" / "documents").rglob("*.md"))[0]
    document.write_text(document.read_text(encoding="utf-8") + "\n\n压测修改。\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(platform_command("build", config, f"--jobs={jobs}", f"--as-of={AS_OF}"), env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout.count("已构建"), done.stdout.count("内容未变")


def queries(site: Path) -> list[tuple[int, float]]:
    """Each query first on a new page, QUERY_ROUNDS times over: (bytes, ms) of every one."""
    with bench_search.served(site) as base, sync_playwright() as playwright:
        browser = bench_search.Browser(playwright)
        try:
            return [found for _ in range(QUERY_ROUNDS) for found in bench_search.measure_ours(browser, base, QUERIES)["cold"]]
        finally:
            browser.browser.close()


def copied_outputs(config: Path, agencies: int) -> None:
    """Agencies a1… as copies of a0's build output (hard links), each under its own id and path."""
    builds = config.parent / "builds"
    for n in range(1, agencies):
        target = builds / f"a{n}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(builds / "a0", target, copy_function=os.link)
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        manifest.update(id=f"a{n}", name=f"第{n}号司法局", path=f"a{n}")
        (target / "manifest.json").unlink()  # a link to a0's
        (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def bench_point(agencies: int, documents: int, work: Path, jobs: int, copies: bool) -> dict:
    with ThreadPoolExecutor(max_workers=jobs) as generating:  # each a process of its own: --jobs at a time
        folders = list(generating.map(lambda seed: corpus(documents, seed, work), range(1, (1 if copies else agencies) + 1)))
    place = Path(tempfile.mkdtemp(prefix=f"platform-{agencies}x{documents}-", dir=work))
    config = platform_file(folders * agencies if copies else folders, place)
    if copies:
        build, build_cpu = cpu_timed(platform_command("build-agency", config, "a0", f"--as-of={AS_OF}"), place)
        copied_outputs(config, agencies)
    else:
        build, build_cpu = cpu_timed(platform_command("build", config, f"--jobs={jobs}", f"--as-of={AS_OF}"), place)
    settled(place / "site")
    merge, merge_cpu = cpu_timed(platform_command("merge", config), place)
    for folder in (config.parent / "builds").iterdir():
        (folder / AUDITED).unlink(missing_ok=True)
    settled(place / "site")
    downloaded, downloaded_cpu = cpu_timed(platform_command("merge", config), place)
    settled(place / "site")
    cold = queries(place / "site")
    edit = (0.0, 0.0, 0, 0) if copies else rebuilt_after_edit(folders[-1], config, jobs)
    data = place / "site" / "search" / "data"
    entries = json.loads((data / "manifest.json").read_text(encoding="utf-8"))["entries"]
    return {
        "agencies": agencies, "documents": documents, "entries": entries, "build": build, "merge": merge, "build_cpu": build_cpu, "merge_cpu": merge_cpu,
        "downloaded": downloaded, "downloaded_cpu": downloaded_cpu,
        "index_bytes": bench_search.disk_size(data), "order_bytes": (data / "order.bin").stat().st_size, "cold": cold, "edit": edit,
    }


def table(results: list[dict]) -> str:
    def cell(values, unit, digits=0):
        return f"{statistics.median(values):,.{digits}f} / {max(values):,.{digits}f} {unit}"

    header = "| 项目 | " + " | ".join(f"{r['agencies']} × {r['documents']:,}" for r in results) + " |"
    rows = [
        ("公开信息总数", [f"{r['agencies'] * r['documents']:,}" for r in results]),
        ("可检索条目（含解读、指南）", [f"{r['entries']:,}" for r in results]),
        ("`platform build`（全部机关并行构建 + 合并；复制模式下为一个机关的 build-agency）", [f"{r['build'].seconds:,.1f} s" for r in results]),
        ("其中处理器时间（全部进程）", [f"{r['build_cpu']:,.1f} s" for r in results]),
        ("`platform merge` 单独", [f"{r['merge'].seconds:,.1f} s" for r in results]),
        ("其中处理器时间", [f"{r['merge_cpu']:,.1f} s" for r in results]),
        ("合并处理器时间每万篇", [f"{r['merge_cpu'] / (r['agencies'] * r['documents'] / 10_000):,.2f} s" for r in results]),
        ("合并峰值内存", [f"{r['merge'].peak_mib:,.0f} MiB" for r in results]),
        ("`platform merge`，各机关文件全部重新审计（如 CI 上下载的产物）", [f"{r['downloaded'].seconds:,.1f} s" for r in results]),
        ("其中处理器时间", [f"{r['downloaded_cpu']:,.1f} s" for r in results]),
        ("其中峰值内存", [f"{r['downloaded'].peak_mib:,.0f} MiB" for r in results]),
        ("合并后索引占用磁盘（不含各机关自己的记录）", [f"{r['index_bytes'] / 1e6:,.1f} MB" for r in results]),
        ("其中各条目日期表 order.bin（每次查询下载一次）", [f"{r['order_bytes'] / 1e3:,.1f} KB" for r in results]),
        ("首次查询下载（中位数 / 最大）", [cell([c[0] / 1000 for c in r["cold"]], "KB", 1) for r in results]),
        ("最后一次按键到首个结果（中位数 / 最大）", [cell([c[1] for c in r["cold"]], "ms") for r in results]),
        ("改一个机关的一篇文件后 `platform build`（该机关重新构建 + 合并）", [f"{r['edit'][0]:,.1f} s" for r in results]),
        ("其中处理器时间", [f"{r['edit'][1]:,.1f} s" for r in results]),
        ("其中重新构建 / 跳过的机关", [f"{r['edit'][2]} / {r['edit'][3]}" for r in results]),
    ]
    lines = [header, "|---|" + "---:|" * len(results)]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    return "\n".join(lines)


def report(results: list[dict], jobs: int, copies: bool, load_start: str, load_end: str) -> str:
    mode = ("复制模式：只构建第 0 号机关，其余机关是它的构建输出的副本（各自的标识和路径，文字相同），"
            "测的是合并和检索的规模，不是并行构建。" if copies else "")
    return "\n".join([
        SECTION,
        "",
        f"由 `scripts/bench_platform.py` 生成于 {dt.datetime.now():%Y-%m-%d %H:%M}（提交 {bench.current_revision()}）。"
        f"每个机关是一份 `generate_corpus.py --documents M --seed 机关序号 --as-of {AS_OF}` 语料（另有 M/10 篇政策解读、M/20 项办事指南），"
        f"`--jobs {jobs}`；2 核，负载 {load_start} → {load_end}。查询：{'、'.join(QUERIES)}，每个在新页面上首次查询，"
        f"共 {QUERY_ROUNDS} 轮（{QUERY_ROUNDS * len(QUERIES)} 次），下载量按 CDP `encodedDataLength` 计（`search/data/` 与 `assets/search.js`），"
        "回环地址、无压缩、缓存关闭，服务器是单独进程中的 Python http.server（HTTP/1.1 持久连接）。" + mode,
        "",
        table(results),
        "",
    ])


def parse_point(text: str) -> tuple[int, int]:
    agencies, _, documents = text.partition("x")
    return int(agencies), int(documents)


def main() -> int:
    parser = argparse.ArgumentParser(description="集约化平台压测：机关并行构建、合并、全平台检索、单机关变更后的重建")
    parser.add_argument("--points", nargs="+", type=parse_point, default=[(20, 5000)], metavar="NxM", help="机关数x每个机关的公开信息篇数，默认 20x5000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="同时构建的机关数")
    parser.add_argument("--work", type=Path, help="语料和输出放在这里（默认临时目录；同一目录再次运行时沿用已生成的语料）")
    parser.add_argument("--copies", action="store_true", help="只构建一个机关，其余机关用它的构建输出的副本（测量大规模合并和检索，不测并行构建）")
    parser.add_argument("--no-write", action="store_true", help="只打印，不写入 BENCHMARKS.md")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-platform-"))
    work.mkdir(parents=True, exist_ok=True)
    load_start = bench_search.load_average()
    results = []
    for agencies, documents in args.points:
        print(f"{agencies} 个机关 × {documents} 篇……", file=sys.stderr)
        results.append(bench_point(agencies, documents, work, args.jobs, args.copies))
        print(table(results), file=sys.stderr)
    text = report(results, args.jobs, args.copies, load_start, bench_search.load_average())
    print(text)
    if not args.no_write:
        bench.write_section(text, SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
