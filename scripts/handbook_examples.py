"""Write the example line of each code in handbook/diagnostics.md from a real run of `disclosure check`.

Each example is the line the checker prints for a case of that code in
tests/test_bad_input.py (a copy of tests/fixtures/mini with one mistake made), so the
handbook shows what the tool says, word for word. tests/test_handbook.py fails when
the page and the tool disagree; run `python scripts/handbook_examples.py` to rewrite it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "handbook" / "diagnostics.md"
sys.path.insert(0, str(REPO / "tests"))

from test_bad_input import CASES  # noqa: E402  (the cases the test suite already runs)

from disclosure.cli import main  # noqa: E402

MINI = REPO / "tests" / "fixtures" / "mini"
# The case whose mistake the page's prose describes, where it is not the first of its code.
CHOSEN = {
    "D002": "unclosed-quote", "D105": "chinese-label-as-key", "D003": "duplicate-key-front-matter", "D104": "date-in-chinese-in-list", "D107": "title-left-blank",
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


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
