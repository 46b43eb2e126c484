#!/usr/bin/env python3
"""恶意内容的基准测试：每个约 1 MB 的恶意正文或 YAML 别名展开，校验一个文件的用时和内存峰值。

    python scripts/bench_hostile.py [--size BYTES] [--build] [--no-write]

Each case is one file added to a copy of tests/fixtures/mini: a document (or
interpretation) whose body repeats a pattern that makes naive regular expressions
and parsers backtrack, or a YAML file whose aliases fan out. Each is checked
(`disclosure check`, no cache) in a fresh process; the processor time of the
check itself, minus that of the fixture alone, and the process's peak memory
(ru_maxrss) are printed, with the wall time beside (on a shared machine it also
counts the others' work). Targets: under 1 s and 200 MB per file. `--build` also
times `mkdocs build` of the same repository (processor time, minus the fixture
alone). The table is written to BENCHMARKS.md under `## 恶意内容`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
MINI = REPOSITORY / "tests" / "fixtures" / "mini"
SECTION = "## 恶意内容"
LIMIT_SECONDS, LIMIT_MB = 1.0, 200

DOCUMENT = """---
id: "014500123/2021-00009"
title: 恶意正文测试
summary: 测试。
category: "02"
kind: 工作动态
drafting_department: office
written: 2021-03-01
published: 2021-03-02
disclosure: 主动公开
review:
  reviewer: 办公室保密审查员
  date: 2021-03-01
