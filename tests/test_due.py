"""Time never breaks what passed: what a date makes due is a warning and a line in `disclosure due`."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import replace

import pytest

from conftest import REPO, check, edit
from disclosure.cli import main
from disclosure.loader import load_project
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.release import Release
from disclosure.rules import run_rules

CONSULTATION = "catalogue/documents/2021/consultation.md"


@pytest.mark.slow  # seven hundred checks
def test_the_demo_passes_on_every_day_of_the_next_two_years():
    """One load, the rules run again for each of 731 days from today."""
    project, problems = load_project(REPO)
    assert [p for p in problems if p.is_error] == []
    options = from_config_file(REPO / "mkdocs.yml", cache_dir="")
    today, failing, warned = dt.date.today(), {}, set()
    for offset in range(731):
        day = today + dt.timedelta(days=offset)
        diagnostics = run_rules(project, replace(options, as_of=day))
        errors = [d for d in diagnostics if d.is_error]
        if errors:
            failing[day] = errors
        warned |= {d.code for d in diagnostics}
    assert failing == {}
    # The days really bring what is due: the demo's consultation closes and its guides fall due for review.
    assert {"D307", "D315", "D316"} <= warned


def test_a_lapsed_document_shows_as_expired_without_an_edit(mini):
    options = from_config_file(mini / "mkdocs.yml", cache_dir="")
    project, _ = load_project(mini)
    before = Release(project, dt.date(2025, 9, 29)).documents_by_id["014500123/2020-00001"]
    after = Release(project, dt.date(2025, 9, 30)).documents_by_id["014500123/2020-00001"]
    assert (before.validity, after.validity) == ("有效", "失效")
    assert project.documents_by_id["014500123/2020-00001"].validity == "有效"  # the file is not changed
    pages = {p.path: p.markdown for p in build_pages(Release(project, dt.date(2025, 9, 30)), replace(options, as_of=dt.date(2025, 9, 30)))}
    page = next(text for path, text in pages.items() if path.startswith("documents/2020-00001"))
    assert "本文件失效" in page and "有效期至 2025-09-29" in page


def test_check_warns_and_passes_once_the_day_has_come(mini, capsys):
    edit(mini / "catalogue/docs/rules.md", "valid_until: 2025-09-29", "valid_until: 2021-06-29")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 0
    assert [(d["code"], d["severity"], d["line"]) for d in diagnostics] == [("D313", "warning", 13)]


def due(root, *args, capsys) -> tuple[int, str]:
    code = main(["due", str(root), *args])
    return code, capsys.readouterr().out


def test_due_lists_overdue_and_upcoming_with_owner_and_file(mini, capsys, monkeypatch, tmp_path):
    edit(mini / "catalogue/docs/news.md", "kind: 工作动态", "kind: 征求意见\nconsultation:\n  start: 2021-06-01\n  end: 2021-06-25")
    edit(mini / "catalogue/docs/rules.md", "valid_until: 2025-09-29", "valid_until: 2021-07-20")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = due(mini, "--format", "json", capsys=capsys)
    assert code == 0
    listed = json.loads(out)
    assert listed["as_of"] == "2021-06-30"
    items = {(i["code"], i["status"]): i for i in listed["items"]}
    feedback = items[("D307", "overdue")]
    assert (feedback["due"], feedback["file"], feedback["line"], feedback["workdays"]) == ("2021-06-25", "catalogue/docs/news.md", 7, 3)
    assert feedback["owner"] == "办公室"
    expiry = items[("D313", "upcoming")]
    assert (expiry["due"], expiry["department"], expiry["workdays"]) == ("2021-07-20", "lawyers", 14)
    # The same list, as the job summary of a GitHub workflow.
    table = summary.read_text(encoding="utf-8")
    assert "| 逾期 | 2021-06-25（周五），已逾期 3 个工作日 |" in table and "`catalogue/docs/news.md:7`" in table

    code, text = due(mini, "--within", "10", capsys=capsys)
    assert "逾期 1 项，10 天内到期 0 项" in text and "D313" not in text and "2021-07-20" not in text


def test_the_annual_report_is_due_by_the_end_of_january(mini, capsys):
    code, out = due(mini, "--as-of", "2022-01-10", "--format", "json", capsys=capsys)
    report = [i for i in json.loads(out)["items"] if i["code"] == "D315"]
    assert [(i["status"], i["due"], i["file"]) for i in report] == [("upcoming", "2022-01-31", "catalogue/annual-reports/2021.yml")]
    code, diagnostics = check(mini, "--as-of", "2022-02-01", capsys=capsys)
    assert ("D315", "warning") in [(d["code"], d["severity"]) for d in diagnostics] and code == 0


def git(root, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=编辑", "-c", "user.email=editor@example.gov.cn", *args], cwd=root, check=True, capture_output=True)


def test_a_change_is_blocked_by_what_is_due_in_the_files_it_touches(mini, capsys):
    """Time never fails the repository; a pull request that edits a file must do what is overdue in it."""
    edit(mini / "guides/lawyer.yml", "updated: 2021-01-05", "updated: 2020-05-01")
    edit(mini / "catalogue/docs/rules.md", "valid_until: 2025-09-29", "valid_until: 2021-06-01")
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "start")
    git(mini, "branch", "base")
    code, diagnostics = check(mini, "--changed-since", "base", capsys=capsys)
    assert code == 0 and {d["code"] for d in diagnostics} == {"D313", "D316"}

    edit(mini / "guides/lawyer.yml", "name: ", "name: 修改后的")  # the change touches the guide, not the document
    git(mini, "commit", "-q", "-am", "edit the guide")
    code, diagnostics = check(mini, "--changed-since", "base", capsys=capsys)
    assert code == 1
    assert {(d["code"], d["severity"]) for d in diagnostics} == {("D316", "error"), ("D313", "warning")}
    assert check(mini, capsys=capsys)[0] == 0  # without a change to judge, the date alone never fails
