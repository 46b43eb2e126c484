"""Text Python-Markdown cannot render in bounded time is refused (D407) before anything renders it:
by `disclosure check` at its file, line and field, and by the build, which stops before writing a page.

The attacks vary as an attacker would vary them (each shape written a few ways, small enough to
render in a test were it let through, large enough to be over the limit); the careless editor's
bodies are what real 政务公开 texts hold and must pass untouched.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI, check, copy_tree
from disclosure.publishing import shape
from disclosure.publishing.markup import content_markup

NEWS = "catalogue/docs/news.md"  # body starts on line 15 with this sentence
SENTENCE = "会议部署了年度律师工作。"
GUIDE = "guides/lawyer.yml"

ATTACKS = {
    "unclosed-a": "<a " * 40,
    "unclosed-with-attribute": '<a b="' * 40,
    "unclosed-single-quote": "<a b='" * 40,
    "unclosed-end-tags": "</a " * 40,
    "unclosed-letters-after-lt": "a<b" * 40,
    "unclosed-autolinks": "<http:" * 40,
    "unclosed-on-lines": "<a\n" * 40,
    "cdata": "<![CDATA[" * 40,
    "declarations": "<!x " * 40,
    "processing-instructions": "<?x " * 40,
    "unclosed-comments": "<!-- " * 40,
    "tag-too-long": ("<a " + "b " * 1200 + ">") * 11,
    "closed-by-a-far-gt": "<a " * 40 + "\n\n" + "文" * 3000 + ">",
    "lt-inside-a-closed-comment-start": "<!-- -- >" + "<a " * 40 + "-->",
    "brackets": "[" * 800,
    "image-brackets": "![" * 700,
    "brackets-on-lines": "[\n" * 800,
    "brackets-closed-at-the-end": "[" * 800 + "]",
    "nested-brackets": "[" * 20 + "x" + "]" * 20,
    "nested-list-on-one-line": "1. " * 30 + "x",
    "nested-bullets-on-one-line": "- " * 30 + "x",
    "nested-quotes": "> " * 30 + "x",
    "quotes-without-spaces": ">" * 30 + " x",
    "indented-list": "".join("    " * depth + "- 项\n" for depth in range(30)),
    "tab-indented-list": "".join("\t" * depth + "- 项\n" for depth in range(30)),
    "markdown-blocks": '<div markdown="1">\n' * 70 + "x\n" + "</div>\n" * 70,
    "dense-markup": "<b>" * 10_001,
}

CARELESS = {
    "less-than-in-a-table": "| 收入 | 档次 |\n|---|---|\n| 月收入 < 5000 元 | 一档 |\n| 5000 元<月收入<8000 元 | 二档 |\n| x<y 时 | 三档 |",
    "legal-citations": "根据《中华人民共和国律师法》[1]和《律师执业管理办法》[2]【第十条】，依照 [2021] 3 号文件。\n\n[1]: https://www.gov.cn/\n",
    "a-bracket-left-open": "注[1：本办法自发布之日起施行。\n\n第二段[未闭合。",
    "links": "详见[通知](https://www.gov.cn/a.html)和![图](attachments/a.png)。" * 200,
    "a-few-html-tags": "<b>重点</b>内容<br>第二行<span title=\"说明\">说明</span>",
    "a-comment": "<!-- 内部意见：待领导审核后再发；<b>不要</b>发布 -->\n正文。",
    "nested-list": "- 一\n    - 二\n        - 三\n            1. 四\n",
    "quotes": "> 引用\n>\n> > 引用中的引用\n",
    "full-width-indent": "\u3000\u3000为规范律师执业活动，制定本办法。\n" * 100,
    "arrows-and-comparisons": "A -> B，C => D，1 < 2，a <= b，<-- 返回",
    "hr-lines": "---\n\n* * *\n\n- - -\n",
    "code-block": "    缩进四格的代码\n        再缩进\n",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_every_shape_is_refused(name):
    text = SENTENCE + "\n\n" + ATTACKS[name]
    found = shape.problems(text)
    assert found, name
    assert 0 <= found[0].offset < len(text)


@pytest.mark.parametrize("name", sorted(CARELESS))
def test_what_editors_write_passes(name):
    assert shape.problems(CARELESS[name]) == []


@pytest.mark.parametrize("name", ["unclosed-a", "brackets", "nested-list-on-one-line", "dense-markup"])
def test_the_check_names_file_line_and_field_and_renders_nothing(mini, capsys, monkeypatch, name):
    rendered = []
    monkeypatch.setattr(content_markup().renderer, "convert", lambda text: rendered.append(text) or "")
    path = mini / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace(SENTENCE, SENTENCE + "\n\n" + ATTACKS[name], 1), encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    refused = [(d["file"], d["line"], d["field"]) for d in diagnostics if d["code"] == "D407"]
    assert code == 1
    assert refused and refused[0][0] == NEWS and refused[0][2] == "body" and refused[0][1] >= 15
    assert not any(ATTACKS[name] in text for text in rendered)


def test_a_field_is_refused_with_its_key(mini, capsys):
    path = mini / GUIDE
    path.write_text(path.read_text(encoding="utf-8").replace("conditions: |", "result: '" + "<a " * 40 + "'\nconditions: |", 1), encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    assert (GUIDE, "result") in {(d["file"], d["field"]) for d in diagnostics if d["code"] == "D407"}


def test_the_careless_bodies_check_clean(mini, capsys):
    path = mini / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace(SENTENCE, "\n\n".join(CARELESS.values()), 1), encoding="utf-8")
    _, diagnostics = check(mini, capsys=capsys)
    assert [d for d in diagnostics if d["code"] == "D407"] == []


def test_the_build_stops_before_rendering(tmp_path):
    """8 KB of `<a ` would take Python-Markdown about 20 s on Python 3.11.7, 1 MB hours: the build ends at once."""
    root = copy_tree(MINI, tmp_path / "mini")
    path = root / NEWS
    path.write_text(path.read_text(encoding="utf-8").replace(SENTENCE, SENTENCE + "<a " * 300_000, 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(tmp_path / "site")],
                            cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "D407" in result.stderr and "生成页面之前停止" in result.stderr
    assert not list((tmp_path / "site").rglob("documents/*/index.html"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<a ", "<", ">", "[", "]", "![", "1. ", "- ", "> ", "    ", "\t", "\n", "\n\n", "<!--", "-->", "x", "=\"", "<div markdown>"]), max_size=400).map("".join))
def test_what_passes_the_guard_renders(text):
    """Whatever the guard lets through, Python-Markdown renders (deep nesting would exhaust the stack)."""
    if not shape.problems(text):
        renderer = content_markup().renderer
        renderer.reset()
        renderer.convert(text)
