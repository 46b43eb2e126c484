#!/usr/bin/env python3
"""构建与校验的基准测试：在同一台机器、同一次运行中测量 N = 1,000 / 5,000 / 10,000。

    python scripts/bench.py [--sizes 1000 5000 10000] [--repeat 5] [--build-repeat 2]
                            [--before REV] [--work DIR] [--no-write]

For each N it generates a corpus (scripts/generate_corpus.py), then measures,
each as a separate process whose wall time and peak memory (wait4) are taken:

- `disclosure check` without cache, with a warm cache and with an empty one,
  next to the floor: a bare `yaml.CSafeLoader` parse of the same files;
- `mkdocs build --strict` with the plugin (empty and warm cache), next to a
  vanilla mkdocs-material build of a reference tree holding the very Markdown
  pages the plugin generates, with the same nav, the stock theme and Material's
  own search (the site's search replaces it, so each build pays for one index);
- under `mkdocs serve` (full rebuilds, and `--dirty`): the time from saving one
  document to its rebuilt page being served, polled over HTTP;
- the same check and build with the code of `--before` (default: the commit the
  safety work started from), run from a `git archive` of that commit.

Runs of different kinds are interleaved and medians reported, so the ratios
compare numbers taken under the same load. The table is printed and written to
BENCHMARKS.md under `## 构建与校验` (other sections of that file are kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parents[1]
BENCHMARKS = REPOSITORY / "BENCHMARKS.md"
SECTION = "## 构建与校验"
BEFORE = "00be311"  # the commit the safety work started from (the scale work compared with 1c42aef)
AS_OF = "2026-06-30"  # pinned so every run builds the same site
SERVE_TIMEOUT = 1800  # seconds for the first build under `mkdocs serve` at the largest size

# The floor: read the same content files and parse their YAML with the C loader, nothing else.
FLOOR = r"""
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for folder, pattern in (("catalogue", "*.md"), ("interpretations", "*.md"), ("guides", "*.yml"), ("catalogue", "*.yml")):
    for path in sorted((root / folder).rglob(pattern)):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\n---\n", 1)[0].removeprefix("---\n")
        yaml.load(text, Loader=yaml.CSafeLoader)
"""


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu: float = 0.0  # processor seconds of the process and the processes it waited for


@dataclass
class Measure:
    """Repeated runs of one kind: the median time and the highest peak memory."""

    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.runs else None

    @property
    def peak_mib(self) -> float | None:
        return max(r.peak_mib for r in self.runs) if self.runs else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(r.cpu for r in self.runs) if self.runs else None


# Starts the measured command and reports its own wall time and peak memory. It
# runs in a small process of its own: a child's peak memory counts what it
# inherited at fork, and this script holds whole corpora in memory. The build forks
# a process of its own (the search index), so the peak is also sampled as the sum
# over the process tree of each process's proportional share (PSS: pages the two
# share after the fork count once), and the larger of the two is reported.
LAUNCHER = r"""
import json, os, sys, threading, time

def tree(pid):
    found = [pid]
    for pid in found:
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    found += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found

def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0

start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(sys.argv[1], sys.argv[1:])
peak = [0]
done = threading.Event()

def sample():
    while not done.wait(0.2):
        peak[0] = max(peak[0], sum(map(pss_kib, tree(pid))))

