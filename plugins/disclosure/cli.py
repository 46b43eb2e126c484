"""Command line: `disclosure check [ROOT]` and friends, over the same core as the plugin."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path


from disclosure import __version__, due, editor_settings, scaffold, starter
from disclosure import options as settings
from disclosure.check import check_repository
from disclosure.diagnostics import Severity, render_github, render_json, render_text
from disclosure.loader import ORGANIZATION, Loader, load_project
from disclosure.platform import cli as platform_cli

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C

# argparse's own words (usage, option groups, its error messages) in Chinese: it looks each up
# through the module's gettext alias `_` at the moment it prints.
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值：%r",
}
argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)


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


def parser(examples: dict[str, str] | None = None) -> argparse.ArgumentParser:
    """The command line; `examples` (this repository's codes, for `new`'s help) as `repository_examples` gives them."""
    root = _Parser(prog="disclosure", description="政务公开内容的校验与发布工具")
    root.add_argument("--version", action="version", version=f"disclosure {__version__}", help="显示版本号")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    check = commands.add_parser("check", help="校验全部内容，列出所有问题", description="校验全部内容，列出所有问题")
    check.add_argument("root", nargs="?", default=".", metavar="目录", help="内容仓库目录（含 mkdocs.yml），默认当前目录")
    check.add_argument(
        "--format", choices=("text", "github", "json"),
        help="输出格式：text（默认；在 GitHub Actions 中默认 github）、github（GitHub 注释）、json",
    )
    check.add_argument("--as-of", type=_date, metavar="日期", help="按指定日期判断定时发布和有效期（YYYY-MM-DD），默认今天")
    check.add_argument(
        "--changed-since", metavar="分支或提交",
        help="与这个分支或提交相比改动了的文件（含未提交的改动），其逾期事项（D307、D313、D315、D316）按错误处理；合并请求的检查用它",
    )
    check.add_argument("--no-cache", action="store_true", help="不读取也不保存解析缓存（默认保存在 .cache/disclosure/）")
    due = commands.add_parser(
        "due", help="列出逾期和即将到期的事项（解读、征求意见反馈、有效期、年度报告、办事指南核对）",
        description="列出逾期和即将到期的事项：期限（按工作日计算）、负责部门和文件。设置了 GITHUB_STEP_SUMMARY 时同时写入 GitHub 任务摘要。",
    )
    due.add_argument("root", nargs="?", default=".", metavar="目录", help="内容仓库目录（含 mkdocs.yml），默认当前目录")
    due.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="输出格式：text（默认）、json、markdown")
    due.add_argument("--as-of", type=_date, metavar="日期", help="按指定日期计算（YYYY-MM-DD），默认今天")
    due.add_argument("--within", type=int, default=30, metavar="天数", help="列出多少天内到期的事项，默认 30")
    _add_new(commands, examples or {})
    init = commands.add_parser(
        "init", help="新建一个机关的内容仓库", description="新建一个机关的内容仓库：目录结构、司法行政主动公开基本目录、网站设置、自动检查与发布流程、编辑器设置和说明，建好即可通过校验",
    )
    init.add_argument("dir", type=Path, metavar="文件夹", help="新仓库的文件夹（须不存在或为空）")
    init.add_argument("--name", required=True, metavar="名称", help="机关名称，如 临江市司法局")
    init.add_argument("--credit-code", required=True, metavar="代码", help="统一社会信用代码（18 位）；索引号前缀取其第 9—17 位")
    init.add_argument("--address", required=True, metavar="地址", help="政府信息公开工作机构的办公地址")
    init.add_argument("--phone", required=True, metavar="电话", help="政府信息公开工作机构的联系电话，如 0791-86000000")
    init.add_argument("--site-url", required=True, metavar="网址", help="网站发布的地址，以 https:// 开头")
    editor = commands.add_parser(
        "editor", help="重新生成编辑器设置", description="按当前版本的结构规则重新生成 .vscode/settings.json、frontmatter.json 和编辑器使用的 JSON Schema（升级引擎后运行）",
    )
    editor.add_argument("root", nargs="?", default=".", type=Path, metavar="目录", help="内容仓库目录，默认当前目录")
    platform_cli.add_commands(commands, _date)
    return root


@functools.cache
def _parser(examples: tuple[tuple[str, str], ...]) -> argparse.ArgumentParser:
    """Built once a process: a parser holds no state between parses, and building one costs more than a small check."""
    return parser(dict(examples))


def repository_examples(argv: list[str]) -> dict[str, str]:
    """A catalogue leaf and a department of the repository `disclosure new` works in, for its help to
    show; read only when that command is asked for."""
    if "new" not in argv:
        return {}
    at = argv.index("--root") + 1 if "--root" in argv[:-1] else None
    loader = Loader(Path(argv[at] if at else "."))
    leaves = [item.code for item in loader.catalogue().walk() if item.code and item.is_leaf]
    organization = loader.organization()
    departments = [d.id for d in organization.departments] if organization else []
    return {"category": leaves[0] if leaves else "", "department": departments[0] if departments else ""}


def _add_new(commands, examples: dict[str, str]) -> None:
    new = commands.add_parser(
        "new", help="新建一条内容：公开信息、政策解读或办事指南",
        description="新建一条内容，自动编号、填好日期和默认值，写出带中文说明的全部字段。缺少的信息在终端中逐项询问；在脚本中使用时请用选项给出。",
    )
    kinds = new.add_subparsers(dest="content", required=True, parser_class=_Parser, metavar="类型")
    notes = {
        "category": "：末级事项的编码" + (f"，如 {examples['category']}" if examples.get("category") else "（见 catalogue/directory.yml）"),
        "department": "：部门标识" + (f"，如 {examples['department']}" if examples.get("department") else "（见 catalogue/organization.yml）"),
        "policy": "：被解读文件的索引号",
        "form": "，默认 文字解读",
        "published": "：YYYY-MM-DD，默认今天；解读所针对的文件尚未发布时默认与文件同日",
    }
    for name, spec in scaffold.KINDS.items():
        command = kinds.add_parser(name, help=f"新建{spec.what}（{spec.folder}/）", description=f"新建{spec.what}，写在 {spec.folder}/ 下")
        for fact in spec.facts:
            allowed = scaffold.allowed(name, fact)
            note = notes.get(fact, "") + ("，可选：" + "、".join(allowed) if allowed else "")
            command.add_argument(
                f"--{fact}", type=_date if fact == "published" else str, metavar=scaffold.label(name, fact), help=scaffold.label(name, fact) + note
            )
        command.add_argument("--out", type=Path, metavar="路径", help=f"新文件的路径（默认自动命名，放在 {spec.folder}/ 下）")
        command.add_argument("--dry-run", action="store_true", help="只显示将新建的文件和自动编好的编号（如下一个未使用的索引号），不写入任何文件；缺少的信息不询问")
        command.add_argument("--root", default=".", metavar="目录", help="内容仓库目录（含 mkdocs.yml），默认当前目录")


def _options(root: Path, as_of: dt.date | None = None, cache_dir: str | None = None) -> settings.Options | None:
    """The plugin options of the repository at `root`; None (after saying why) when they cannot be read."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        print(f"用法错误：{root} 下没有 mkdocs.yml，请在内容仓库根目录运行或指定该目录", file=sys.stderr)
        return None
    try:
        return settings.load(config_file, as_of=as_of, cache_dir=cache_dir)
    except settings.ConfigFileError as error:
        print(error, file=sys.stderr)
    return None


