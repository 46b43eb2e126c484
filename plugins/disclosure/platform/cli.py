"""`disclosure platform …`: check platform.yml, build one agency, merge, or all of it locally.

    disclosure platform check [platform.yml]
    disclosure platform build-agency ID [--config platform.yml] [--builds DIR]
    disclosure platform merge [--config platform.yml] [--builds DIR] [--out DIR]
    disclosure platform build [platform.yml] [--builds DIR] [--out DIR] [--jobs N]

build-agency and merge are the two steps a CI matrix runs on separate machines; `build` runs the
first for every agency in parallel processes on this one, skipping unchanged agencies, then merges.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from disclosure import options as settings
from disclosure.diagnostics import render_text
from disclosure.platform.agency import adopt, build_agency
from disclosure.platform.config import PLATFORM_FILE, Platform, load_platform
from disclosure.platform.audit import PlatformAuditError
from disclosure.platform.merge import merge
from disclosure.platform.search_merge import IndexMismatch

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_BUILDS = ".platform-builds"
DEFAULT_OUT = "site-platform"


def add_commands(commands, date) -> None:
    """The `platform` command and its steps; `date` parses a YYYY-MM-DD option as the other commands do."""
    platform = commands.add_parser("platform", help="集约化平台：校验 platform.yml、构建机关站点、合并为一个平台",
                                   description="集约化平台：多个机关各自构建，合并为一个网址下的平台，统一检索")
    steps = platform.add_subparsers(dest="step", required=True, parser_class=type(platform), metavar="步骤")

    def config_option(parser, positional: bool = False):
        if positional:
            parser.add_argument("config", nargs="?", default=PLATFORM_FILE, metavar="平台设置文件", help="平台设置文件，默认 platform.yml")
        else:
            parser.add_argument("--config", default=PLATFORM_FILE, metavar="文件", help="平台设置文件，默认 platform.yml")
        parser.add_argument("--builds", metavar="文件夹", help=f"各机关构建输出所在的文件夹，默认 platform.yml 旁的 {DEFAULT_BUILDS}/")

    config_option(steps.add_parser("check", help="校验 platform.yml", description="校验 platform.yml：字段、上级机关、网址路径和内容来源"), positional=True)
    one = steps.add_parser("build-agency", help="构建一个机关的站点、检索分片、开放数据和清单", description="构建一个机关：站点放在它的网址路径下，另写检索分片、开放数据和清单（内容摘要、数量）；内容未变时跳过")
    one.add_argument("agency", metavar="机关标识", help="机关标识（platform.yml 中的 id）")
    config_option(one)
    one.add_argument("--as-of", type=date, metavar="日期", help="按指定日期判断定时发布（YYYY-MM-DD），默认今天")
    one.add_argument("--force", action="store_true", help="内容未变也重新构建")
    listing = steps.add_parser("agencies", help="列出平台上的机关标识", description="列出平台上的机关标识（CI 矩阵用）")
    config_option(listing, positional=True)
    listing.add_argument("--only", default="", metavar="机关标识", help="只列出这一个机关（须在平台上），为空时列出全部")
    listing.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    joined = steps.add_parser("merge", help="把各机关的构建输出合并为平台站点", description="把各机关的构建输出合并为平台站点（不重新构建机关）：门户首页、全平台检索、合并的开放数据、订阅源和站点地图索引")
    config_option(joined)
    joined.add_argument("--out", metavar="文件夹", help=f"平台站点输出文件夹，默认 platform.yml 旁的 {DEFAULT_OUT}/")
    joined.add_argument("--fresh", metavar="文件夹", help="先把这里各文件夹中在别处构建的机关输出（如 CI 下载的构建产物）放入构建输出文件夹；构建失败的只记下失败，保留上次成功的站点")
    everything = steps.add_parser("build", help="并行构建全部机关，再合并", description="并行构建全部机关（内容未变的跳过），再合并为平台站点")
    config_option(everything, positional=True)
    everything.add_argument("--out", metavar="文件夹", help=f"平台站点输出文件夹，默认 platform.yml 旁的 {DEFAULT_OUT}/")
    everything.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="个数", help="同时构建的机关数，默认为处理器核数")
    everything.add_argument("--as-of", type=date, metavar="日期", help="按指定日期判断定时发布（YYYY-MM-DD），默认今天")
    everything.add_argument("--force", action="store_true", help="内容未变也重新构建")


def _platform(config: str) -> Platform | None:
    path = Path(config)
    if not path.is_file():
        print(f"用法错误：找不到平台设置文件 {config}，请在平台仓库根目录运行或用 --config 指定", file=sys.stderr)
        return None
    platform, problems = load_platform(path)
    if problems:
        print(render_text(problems), file=sys.stderr)
    return platform


def _broken_settings(platform: Platform) -> list[str]:
    """What keeps an agency kept in a folder here from building: its mkdocs.yml, read as its own build reads it."""
    broken = []
    for agency in platform.agencies:
        folder = platform.folder_of(agency)
        if folder is not None and (folder / "mkdocs.yml").is_file():
            try:
                settings.load(folder / "mkdocs.yml")
            except settings.ConfigFileError as error:
                broken.append(f"{agency.name}（{agency.id}）：{error}")
    return broken


def _folder(given: str | None, platform: Platform, default: str) -> Path:
    return Path(given).resolve() if given else platform.root / default


def run(args) -> int:
    platform = _platform(args.config)
    if platform is None:
        return EXIT_FAILED if Path(args.config).is_file() else EXIT_USAGE
    builds = _folder(args.builds, platform, DEFAULT_BUILDS)
    if args.step == "check":
        broken = _broken_settings(platform)
        print(f"{args.config}：{len(platform.agencies)} 个机关，{len(broken)} 个错误")
        for line in broken:
            print(line, file=sys.stderr)
        return EXIT_FAILED if broken else EXIT_OK
    if args.step == "agencies":
        chosen = [a.id for a in platform.agencies if not args.only or a.id == args.only]
        if not chosen:
            print(f"用法错误：平台上没有标识为“{args.only}”的机关；可用：{'、'.join(a.id for a in platform.agencies)}", file=sys.stderr)
            return EXIT_USAGE
        print(json.dumps(chosen) if args.json else "\n".join(chosen))
        return EXIT_OK
    if args.step == "build-agency":
        agency = platform.agency(args.agency)
        if agency is None:
            print(f"用法错误：平台上没有标识为“{args.agency}”的机关；可用：{'、'.join(a.id for a in platform.agencies)}", file=sys.stderr)
            return EXIT_USAGE
        outcome = build_agency(platform, agency, builds, args.as_of, args.force)
        said = {"built": "已构建", "unchanged": "内容未变，沿用上次构建", "failed": "构建失败"}[outcome.status]
        print(f"{agency.name}（{agency.id}）：{said}，用时 {outcome.seconds:.1f} 秒" + (f"：{outcome.message}" if outcome.message else ""),
              file=sys.stderr if outcome.status == "failed" else sys.stdout)
        return EXIT_FAILED if outcome.status == "failed" else EXIT_OK
    out = _folder(args.out, platform, DEFAULT_OUT)
    failed = False
    if args.step == "build":
        failed = not build_all(platform, args.config, builds, args.jobs, args.as_of, args.force)
    elif args.fresh:
        taken = adopt(Path(args.fresh), builds)
        print(f"取用在别处构建的机关输出：{'、'.join(taken) or '无'}")
    try:
        report = merge(platform, builds, out)
    except (IndexMismatch, PlatformAuditError) as error:
        print(f"合并失败：{error}", file=sys.stderr)
        return EXIT_FAILED
    annotate = "::warning::" if os.environ.get("GITHUB_ACTIONS") == "true" else ""
    for line in report.lines():
        if line in (*report.stale, *report.missing):
            print(f"{annotate}{line}", file=sys.stderr)
        else:
            print(line)
    print(f"平台站点：{out}")
    # An agency left out or shown from its last good output does not hold back the others' new content.
    return EXIT_FAILED if failed else EXIT_OK


def build_all(platform: Platform, config: str, builds: Path, jobs: int, as_of: dt.date | None, force: bool) -> bool:
    """Each agency's build-agency in its own process, `jobs` at a time; whether all succeeded."""
    def one(agency) -> int:
        command = [sys.executable, "-m", "disclosure", "platform", "build-agency", agency.id, "--config", str(Path(config).resolve()), "--builds", str(builds)]
        command += [f"--as-of={as_of.isoformat()}"] if as_of else []
        command += ["--force"] if force else []
        return subprocess.run(command, cwd=platform.root).returncode

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        codes = list(pool.map(one, platform.agencies))
    print(f"机关构建完成：{len(codes)} 个，失败 {sum(c != 0 for c in codes)} 个，用时 {time.perf_counter() - started:.1f} 秒")
    return all(c == 0 for c in codes)
