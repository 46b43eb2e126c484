"""Write every example output in handbook/ from a real run of the command it shows.

- handbook/diagnostics.md: the example line of each code is the line `disclosure check` prints for
  a case of that code in tests/test_bad_input.py (a copy of tests/fixtures/mini with one mistake made).
- Any page: a ```text block right after a marker
  `<!-- 示例输出（scripts/handbook_examples.py 生成）：命令；命令 -->` is what the last of those
  commands prints, run one after another in a fresh copy of this repository; `上面的命令` stands for
  the command in the nearest ```sh block above the marker (so the page shows what it runs), and a
  final `只显示第一行` keeps the first line of the output.

tests/test_handbook.py fails when a page and the tool disagree; run
`python scripts/handbook_examples.py` to rewrite the pages.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HANDBOOK = REPO / "handbook"
PAGE = HANDBOOK / "diagnostics.md"
sys.path.insert(0, str(REPO / "tests"))

from conftest import DEMO_PARTS, copy_tree  # noqa: E402  (the demo repository as the tests copy it)
from test_bad_input import CASES  # noqa: E402  (the cases the test suite already runs)

from disclosure.cli import main  # noqa: E402

MINI = REPO / "tests" / "fixtures" / "mini"
# The case whose mistake the page's prose describes, where it is not the first of its code.
CHOSEN = {
    "D002": "colon-in-a-value", "D105": "chinese-label-as-key", "D003": "duplicate-key-front-matter", "D104": "date-in-chinese-in-list", "D107": "title-left-blank",
    "D108": "zero-copies", "D111": "on-as-name", "D205": "media-missing", "D401": "event-handler-in-body",
}
_SECTION = re.compile(r"^### (D\d{3}) .*?(?=^#{2,3} |\Z)", re.MULTILINE | re.DOTALL)
_BLOCK = re.compile(r"(\*\*错误示例\*\*：\n\n)((?:```(?!text)\w*\n.*?```\n\n)*)```text\n.*?```", re.DOTALL)


def run(code: str) -> tuple[str, str]:
    """The line `disclosure check` prints for the first case of `code`, and the lines of the file that
    case changed up to the reported one (what the mistake looks like)."""
    case = next(c for c in CASES if c.name == CHOSEN[code]) if code in CHOSEN else next(c for c in CASES if c.code == code)
    rel = case.where or case.file
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "mini"
        shutil.copytree(MINI, root)
        before = (root / rel).read_text(encoding="utf-8", errors="replace").split("\n") if (root / rel).is_file() else []
        case.edit(root, root / case.file)
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            main(["check", str(root), "--format", "text", "--no-cache"])
        after = (root / rel).read_text(encoding="utf-8", errors="replace").split("\n") if (root / rel).is_file() else []
    where = f"{rel}:{case.line}:"
    line = next(text for text in output.getvalue().splitlines() if text.startswith(where) and f" {code} " in text)
    changed = {j for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes() if tag != "equal" for j in range(j1, j2)}
    last = case.line - 1 if case.line else max(changed, default=0)
    first = max(min(changed | {last}), last - 3)
    return line, "\n".join(after[first : last + 1])


def render(text: str) -> str:
    def section(match: re.Match) -> str:
        line, excerpt = run(match.group(1))

        def block(found: re.Match) -> str:
            shown = ""
            if found.group(2):  # the page shows the mistake itself too: the lines the case changed
                language = "yaml" if match.group(0).find("```yaml") >= 0 else "markdown"
                shown = f"```{language}\n{excerpt}\n```\n\n"
            return found.group(1) + shown + "```text\n" + line + "\n```"

        return _BLOCK.sub(block, match.group(0), count=1)

    return _SECTION.sub(section, text)


_MARKER = re.compile(
    r"^(?P<indent> *)<!-- 示例输出（scripts/handbook_examples\.py 生成）：(?P<steps>.+?) -->\n(?P=indent)```text\n.*?^(?P=indent)```$",
    re.MULTILINE | re.DOTALL,
)
_SHELL = re.compile(r"^( *)```sh\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)
ABOVE, FIRST_LINE = "上面的命令", "只显示第一行"


class ExampleError(Exception):
    """A marker whose commands cannot be run as written."""


def _command_above(text: str, at: int) -> str:
    blocks = list(_SHELL.finditer(text, 0, at))
    if not blocks:
        raise ExampleError(f"no ```sh block above the marker at offset {at}")
    commands = [line for line in blocks[-1].group(2).replace("\\\n", " ").splitlines() if line.strip()]
    if len(commands) != 1:
        raise ExampleError(f"the ```sh block above the marker at offset {at} holds {len(commands)} commands, not one")
    return commands[0]


def _run(command: str, root: Path) -> str:
    words = shlex.split(command, comments=True)
    if not words or Path(words[0]).name != "disclosure":
        raise ExampleError(f"not a disclosure command: {command}")
    output = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        main(words[1:])
    return output.getvalue()


def command_output(steps: str, command_above: str) -> str:
    """What the last of `steps` prints, each run in turn in a fresh copy of this repository."""
    commands = [step.strip() for step in steps.split("；")]
    first_line = commands[-1] == FIRST_LINE
    commands = [command_above if step == ABOVE else step for step in commands[: -1 if first_line else None]]
    with tempfile.TemporaryDirectory() as folder:
        root = copy_tree(REPO, Path(folder) / "repository", DEMO_PARTS)
        for command in commands:
            output = _run(command, root)
    lines = output.rstrip("\n").split("\n")
    return "\n".join(lines[:1] if first_line else lines)


def render_commands(text: str) -> str:
    def example(match: re.Match) -> str:
        indent = match.group("indent")
        above = _command_above(text, match.start()) if ABOVE in match.group("steps") else ""
        shown = "\n".join((indent + line).rstrip() for line in command_output(match.group("steps"), above).split("\n"))
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n{indent}```text\n{shown}\n{indent}```"

    return _MARKER.sub(example, text)


def render_page(name: str, text: str) -> str:
    """The handbook page `name` with every generated example as the tool prints it today."""
    text = render_commands(text)
    return render(text) if name == PAGE.name else text


if __name__ == "__main__":
    for page in sorted(HANDBOOK.glob("*.md")):
        page.write_text(render_page(page.name, page.read_text(encoding="utf-8")), encoding="utf-8")