def run_check(args) -> int:
    root = Path(args.root)
    options = _options(root, args.as_of, cache_dir="" if args.no_cache else None)
    if options is None:
        return EXIT_USAGE
    changed = None
    if args.changed_since:
        changed = _changed_files(root, args.changed_since)
        if changed is None:
            return EXIT_USAGE
    result = check_repository(root, options)
    diagnostics = result.diagnostics
    if changed:
        # What is overdue in a file this change touches is the change's to do: an error for it alone.
        diagnostics = [replace(d, severity=Severity.ERROR) if d.code in due.DUE_CODES and d.file in changed else d for d in diagnostics]
    output = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if output == "json":
        print(render_json(diagnostics))
    elif output == "github":
        print(render_github(diagnostics))
    else:
        print(render_text(diagnostics, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return EXIT_CONTENT if any(d.is_error for d in diagnostics) else EXIT_OK


def _changed_files(root: Path, since: str) -> set[str] | None:
    """Repository-relative paths changed since `since`, committed or not; None (after saying why) when git cannot tell."""
    commands = (
        ["diff", "--name-only", "--relative", f"{since}...HEAD"], ["diff", "--name-only", "--relative", "HEAD"], ["ls-files", "--others", "--exclude-standard"],
    )
    changed: set[str] = set()
    for command in commands:
        try:
            done = subprocess.run(["git", "-C", str(root), *command], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            done = subprocess.CompletedProcess(command, 1, "", str(error))
        if done.returncode != 0:
            print(f"用法错误：无法用 git 找出自 {since} 以来改动的文件：{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}", file=sys.stderr)
            return None
        changed.update(line for line in done.stdout.splitlines() if line)
    return changed


def _show_draft(project, options, kind: str, facts: dict[str, str], out: Path | None) -> int:
    """What `new` would write, without writing it: the path and the numbers it would take."""
    if kind == "interpretation" and not facts.get("policy"):  # the number, folder and deadline all follow from it
        print(f"用法错误：缺少 --policy（{scaffold.label(kind, 'policy')}）", file=sys.stderr)
        return EXIT_USAGE
    try:
        draft = scaffold.draft(project, options, kind, facts, out)
    except scaffold.FactError as error:
        print(f"用法错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"将新建{scaffold.KINDS[kind].what}：{draft.path}（--dry-run：未写入任何文件）")
    for name, text in draft.notes:
        if name != "正文":
            print(f"  {name}：{text}")
    return EXIT_OK


def run_due(args) -> int:
    root = Path(args.root)
    options = _options(root, args.as_of, cache_dir="")
    if options is None:
        return EXIT_USAGE
    project, _ = load_project(root)
    items = due.due_list(project, options, args.within)
    render = {"text": due.render_text, "json": due.render_json, "markdown": due.render_markdown}[args.format]
    print(render(items, options.as_of, args.within))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(due.render_markdown(items, options.as_of, args.within))
    return EXIT_OK


def _ask(project, kind: str, fact: str) -> str:
    """Ask for one fact in the terminal until the answer is acceptable."""
    label = scaffold.label(kind, fact)
    options = scaffold.choices(project, kind, fact)
    if options:
        print(f"{label}可选：")
        for number, (value, text) in enumerate(options, 1):
            print(f"  {number:>3}. {value}" + (f"  {text}" if text != value else ""))
    while True:
        answer = input(f"请{'选择' if options else '输入'}{label}" + ("（输入序号或值）" if options else "") + "：").strip()
        if answer.isdigit() and options and 1 <= int(answer) <= len(options):
            answer = options[int(answer) - 1][0]
        problem = scaffold.problem(project, kind, fact, answer)
        if problem is None:
            return answer
        print(f"  {problem}，请重新{'选择' if options else '输入'}")


def run_new(args) -> int:
    root = Path(args.root)
    options = _options(root)
    if options is None:
        return EXIT_USAGE
    project, _ = load_project(root)
    if project.organization is None:
        print(f"用法错误：缺少或无法读取 {ORGANIZATION}，请先运行 disclosure check 修正", file=sys.stderr)
        return EXIT_USAGE
    kind = args.content
    spec = scaffold.KINDS[kind]
    facts: dict[str, str] = {}
    for fact in spec.facts:
        value = getattr(args, fact)
        if value is None:
            continue
        facts[fact] = value.isoformat() if isinstance(value, dt.date) else value
        problem = None if isinstance(value, dt.date) else scaffold.problem(project, kind, fact, value)
        if problem:
            print(f"用法错误：--{fact}（{scaffold.label(kind, fact)}）：{problem}", file=sys.stderr)
            return EXIT_USAGE
    missing = [fact for fact in spec.required if fact not in facts]
    if args.dry_run:
        return _show_draft(project, options, kind, {fact: "" for fact in missing} | facts, args.out)
    if missing and not sys.stdin.isatty():
        named = "、".join(f"--{fact}（{scaffold.label(kind, fact)}）" for fact in missing)
        print(f"用法错误：缺少 {named}；在终端中运行时会逐项询问", file=sys.stderr)
        return EXIT_USAGE
    for fact in missing:
        try:
            facts[fact] = _ask(project, kind, fact)
        except (EOFError, KeyboardInterrupt):
            print("\n已取消，没有写入任何文件", file=sys.stderr)
            return EXIT_USAGE
    try:
        draft = scaffold.draft(project, options, kind, facts, args.out)
        draft.write(root)
    except scaffold.FactError as error:
        print(f"用法错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已新建{spec.what}：{draft.path}")
    for name, text in draft.notes:
        print(f"  {name}：{text}")
    if draft.placeholders:
        print(f"还需填写 {len(draft.placeholders)} 项（在冒号后填写；每项上方一行是填写说明和示例）：")
        for placeholder in draft.placeholders:
            print(f"  第 {placeholder.line} 行  {placeholder.field}（{placeholder.label}）")
    print("填好后运行 disclosure check 检查，用 make serve 预览。")
    return EXIT_OK


def run_init(args) -> int:
    agency = starter.Agency(args.name, args.credit_code, args.address, args.phone, args.site_url)
    try:
        written = starter.create(args.dir, agency)
    except starter.StarterError as error:
        print(f"用法错误：{error}", file=sys.stderr)
        return EXIT_USAGE
    result = check_repository(args.dir, settings.from_config_file(args.dir / "mkdocs.yml", cache_dir=""))
    print(f"已在 {args.dir} 新建{args.name}的内容仓库（{len(written)} 个文件），校验：{len(result.diagnostics)} 个问题")
    print("下一步：进入该文件夹，运行 make build，然后按 README.md 修改机关信息、增删目录事项。")
    return EXIT_OK if result.ok else EXIT_CONTENT


def run_editor(args) -> int:
    for rel in editor_settings.write(args.root):
        print(f"已写入 {rel}")
    return EXIT_OK


COMMANDS = {"check": run_check, "due": run_due, "new": run_new, "init": run_init, "editor": run_editor, "platform": platform_cli.run}


def main(argv: list[str] | None = None) -> int:
    """Ctrl-C and a reader that stops early (`| head`) end in one Chinese line, never a traceback."""
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = _parser(tuple(repository_examples(argv).items())).parse_args(argv)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except KeyboardInterrupt:
        print("\n已中断", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more can reach the reader
        print("输出未全部显示：接收输出的程序已先结束", file=sys.stderr)
        return EXIT_OK
