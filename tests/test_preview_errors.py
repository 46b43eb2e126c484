"""While content has errors, the preview shows them in the browser at every address and updates on save;
a busy port, Ctrl-C and a closed pipe end in one Chinese line; the command line speaks Chinese."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from conftest import edit
from disclosure import cli
from disclosure.mkdocs_plugin.serve_messages import quiet_after_ctrl_c
from test_serve import wait_for

NEWS = "catalogue/docs/news.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(root, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env=ENV,
    )


def test_the_preview_lists_the_errors_at_every_address_until_they_are_fixed(mini, tmp_path, page):
    edit(mini / NEWS, "kind: 工作动态", "kind：工作动态")
    edit(mini / "guides/lawyer.yml", "legal_days: 20", "legal_days: 5")
    port = free_port()
    with open(tmp_path / "serve.log", "w") as log:
        server = serve(mini, port, log)
    try:
        base = f"http://127.0.0.1:{port}"
        assert wait_for(base + "/", "</html>", 120), (tmp_path / "serve.log").read_text(encoding="utf-8")
        for path in ("/", "/documents/2021-00001/", "/guides/", "/no/such/page/"):
            page.goto(base + path)
            problems = page.locator("#problems li")
            assert problems.count() == 2, path
            texts = problems.all_inner_texts()
            assert "catalogue/docs/news.md:6:5" in texts[0] and "全角冒号" in texts[0] and "写成 kind: 工作动态" in texts[0]
            assert "guides/lawyer.yml:" in texts[1] and "D304" in texts[1]
        # Saving the fixes reloads the open page, which is the site again.
        page.goto(base + "/documents/2021-00001/")
        edit(mini / NEWS, "kind：工作动态", "kind: 工作动态")
        edit(mini / "guides/lawyer.yml", "legal_days: 5", "legal_days: 20")
        page.wait_for_selector("article", timeout=60_000)
        assert page.locator("#problems").count() == 0
        assert "测试市司法局召开律师工作会议" in page.title()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_a_busy_port_is_one_chinese_line(mini):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=mini, capture_output=True, text=True, env=ENV, timeout=120,
        )
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
def test_ctrl_c_ends_the_preview_in_one_chinese_line(mini, builder):
    server = subprocess.Popen(
        [sys.executable, "-m", builder, "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
    )
    try:
        for line in server.stdout:  # the server says when it listens; Ctrl-C comes after that
            if "Serving on" in line:
                break
        server.send_signal(signal.SIGINT)
        said = server.communicate(timeout=60)[0].strip().splitlines()
        assert server.returncode == 0
    finally:
        server.kill()
    assert len(said) == 1 and said[0].endswith("预览已停止"), said


@pytest.mark.parametrize("builder", ["mkdocs", "properdocs"])
def test_ctrl_c_before_the_server_thread_starts_leaves_no_traceback(builder, monkeypatch):
    """The moment the Ctrl-C test can hit under load: the socket closed by Ctrl-C before the thread serves."""
    livereload = importlib.import_module(f"{builder}.livereload")
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=".")
    quiet_after_ctrl_c(server)
    failures = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    server.server_bind()
    server.server_activate()
    server.shutdown()  # as on Ctrl-C: the thread has not started, so only the socket is closed
    server.serve_thread.start()
    server.serve_thread.join(timeout=10)
    assert not server.serve_thread.is_alive() and not failures, [f.exc_value for f in failures]


class Output:
    """A server's output as it comes, read in the background; `after` waits for a line."""

    def __init__(self, server: subprocess.Popen):
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(server.stdout), daemon=True).start()

    def after(self, start: int, text: str, seconds: float = 120) -> list[str]:
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.lines[start:]):
            assert time.monotonic() < deadline, f"no {text!r} in {self.lines[start:]}"
            time.sleep(0.1)
        return self.lines[start:]


@pytest.mark.slow
def test_mkdocs_yml_saved_broken_during_the_preview_is_one_chinese_line_and_the_preview_goes_on(mini):
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=mini, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
    )
    try:
        output = Output(server)
        output.after(0, "Serving on")
        start = len(output.lines)
        edit(mini / "mkdocs.yml", 'as_of: "2021-06-30"', "as_of: 2021-06-31")
        said = output.after(start, "重新生成失败")
        assert [line.strip() for line in said if "mkdocs.yml" in line] == ['mkdocs.yml:29: disclosure 插件设置有误：as_of（定时发布基准日）应为 YYYY-MM-DD 格式的日期，如 "2024-06-30"，现为文本“2021-06-31”']
        assert not any("Traceback" in line or "An error happened" in line for line in said), said
        start = len(output.lines)
        edit(mini / "mkdocs.yml", "as_of: 2021-06-31", 'as_of: "2021-06-30"')
        output.after(start, "Reloading browsers")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


@pytest.mark.slow
def test_a_closed_pipe_is_one_chinese_line(mini):
    """As `disclosure check --format json | head` when head has stopped reading before the check writes."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader has gone before anything is written
    result = subprocess.run(
        [sys.executable, "-m", "disclosure", "check", "--format", "json", "."], cwd=mini, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=120,
    )
    os.close(writer)
    assert result.stderr.strip().splitlines() == ["输出未全部显示：接收输出的程序已先结束"]


def test_ctrl_c_is_one_chinese_line(mini, capsys, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "check", interrupted)
    assert cli.main(["check", str(mini)]) == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err.strip() == "已中断"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["due", "--help"], ["new", "document", "--help"], ["check", "--format", "xml"], ["nosuch"]])
def test_help_and_usage_are_in_chinese(args, capsys):
    with pytest.raises(SystemExit):
        cli.main(args)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "用法：" in text
    for english in ("usage:", "options:", "show this help", "invalid choice", "positional arguments", "TITLE", "AS_OF", "ROOT"):
        assert english not in text, english


def _every_command(parser, words=()):
    """Each command and step of the command line, as words to type before --help."""
    yield words
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _every_command(sub, (*words, name))


@pytest.mark.parametrize("words", list(_every_command(cli.parser())), ids=" ".join)
def test_every_command_explains_itself_in_chinese(words, capsys):
    with pytest.raises(SystemExit):
        cli.main([*words, "--help"])
    text = capsys.readouterr().out
    assert text.startswith("用法：") and re.search(r"[\u4e00-\u9fff]", text.split("\n\n", 1)[1])
    for english in ("usage:", "options:", "show this help", "positional arguments", "show program's version", "default:"):
        assert english not in text, english
    # A value's placeholder names it in Chinese: no CONFIG, AS_OF, [config] or --out out.
    usage = text.split("\n\n", 1)[0]
    assert re.findall(r"\b[A-Z][A-Z_]{2,}\b|\[[a-z_]+\]|--[\w-]+ [a-z_]+\b", usage) == [], usage