threading.Thread(target=sample, daemon=True).start()
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
done.set()
print(json.dumps([elapsed, max(usage.ru_maxrss, peak[0]), os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime]))
"""


def measure(command: list[str], cwd: Path, env: dict) -> Run:
    """Run `command` to its end; its wall time and peak resident memory."""
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
        elapsed, peak_kib, code, cpu = json.loads(done.stdout)
        if code != 0:
            errors.seek(0)
            raise SystemExit(f"失败（退出码 {code}）：{' '.join(command)}\n{errors.read().decode(errors='replace')[-4000:]}")
    return Run(elapsed, peak_kib / 1024, cpu)  # ru_maxrss is in KiB on Linux


class Code:
    """One version of the project's code, importable through PYTHONPATH."""

    def __init__(self, label: str, revision: str, plugins: Path):
        self.label = label
        self.revision = revision
        self.env = {**os.environ, "PYTHONPATH": str(plugins), "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
        self.has_cache = (plugins / "disclosure" / "cache.py").is_file()

    def check(self, root: Path, cache: bool = False) -> list[str]:
        command = [sys.executable, "-m", "disclosure", "check", str(root)]
        return command + ([] if cache or not self.has_cache else ["--no-cache"])

    @staticmethod
    def build(site: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPOSITORY, check=True, capture_output=True, text=True).stdout.strip()


def extract(revision: str, target: Path) -> Path:
    """The code and site setup (mkdocs.yml, docs/, overrides/) of `revision`, unpacked under `target`."""
    paths = [p for p in ("plugins", "schemas", "mkdocs.yml", "docs", "overrides") if git("ls-tree", "--name-only", revision, p)]
    archive = subprocess.run(["git", "archive", revision, *paths], cwd=REPOSITORY, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "plugins"


def current_revision() -> str:
    revision = git("rev-parse", "--short", "HEAD")
    return revision + ("（含未提交修改）" if git("status", "--porcelain", "--", "plugins", "schemas", "scripts") else "")


# -- trees -------------------------------------------------------------------
def generate(documents: int, out: Path) -> None:
    if out.is_dir():
        shutil.rmtree(out)
    subprocess.run(
        [sys.executable, str(REPOSITORY / "scripts" / "generate_corpus.py"), "--documents", str(documents), "--out", str(out), "--as-of", AS_OF],
        check=True, stdout=subprocess.DEVNULL,
    )


def write_reference(root: Path, out: Path) -> None:
    """A plain mkdocs-material project with the Markdown pages the plugin would generate."""
    sys.path.insert(0, str(REPOSITORY / "plugins"))
    from disclosure import options as settings
    from disclosure.check import check_repository
    from disclosure.pages.site import build_pages
    from disclosure.release import Release

    options = settings.from_config_file(root / "mkdocs.yml", cache_dir="")
    release = Release(check_repository(root, options).project, options.as_of)
    if out.is_dir():
        shutil.rmtree(out)
    shutil.copytree(root / "docs", out / "docs")
    for page in build_pages(release, options):
        target = out / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for rel in release.files():
        (out / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, out / "docs" / rel)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "disclosure" in p)]
    # Vanilla mkdocs-material: the stock theme with its own search, which our search replaces, and
    # the navigation and Markdown the plugin would have set.
    from disclosure.mkdocs_plugin.theme import EXTENSIONS, THEME_DEFAULTS
    from disclosure.pages.site import NOT_IN_NAV, navigation

    config["theme"] = {**THEME_DEFAULTS, **config["theme"]} if isinstance(config["theme"], dict) else {"name": config["theme"], **THEME_DEFAULTS}
    config["theme"].pop("custom_dir", None)
    config.setdefault("nav", navigation())
    config.setdefault("not_in_nav", "\n".join(NOT_IN_NAV))
    config.setdefault("markdown_extensions", [name for name in EXTENSIONS if name != "toc"] + [{"toc": {"permalink": False}}])
    if not any(p == "search" or (isinstance(p, dict) and "search" in p) for p in config["plugins"]):
        config["plugins"].insert(0, {"search": {"lang": "zh"}})
    config["exclude_docs"] = "!/templates/"  # the plugin publishes the linked files under templates/ too
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def before_tree(root: Path, code: Path, out: Path) -> Path:
    """The corpus content under the site setup of the `--before` code: its own mkdocs.yml, docs/ and
    overrides/ know only the plugin options and pages that code had."""
    sys.path.insert(0, str(REPOSITORY / "scripts"))
    from generate_corpus import GENERATED, site_config

    if out.is_dir():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    as_of = dt.date.fromisoformat(AS_OF)
    (out / "mkdocs.yml").write_text(site_config((code / "mkdocs.yml").read_text(encoding="utf-8"), as_of), encoding="utf-8")
    for name in dict.fromkeys(GENERATED + ("overrides",)):  # an older revision's theme.custom_dir
        source = (code if name in ("docs", "overrides") else root) / name
        if name != "mkdocs.yml" and source.is_dir():
            shutil.copytree(source, out / name, copy_function=os.link)  # hard links: no second copy of the corpus
    return out