---
"""
INTERPRETATION = """---
id: jd-2021-009
title: 恶意解读测试
policy: "014500123/2020-00001"
form: 文字解读
department: lawyers
published: 2020-10-12
---
"""

# The child: check the repository once to warm imports and caches of compiled patterns, then once more, timed.
CHILD = r"""
import dataclasses, json, resource, sys, time
from pathlib import Path
from disclosure.check import check_repository
from disclosure.options import from_config_file
root = Path(sys.argv[1])
options = dataclasses.replace(from_config_file(root / "mkdocs.yml"), cache_dir="")
check_repository(root, options)
started, cpu = time.perf_counter(), time.process_time()
result = check_repository(root, options)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
codes = sorted({d.code for d in result.diagnostics if d.is_error})
print(json.dumps({"seconds": seconds, "cpu": cpu, "errors": codes, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def nested_list(size: int) -> str:
    lines, depth = [], 0
    while sum(map(len, lines)) < size:
        lines.append("  " * (depth % 400) + "- 项\n")
        depth += 1
    return "".join(lines)


def fan_out(levels: int, width: int, leaf: str) -> str:
    lines = [f'l0: &l0 ["{leaf}"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def cases(size: int) -> list[tuple[str, str, str]]:
    """(name, repository-relative path, file text)."""
    body = lambda unit: DOCUMENT + repeat(unit, size)  # noqa: E731
    doc = "catalogue/docs/hostile.md"
    return [
        ("正文：重复 `<a `", doc, body("<a ")),
        ("正文：重复 `<`", doc, body("<")),
        ("正文：重复 `&#`", doc, body("&#")),
        ("正文：每行一个被实体隐藏的 javascript:", doc, body("&#106;avascript:<a onclick=x>\n")),
        ("正文：重复 `<a href=\"x\" on`（无 `=`）", doc, body('<a href="x" on')),
        ("正文：1 MB 连续数字", doc, body("1234567890")),
        ("正文：数字与空格交替", doc, body("1 ")),
        ("正文：重复 `j a v a s c r i p t`", doc, body("j a v a s c r i p t ")),
        ("正文：嵌套引用 `> `", doc, body("> ")),
        ("正文：重复 `[`", doc, body("[")),
        ("正文：重复 `![`", doc, body("![")),
        ("正文：方括号嵌套 `[[[…]]]`", doc, DOCUMENT + "[" * (size // 2) + "]" * (size // 2)),
        ("正文：重复 `<a b=\"`", doc, body('<a b="')),
        ("正文：重复 `a<b`（小于号紧跟字母）", doc, body("a<b")),
        ("正文：一行内重复 `1. `（层层嵌套的列表）", doc, body("1. ")),
        ("正文：每行多缩进 4 格的列表", doc, DOCUMENT + "".join("    " * (depth % 300) + "- 项\n" for depth in range(size // 600))),
        ("正文：重复 `](`", doc, body("](")),
        ("正文：重复 `{a`（属性列表）", doc, body("{aaaa")),
        ("正文：表格分隔行 `|---`", doc, body("|---")),
        ("正文：重复 `<!--`", doc, body("<!--")),
        ("正文：重复 `<div>`", doc, body("<div>")),
        ("正文：重复 `*_`", doc, body("*_")),
        ("正文：一行 1 MB 汉字", doc, body("公开")),
        ("正文：100 万个空行", doc, body("\n")),
        ("正文：逐层缩进的列表", doc, DOCUMENT + nested_list(size)),
        ("解读：标题行后 1 MB 空格", "interpretations/hostile.md", INTERPRETATION + "## 背景" + " " * size + "x\n"),
        ("解读：重复 `## `", "interpretations/hostile.md", INTERPRETATION + repeat("## a #\n", size)),
        ("字段：摘要中重复 `<a `", doc, DOCUMENT.replace("summary: 测试。", "summary: \"" + repeat("<a ", size) + "\"") + "正文\n"),
        ("字段：1 MB 的标题", doc, DOCUMENT.replace("title: 恶意正文测试", "title: " + repeat("标", size)) + "正文\n"),
        ("字段：5 万个未知字段", doc, DOCUMENT.replace("summary:", "".join(f"field{i}: 值\n" for i in range(size // 20)) + "summary:") + "正文\n"),
        ("YAML：别名 10 层 × 10 倍展开", "guides/hostile.yml", fan_out(10, 10, "项")),
        ("YAML：别名 9 层 × 9 倍，长文本", "guides/hostile.yml", fan_out(9, 9, "长" * 1000)),
        ("YAML：一段 50 万字的文本被引用 1000 次", "guides/hostile.yml", 'a: &a "' + "x" * (size // 2) + '"\nb: [' + ", ".join(["*a"] * 1000) + "]\n"),
        ("YAML：20 万项列表", "guides/hostile.yml", "topics: [" + ", ".join(["a"] * (size // 5)) + "]\n"),
        ("YAML：值里的冒号后 1 MB 空格（格式错误）", doc, DOCUMENT.replace("title: 恶意正文测试", "title: 恶意: " + " " * size + "x") + "正文\n"),
        ("YAML：嵌套 `[` 4 万层", "guides/hostile.yml", "a: " + "[" * 40_000 + "\n"),
        ("超过上限的文件（1.5 MB）", doc, body("公") + repeat("开", size // 2)),
    ]


def measure(root: Path, timeout: float) -> dict:
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], stdout=subprocess.PIPE, text=True)
    try:
        return json.loads(process.communicate(timeout=timeout)[0])
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"seconds": timeout, "cpu": timeout, "errors": [f"{timeout:.0f} 秒内未完成"], "peak_mb": 0.0}


def build_seconds(root: Path, timeout: float) -> tuple[float, str]:
    """Processor seconds of `mkdocs build` (and of the processes it waited for), and how it ended."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ended = "通过" if process.wait(timeout=timeout) == 0 else "停止"
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        ended = "超时"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), ended


def write_section(text: str) -> None:
    """Replace the table of our section of BENCHMARKS.md; hand-written notes (from a `### ` heading on) stay."""
    benchmarks = REPOSITORY / "BENCHMARKS.md"
    old = benchmarks.read_text(encoding="utf-8")
    start = old.find(SECTION + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(SECTION))
        section = old[start:] if end < 0 else old[start:end]
        notes = section.find("\n### ")
        new = old[:start] + text + (section[notes:] if notes >= 0 else "") + ("" if end < 0 else old[end:])
    benchmarks.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description="恶意内容的校验用时与内存（结果写入 BENCHMARKS.md 的“恶意内容”一节）")
    p.add_argument("--size", type=int, default=1_000_000, help="每个恶意文件的大小（字节），默认 1000000")
    p.add_argument("--build", action="store_true", help="同时测量 mkdocs build 的用时")
    p.add_argument("--timeout", type=float, default=60, help="每个输入最多等待的秒数，默认 60")
    p.add_argument("--no-write", action="store_true", help="只打印，不写入 BENCHMARKS.md")
    args = p.parse_args()
    rows, over = [], 0
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "base"
        shutil.copytree(MINI, base)
        floor = measure(base, args.timeout)
        floor_build = build_seconds(base, args.timeout)[0] if args.build else 0.0
        print(f"夹具本身：校验 {floor['cpu']:.3f} 秒，内存峰值 {floor['peak_mb']:.0f} MB" + (f"，构建 {floor_build:.1f} 秒" if args.build else ""), flush=True)
        for name, rel, text in cases(args.size):
            root = Path(work) / "case"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(MINI, root)
            (root / rel).write_text(text, encoding="utf-8")
            result = measure(root, args.timeout)
            seconds = max(0.0, result["cpu"] - floor["cpu"])
            wall = max(0.0, result["seconds"] - floor["seconds"])
            if args.build:
                build_cpu, ended = build_seconds(root, args.timeout)
                build = f"{max(0.0, build_cpu - floor_build):.1f}（{ended}）"
            else:
                build = "—"
            ok = seconds < LIMIT_SECONDS and result["peak_mb"] < LIMIT_MB
            over += not ok
            size_kb = len(text.encode("utf-8")) / 1024
            codes = " ".join(result["errors"]) or "无"
            rows.append(f"| {name} | {size_kb:,.0f} | {seconds:.3f} | {wall:.3f} | {result['peak_mb']:.0f} | {build} | {codes} | {'是' if ok else '**否**'} |")
            print(rows[-1], flush=True)
    table = "\n".join(
        [
            SECTION,
            "",
            f"`python scripts/bench_hostile.py{' --build' if args.build else ''}`，{time.strftime('%Y-%m-%d')}，{platform.machine()}，"
            f"Python {platform.python_version()}，{os.cpu_count()} 核。每个文件单独加入 tests/fixtures/mini 后在新进程中校验（不用缓存）；"
            f"用时为校验一次的处理器时间减去夹具本身（{floor['cpu']:.3f} 秒；墙钟时间另列，机器繁忙时它也计入其他进程的工作），"
            f"内存为进程峰值（含解释器和依赖库）。目标：每个文件 < {LIMIT_SECONDS:.0f} 秒、< {LIMIT_MB} MB（按处理器时间）。"
            + ("构建一列是 `mkdocs build` 的处理器时间减去夹具本身，括号里是构建的结局：通过、停止（报错退出）或超时。" if args.build else ""),
            "",
            "| 输入 | 大小 KB | 校验 秒 | 墙钟 秒 | 内存峰值 MB | 构建增加 秒 | 报出的错误 | 达标 |",
            "|---|---:|---:|---:|---:|---:|---|---|",
            *rows,
            "",
        ]
    )
    if not args.no_write:
        write_section(table)
    print(f"{len(rows) - over}/{len(rows)} 个输入达标")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
