"""Command line: `disclosure check [ROOT]` and friends, over the same core as the plugin."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import yaml

from disclosure import options as settings
from disclosure.check import check_repository
from disclosure.diagnostics import render_github, render_json, render_text

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="disclosure", description="政务公开内容的校验与发布工具")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    check = commands.add_parser("check", help="校验全部内容，列出所有问题", description="校验全部内容，列出所有问题")
    check.add_argument("root", nargs="?", default=".", help="内容仓库目录（含 mkdocs.yml），默认当前目录")
    check.add_argument(
        "--format", choices=("text", "github", "json"),
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
        help="输出格式：text（默认）、github（GitHub 注释）、json",
    )
    check.add_argument("--as-of", type=_date, help="按指定日期判断定时发布和有效期（YYYY-MM-DD），默认今天")
    check.add_argument("--no-cache", action="store_true", help="不读取也不保存解析缓存（默认保存在 .cache/disclosure/）")
    return root


def run_check(args) -> int:
    root = Path(args.root)
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        print(f"用法错误：{root} 下没有 mkdocs.yml，请在内容仓库根目录运行或指定该目录", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = settings.from_config_file(config_file, as_of=args.as_of, cache_dir="" if args.no_cache else None)
    except (OSError, ValueError, TypeError, yaml.YAMLError) as error:
        print(f"用法错误：无法读取 {config_file} 中 disclosure 插件的设置：{error}", file=sys.stderr)
        return EXIT_USAGE
    result = check_repository(root, options)
    if args.format == "json":
        print(render_json(result.diagnostics))
    elif args.format == "github":
        print(render_github(result.diagnostics))
    else:
        print(render_text(result.diagnostics, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return EXIT_OK if result.ok else EXIT_CONTENT


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        return run_check(args)
    return EXIT_USAGE
