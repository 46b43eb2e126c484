"""The CI gate: the workflows as GitHub would run them, and the pre-commit hook."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, edit

pytestmark = pytest.mark.slow  # runs the workflows' commands, actionlint and pre-commit

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent  # disclosure, mkdocs, actionlint, pre-commit
INCOMPLETE = "catalogue/documents/2026/incomplete-notice.md"
INCOMPLETE_TEXT = """---
id: "014500123/2026-00099"
title: 关于调整办公时间的通知
summary:
category: "0903"
kind: 通知公告
drafting_department: office
written: 2026-01-05
published: 2026-01-06
disclosure: 主动公开
review:
  reviewer: 办公室保密审查员
  date: 2026-01-05
---

正文。
"""


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def step(data: dict, step_id: str) -> dict:
    return next(s for job in data["jobs"].values() for s in job["steps"] if s.get("id") == step_id)


def run_step(command: str, root: Path) -> subprocess.CompletedProcess:
    """A `run:` command as the runner would execute it, in `root`."""
    env = {**os.environ, "GITHUB_ACTIONS": "true", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-e", "-c", command], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run([BIN / "actionlint", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_check_annotates_the_incomplete_entry(demo):
    ci = workflow("ci.yml")
    assert "pull_request" in ci["on"]
    command = step(ci, "check")["run"]
    assert run_step(command, demo).returncode == 0  # the demo as it stands passes

    (demo / INCOMPLETE).write_text(INCOMPLETE_TEXT, encoding="utf-8")
    result = run_step(command, demo)
    assert result.returncode != 0
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    assert annotations[0].startswith(f"::error file={INCOMPLETE},line=4,col=1,title=D107 ")
    assert "(summary / 内容概述)" in annotations[0]


def test_daily_run_warns_of_a_lapsed_document_and_lists_what_is_due(demo, tmp_path):
    publish = workflow("publish.yml")
    assert "schedule" in publish["on"] and "push" in publish["on"]
    commands = [s["run"] for job in publish["jobs"].values() for s in job["steps"] if "disclosure check" in s.get("run", "")]
    assert len(commands) == 1
    assert run_step(commands[0], demo).returncode == 0

    path = next(p for p in sorted((demo / "catalogue").rglob("*.md")) if "validity: 有效" in p.read_text(encoding="utf-8"))
    until = re.search(r"^valid_until: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    edit(path, f"valid_until: {until}", f"valid_until: {yesterday}")
    result = run_step(commands[0], demo)
    assert result.returncode == 0, result.stdout  # a date passing never fails what passed
    rel = path.relative_to(demo).as_posix()
    assert re.search(rf"^::warning file={re.escape(rel)},line=\d+,col=1,title=D313 validity-expired::D313 有效期至 {yesterday} 已届满", result.stdout, re.MULTILINE)

    summary = tmp_path / "summary.md"
    result = run_step(f"export GITHUB_STEP_SUMMARY={summary}\n" + step(publish, "due")["run"], demo)
    assert result.returncode == 0
    assert f"`{rel}:" in summary.read_text(encoding="utf-8") and f"| 逾期 | {yesterday}" in summary.read_text(encoding="utf-8")


def test_publish_deploys_to_pages_with_the_default_token_only():
    publish = workflow("publish.yml")
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "actions/upload-pages-artifact" in [s.get("uses", "").split("@")[0] for need in deploy["needs"] for s in publish["jobs"][need]["steps"]]
    for name in ("ci.yml", "publish.yml"):
        assert "secrets." not in (WORKFLOWS / name).read_text(encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_pre_commit_hook_stops_an_incomplete_entry(demo, tmp_path):
    shutil.copy(REPO / ".pre-commit-config.yaml", demo)
    (demo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    (demo / ".venv").symlink_to(REPO / ".venv")
    git(demo, "init", "-q")
    git(demo, "add", "-A")
    git(demo, "-c", "user.name=编辑", "-c", "user.email=editor@example.gov.cn", "commit", "-q", "-m", "start")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def hook() -> subprocess.CompletedProcess:
        return subprocess.run([BIN / "pre-commit", "run"], cwd=demo, env=env, capture_output=True, text=True, timeout=300)

    (demo / "notes.txt").write_text("与内容无关的文件\n", encoding="utf-8")
    git(demo, "add", "notes.txt")
    result = hook()
    assert result.returncode == 0 and "Skipped" in result.stdout  # nothing for the checker

    (demo / INCOMPLETE).write_text(INCOMPLETE_TEXT, encoding="utf-8")
    git(demo, "add", INCOMPLETE)
    result = hook()
    assert result.returncode == 1
    assert f"{INCOMPLETE}:4:1: D107 未填写 (summary / 内容概述)" in result.stdout

    edit(demo / INCOMPLETE, "summary:\n", "summary: 调整夏季办公时间。\n")
    git(demo, "add", INCOMPLETE)
    assert hook().returncode == 0


def needed(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before `name` runs."""
    needs = jobs[name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(needed(jobs, job) for job in direct))


def test_an_error_never_deploys():
    publish = workflow("publish.yml")
    jobs = publish["jobs"]
    checking = {name for name, job in jobs.items() for s in job["steps"] if "disclosure check" in s.get("run", "")}
    building = {name for name, job in jobs.items() for s in job["steps"] if "mkdocs build" in s.get("run", "")}
    assert checking and building and checking | building <= needed(jobs, "deploy")
    for name in {"deploy"} | needed(jobs, "deploy"):
        job = jobs[name]
        # `if: always()` on a job or a failure-tolerant step would let a red check through;
        # a report step may run after a failure (`!cancelled()`), the check and build steps run unconditionally.
        assert "if" not in job and "continue-on-error" not in job, name
        for s in job["steps"]:
            assert "continue-on-error" not in s, name
            assert "if" not in s or not any(word in s.get("run", "") for word in ("disclosure check", "mkdocs build")), s
    for name in building:
        for s in jobs[name]["steps"]:
            if "mkdocs build" in s.get("run", ""):
                # Strict on every event, the daily schedule included: no expression may pick another mode.
                assert "--strict" in s["run"].split() and "${{" not in s["run"] and "STRICT" not in str(s.get("env", "")), s["run"]