def edited_document(root: Path) -> tuple[Path, str]:
    """A public document to edit under `mkdocs serve`, and the URL path of its page."""
    sys.path.insert(0, str(REPOSITORY / "plugins"))
    from disclosure import options as settings
    from disclosure.check import check_repository
    from disclosure.layout import Layout
    from disclosure.release import Release

    options = settings.from_config_file(root / "mkdocs.yml", cache_dir="")
    release = Release(check_repository(root, options).project, options.as_of)
    document = release.documents[len(release.documents) // 2]
    return root / document.source.path, Layout.of(release.project).url_of(document)


# -- serve -------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(url: str, wanted: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        page = fetch(url, timeout=max(1.0, deadline - time.monotonic()))
        if page is not None and wanted in page:
            return True
        time.sleep(0.05)
    return False


def serve_latency(code: Code, root: Path, edits: int, dirty: bool) -> Measure:
    """Seconds from saving a document to its page showing the change, under `mkdocs serve`."""
    source, page = edited_document(root)
    original = source.read_text(encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    log = tempfile.TemporaryFile()
    # Ctrl-C as the default for the server even when this script runs in the background (where
    # the shell ignores it): on SIGINT mkdocs serve removes its temporary site directory.
    server = subprocess.Popen(
        command, cwd=root, env=code.env, stdout=log, stderr=log, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    )
    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
    mount = "/" + urllib.parse.urlsplit(site_url).path.strip("/") + "/"  # mkdocs serve mounts the site at site_url's path
    url = f"http://127.0.0.1:{port}{mount.replace('//', '/')}{page}"
    result = Measure()
    try:
        if not wait_for(url, "</html>", time.monotonic() + SERVE_TIMEOUT):
            raise SystemExit(f"mkdocs serve 在 {SERVE_TIMEOUT} 秒内没有完成首次构建：{root}")
        for n in range(1, edits + 1):
            marker = f"BENCH-EDIT-{n}-{port}"
            text = re.sub(r"^title: (.*)$", rf"title: \1 {marker}", original, count=1, flags=re.MULTILINE)
            start = time.monotonic()
            source.write_text(text, encoding="utf-8")
            if not wait_for(url, marker, start + SERVE_TIMEOUT):
                raise SystemExit(f"修改后 {SERVE_TIMEOUT} 秒内页面没有更新：{url}")
            result.runs.append(Run(time.monotonic() - start, 0.0))
    finally:
        source.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve then removes its temporary site
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return result


# -- one size ----------------------------------------------------------------
def bench_size(n: int, work: Path, after: Code, before: Code, args) -> dict[str, Measure]:
    root, reference = work / f"corpus-{n}", work / f"reference-{n}"
    print(f"\n== N = {n}: 生成语料", flush=True)
    generate(n, root)
    write_reference(root, reference)
    old = before_tree(root, work / "before", work / f"before-{n}") if before else None
    results: dict[str, Measure] = {}

    def record(name: str, run: Run) -> None:
        results.setdefault(name, Measure()).runs.append(run)
        print(f"   {name:<22} {run.seconds:8.2f} s {run.peak_mib:8.0f} MiB {run.cpu:8.2f} s CPU", flush=True)

    floor = [sys.executable, "-c", FLOOR, str(root)]
    cache = root / ".cache"
    record("check-warm-prime", measure(after.check(root, cache=True), root, after.env))  # fills the cache
    for _ in range(args.repeat):  # interleaved, so every kind sees the same load
        record("floor", measure(floor, root, after.env))
        record("check", measure(after.check(root), root, after.env))
        record("check-warm", measure(after.check(root, cache=True), root, after.env))
        shutil.rmtree(cache, ignore_errors=True)
        record("check-empty-cache", measure(after.check(root, cache=True), root, after.env))
        if before:
            record("check-before", measure(before.check(old), old, before.env))
    for _ in range(args.build_repeat):
        shutil.rmtree(cache, ignore_errors=True)
        record("build", measure(after.build(work / "site"), root, after.env))
        record("build-warm", measure(after.build(work / "site"), root, after.env))
        record("reference", measure(Code.build(work / "site-reference"), reference, after.env))
        if before:
            record("build-before", measure(before.build(work / "site-before"), old, before.env))
    if args.edits:
        print("   mkdocs serve --dirty …", flush=True)
        results["serve-dirty"] = serve_latency(after, root, args.edits, dirty=True)
        print("   mkdocs serve …", flush=True)
        results["serve-full"] = serve_latency(after, root, 1, dirty=False)
    results.pop("check-warm-prime")
    return results


# -- report ------------------------------------------------------------------
ROWS = (
    # (key, what, value: "s" | "MiB", target)
    ("check", "`disclosure check`（不用缓存）", "s", "≤ 2 s，≤ 2× 下限"),
    ("floor", "下限：CSafeLoader 解析同样的文件", "s", ""),
    ("check/floor", "校验 / 下限", "ratio", "≤ 2"),
    ("check-warm", "`disclosure check`（缓存命中）", "s", ""),
    ("check-empty-cache", "`disclosure check`（空缓存，含写入）", "s", ""),
    ("check:mem", "校验峰值内存（不用缓存）", "MiB", ""),
    ("build", "`mkdocs build` 含插件（空缓存）", "s", ""),
    ("build-warm", "`mkdocs build` 含插件（缓存命中）", "s", ""),
    ("reference", "参照：同样页面的 mkdocs-material 构建", "s", ""),
    ("build/reference", "构建 / 参照", "ratio", "≤ 1.2"),
    ("build:mem", "构建峰值内存（含插件）", "MiB", "≤ 2048"),
    ("reference:mem", "参照构建峰值内存", "MiB", ""),
    ("serve-dirty", "`mkdocs serve --dirty`：保存到页面更新", "s", "≤ 2 s"),
    ("serve-full", "`mkdocs serve`（完整重建）：保存到页面更新", "s", ""),
    ("check-before", "之前的 `disclosure check`", "s", ""),
    ("build-before", "之前的 `mkdocs build`", "s", ""),
    ("check-before/check", "校验加速（之前 / 现在）", "ratio", ""),
    ("build-before/build", "构建加速（之前 / 现在）", "ratio", ""),
    # Processor time counts only what the build itself did: on a shared machine, wall time also counts the others.
    ("build:cpu", "`mkdocs build` 含插件（空缓存）处理器时间", "s", ""),
    ("build-before:cpu", "之前的 `mkdocs build` 处理器时间", "s", ""),
    ("build-before:cpu/build:cpu", "构建加速（处理器时间，之前 / 现在）", "ratio", "≥ 0.91（慢不超过 10%）"),
)


def value(results: dict[str, Measure], key: str) -> float | None:
    if "/" in key:
        top, bottom = (value(results, part) for part in key.split("/"))
        return top / bottom if top and bottom else None
    if key.endswith((":mem", ":cpu")):
        measure_ = results.get(key[:-4])
        return (measure_.peak_mib if key.endswith(":mem") else measure_.cpu) if measure_ else None
    measure_ = results.get(key)
    return measure_.seconds if measure_ else None


def cell(number: float | None, unit: str) -> str:
    if number is None:
        return "—"
    if unit == "MiB":
        return f"{number:,.0f} MiB"
    if unit == "ratio":
        return f"{number:.2f}×"
    return f"{number:.2f} s"


def table(sizes: list[int], results: dict[int, dict[str, Measure]]) -> str:
    first, last = sizes[0], sizes[-1]
    head = ["项目", *(f"N = {n:,}" for n in sizes), f"{last:,} / {first:,}", "目标"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 2) + ["---"]) + "|"]
    for key, what, unit, target in ROWS:
        numbers = [value(results[n], key) for n in sizes]
        if all(x is None for x in numbers):
            continue
        growth = numbers[-1] / numbers[0] if len(sizes) > 1 and numbers[0] and numbers[-1] and unit != "ratio" else None
        lines.append("| " + " | ".join([what, *(cell(x, unit) for x in numbers), f"{growth:.1f}" if growth else "", target]) + " |")
    return "\n".join(lines)


