"""The three renderings of diagnostics: text for people, GitHub annotations for CI, JSON for tools."""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator

from conftest import check, edit
from disclosure.cli import main
from disclosure.diagnostics import CODES

NEWS = "catalogue/docs/news.md"
ODD_NAME = "catalogue/docs/a,b:c%d.md"  # every character a workflow command property must escape

OUTPUT_SCHEMA = {
    "type": "object",
    "required": ["diagnostics", "errors", "warnings"],
    "additionalProperties": False,
    "properties": {
        "errors": {"type": "integer", "minimum": 0},
        "warnings": {"type": "integer", "minimum": 0},
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "line", "column", "code", "name", "message", "field", "label", "hint", "severity"],
                "properties": {
                    "file": {"type": "string", "minLength": 1, "pattern": "^[^/]"},
                    "line": {"type": "integer", "minimum": 0},
                    "column": {"type": "integer", "minimum": 1},
                    "code": {"enum": sorted(CODES)},
                    "name": {"enum": sorted(CODES.values())},
                    "message": {"type": "string", "minLength": 1},
                    "field": {"type": "string"},
                    "label": {"type": "string"},
                    "hint": {"type": "string"},
                    "severity": {"enum": ["error", "warning"]},
                },
            },
        },
    },
}


class Terminal(io.StringIO):
    def isatty(self):
        return True


def with_problems(mini):
    """One error whose value holds a newline and a %, and one warning."""
    edit(mini / NEWS, "kind: 工作动态", 'kind: "工作\\n简报 100%"')
    edit(mini / NEWS, "会议部署了年度律师工作。", "会议部署了年度律师工作。联系人 13812345678")
    return mini


def run(root, *args) -> tuple[int, str]:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = main(["check", str(root), *args])
    return code, output.getvalue()


def test_text_has_one_line_per_problem_and_a_summary(mini):
    code, output = run(with_problems(mini), "--format", "text")
    lines = output.splitlines()
    assert code == 1
    assert len(lines) == 3 and lines[-1] == "1 个错误，1 个警告"
    assert lines[0].startswith(f"{NEWS}:6:1: D103 “工作\\n简报 100%”不是允许的值 (kind / 信息类别) — 可选：")
    assert lines[1].startswith(f"{NEWS}:15:") and " 警告 D403 " in lines[1]
    assert "\033[" not in output


def test_text_is_coloured_on_a_terminal_unless_no_color(mini, monkeypatch):
    with_problems(mini)
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    main(["check", str(mini)])
    assert "\033[31m" in terminal.getvalue() and "\033[33m" in terminal.getvalue()  # red error, yellow warning
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    main(["check", str(mini)])
    assert "\033[" not in terminal.getvalue()


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_escape_data_and_properties(mini, capsys):
    (mini / NEWS).rename(mini / ODD_NAME)
    edit(mini / ODD_NAME, "kind: 工作动态", 'kind: "工作\\n简报 100%"')
    code, output = run(mini, "--format", "github")
    assert code == 1
    annotations = [line for line in output.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and output.splitlines()[-1] == "1 个错误，0 个警告"
    match = re.fullmatch(r"::error file=([^,]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)", annotations[0])
    assert match, annotations[0]
    file, line, column, title, message = match.groups()
    assert file == "catalogue/docs/a%2Cb%3Ac%25d.md" and unescape(file) == ODD_NAME
    assert (line, column, title) == ("6", "1", "D103 not-allowed-value")
    assert "%0A" in message and "100%25" in message
    _, diagnostics = check(mini, capsys=capsys)
    described = f"D103 {diagnostics[0]['message']} ({diagnostics[0]['field']} / {diagnostics[0]['label']}) — {diagnostics[0]['hint']}"
    assert unescape(message) == described


def test_github_is_the_default_inside_github_actions(mini, monkeypatch):
    with_problems(mini)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, output = run(mini)
    assert output.startswith("::error file=catalogue/docs/news.md,line=6,col=1,title=D103 not-allowed-value::")
    assert f"::warning file={NEWS},line=15," in output
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    _, output = run(mini)
    assert output.startswith(f"{NEWS}:6:1: D103 ")


def test_json_output_follows_its_schema(mini):
    code, output = run(with_problems(mini), "--format", "json")
    report = json.loads(output)
    Draft202012Validator(OUTPUT_SCHEMA).validate(report)
    assert code == 1
    assert (report["errors"], report["warnings"]) == (1, 1)
    assert [(d["code"], d["severity"], d["line"]) for d in report["diagnostics"]] == [("D103", "error", 6), ("D403", "warning", 15)]
    assert report["diagnostics"][0]["label"] == "信息类别"


def test_clean_run_says_so_in_every_format(mini):
    for fmt, expected in (("text", "0 个错误，0 个警告\n"), ("github", "0 个错误，0 个警告\n")):
        assert run(mini, "--format", fmt) == (0, expected)
    code, output = run(mini, "--format", "json")
    assert (code, json.loads(output)) == (0, {"diagnostics": [], "errors": 0, "warnings": 0})


def test_as_of_decides_what_has_expired(mini):
    # The mini repository is checked as of 2021-06-30 (its mkdocs.yml); its 规范性文件 is valid until 2025-09-29.
    assert run(mini, "--format", "json")[0] == 0
    code, output = run(mini, "--format", "json", "--as-of", "2025-09-30")
    assert code == 0  # a date passing is a warning: what passed never fails by itself
    found = [(d["code"], d["field"], d["severity"]) for d in json.loads(output)["diagnostics"]]
    assert ("D313", "valid_until", "warning") in found and all(severity == "warning" for _, _, severity in found)


def test_usage_errors_exit_2(tmp_path, mini, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "mkdocs.yml" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["check", str(mini), "--as-of", "2021-02-30"])
    assert stop.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