def report(sizes, results, after: Code, before: Code | None, args, load_start, load_end) -> str:
    runs = f"校验每种各 {args.repeat} 次、构建每种各 {args.build_repeat} 次，交替运行，取中位数；峰值内存取各次最大值"
    edits = f"`mkdocs serve --dirty` 修改 {args.edits} 次取中位数，完整重建 1 次" if args.edits else "未测 `mkdocs serve`"
    lines = [
        SECTION,
        "",
        f"由 `make bench`（`scripts/bench.py`）生成于 {dt.datetime.now():%Y-%m-%d %H:%M}。"
        f"语料：`scripts/generate_corpus.py --documents N --as-of {AS_OF}`（另有 N/10 篇政策解读、N/20 项办事指南）。",
        "",
        f"- 现在：{after.revision}；之前：{before.revision if before else '未测'}",
        f"- 机器：{os.cpu_count()} 核，Python {platform.python_version()}；"
        f"开始时负载 {load_start[0]:.2f} / {load_start[1]:.2f} / {load_start[2]:.2f}，"
        f"结束时 {load_end[0]:.2f} / {load_end[1]:.2f} / {load_end[2]:.2f}（1/5/15 分钟平均）",
        f"- {runs}；{edits}",
        "",
        table(sizes, results),
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, section: str = SECTION) -> None:
    """Replace `section` of BENCHMARKS.md, keeping every other section as it is."""
    old = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.is_file() else "# 基准测试\n"
    notes = ""
    match = re.search(rf"^{re.escape(section)}\n(.*?)(?=^## |\Z)", old, flags=re.MULTILINE | re.DOTALL)
    if match:
        # Hand-written analysis below the table (from the `### ` heading on) is kept.
        kept = re.search(r"^### .*", match.group(1), flags=re.MULTILINE | re.DOTALL)
        notes = kept.group(0) if kept else ""
        new = old[: match.start()] + text + ("\n" + notes if notes else "") + old[match.end():]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    BENCHMARKS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="构建与校验的基准测试（结果写入 BENCHMARKS.md 的“构建与校验”一节）")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000], metavar="N", help="公开信息篇数，默认 1000 5000 10000")
    p.add_argument("--repeat", type=int, default=5, help="校验的重复次数，默认 5")
    p.add_argument("--build-repeat", type=int, default=2, help="构建的重复次数，默认 2")
    p.add_argument("--edits", type=int, default=5, help="mkdocs serve --dirty 下修改文件的次数，默认 5；0 表示不测")
    p.add_argument("--before", default=BEFORE, help=f"与之比较的提交，默认 {BEFORE}；空字符串表示不比较")
    p.add_argument("--work", type=Path, help="工作目录（语料与站点），默认临时目录，结束后删除")
    p.add_argument("--no-write", action="store_true", help="只打印，不写 BENCHMARKS.md")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    sizes = sorted(args.sizes)
    work = args.work or Path(tempfile.mkdtemp(prefix="disclosure-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()
    try:
        after = Code("现在", current_revision(), REPOSITORY / "plugins")
        before = Code("之前", git("rev-parse", "--short", args.before), extract(args.before, work / "before")) if args.before else None
        results = {n: bench_size(n, work, after, before, args) for n in sizes}
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    text = report(sizes, results, after, before, args, load_start, os.getloadavg())
    print("\n" + text)
    if not args.no_write:
        write_section(text)
        print(f"已写入 {BENCHMARKS.relative_to(REPOSITORY)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
