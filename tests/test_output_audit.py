"""The output audit: what reaches site/ is what the build meant to publish, and no resident ID
number gets there however it is written — also when the checker cannot see it (a hook, a theme
override, the site's settings). And warnings never block a strict build; errors do."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import edit, mkdocs_build
from disclosure import pii
from disclosure.publishing import audit as audit_module
from disclosure.publishing.audit import Manifest, audit

ID_NUMBER = "11010519491231002X"
NEWS = "catalogue/docs/news.md"
NEWS_PAGE = "documents/2021-00001/index.html"


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Not strict unless asked: the audit must hold in every build."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), *args],
        cwd=root, capture_output=True, text=True, timeout=600,
    )


def add_hook(root: Path, code: str) -> None:
    """A MkDocs hook: what a careless theme change or another plugin could do, unseen by the checker."""
    (root / "hooks.py").write_text(code, encoding="utf-8")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")


# -- warnings and errors in a strict build ---------------------------------------------------
@pytest.mark.slow
def test_a_warning_does_not_block_a_strict_build_and_is_shown(mini, tmp_path):
    edit(mini / NEWS, "会议部署了年度律师工作。", "会议部署了年度律师工作。\n\n联系人：138 1234 5678")
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert f"{NEWS}:17:5: 警告 D403 正文含有手机号码 138****5678" in result.stderr


@pytest.mark.slow
def test_an_error_blocks_a_strict_build(mini, tmp_path):
    edit(mini / NEWS, "会议部署了年度律师工作。", f"联系人 {ID_NUMBER}")
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode != 0
    assert f"{NEWS}:15:5: D402" in result.stderr


# -- docs/ holds assets only ---------------------------------------------------------------
@pytest.mark.slow
def test_a_page_in_docs_is_an_error_and_never_published(mini):
    (mini / "docs/notes").mkdir()
    (mini / "docs/notes/index.md").write_text(f"# 内部说明\n\n联系人 {ID_NUMBER}\n", encoding="utf-8")
    (mini / "docs/leak.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    result = build(mini)
    assert result.returncode == 0, result.stderr  # not strict: the error is logged, the site built without them
    assert "docs/notes/index.md:0:1: D406" in result.stderr and "docs/leak.html:0:1: D406" in result.stderr
    assert not (mini / "site/notes").exists() and not (mini / "site/leak.html").exists()
    assert mkdocs_build(mini, mini / "strict-site").returncode != 0


# -- files nobody meant to publish ------------------------------------------------------------
@pytest.mark.slow
def test_a_file_written_behind_the_builds_back_fails_it_named(mini):
    add_hook(mini, (
        "from pathlib import Path\n"
        "def on_post_build(config):\n"
        "    Path(config.site_dir, 'backup').mkdir()\n"
        "    Path(config.site_dir, 'backup', 'withheld.md').write_text('不予公开的文件', encoding='utf-8')\n"
    ))
    result = build(mini)
    assert result.returncode != 0
    assert "输出审计未通过" in result.stderr and "backup/withheld.md" in result.stderr
    assert not (mini / "site/backup/withheld.md").exists()


@pytest.mark.slow
def test_a_link_put_into_the_site_behind_the_builds_back_fails_it_and_is_removed(mini, tmp_path):
    internal = tmp_path / "internal"
    internal.mkdir()
    (internal / "withheld.md").write_text("不予公开的文件", encoding="utf-8")
    add_hook(mini, (
        "import os\n"
        "def on_post_build(config):\n"
        f"    os.symlink({str(internal)!r}, os.path.join(config.site_dir, 'archive'))\n"
    ))
    result = build(mini)
    assert result.returncode != 0
    assert "输出审计未通过" in result.stderr and "archive: 是一个链接" in result.stderr
    assert not (mini / "site/archive").is_symlink() and (internal / "withheld.md").is_file()


@pytest.mark.slow
def test_a_dirty_build_removes_what_an_earlier_build_left(mini):
    """Not cleaned first (`--dirty`, a preview's default with it): the page of an entry withdrawn since is left over."""
    stale = mini / "site/documents/2020-00099/index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<p>已撤回的文件</p>", encoding="utf-8")
    result = build(mini, "--dirty")
    assert result.returncode == 0, result.stderr
    assert "已删除上次生成留下、本次不再发布的文件：documents/2020-00099/index.html" in result.stderr
    assert not stale.exists()


def test_what_mkdocs_and_the_theme_write_is_expected(demo_site):
    """The demo site passed the audit (it built); these are among what it let through."""
    for rel in ("404.html", "sitemap.xml", "sitemap.xml.gz", "feed.xml", "data/catalogue.csv", "search/data/manifest.json", "assets/site.css"):
        assert (demo_site / rel).is_file(), rel


# -- identity numbers the checker cannot see ---------------------------------------------------
@pytest.mark.parametrize(
    "written",
    [ID_NUMBER, "110105<b>1949</b>1231002X", "&#x31;10105 1949 1231 002X", "１１０１０５１９４９１２３１００２Ｘ", "1101\u200b0519491231002X"],
    ids=["plain", "markup", "references", "full-width", "zero-width"],
)
@pytest.mark.slow
def test_an_id_number_put_into_a_page_after_the_check_fails_the_build(mini, written):
    add_hook(mini, (
        "def on_post_page(output, page, config):\n"
        f"    return output.replace('</article>', '<p>{written}</p></article>') if page.file.src_uri == '{NEWS_PAGE[:-10]}index.md' else output\n"
    ))
    result = build(mini)
    assert result.returncode != 0
    assert f"{NEWS_PAGE}:" in result.stderr and "110105********002X" in result.stderr
    assert not (mini / "site" / NEWS_PAGE).exists()


@pytest.mark.slow
def test_an_id_number_in_the_theme_from_site_settings_fails_the_build(mini):
    (mini / "overrides").mkdir()
    (mini / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}联系：{{ config.extra.contact }}{{ super() }}{% endblock %}\n', encoding="utf-8"
    )
    edit(mini / "mkdocs.yml", "  language: zh\n", "  language: zh\n  custom_dir: overrides\n")
    with open(mini / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("extra:\n  contact: '110105 19491231 002X'\n")
    result = build(mini)
    assert result.returncode != 0 and "index.html:" in result.stderr and "110105********002X" in result.stderr


@pytest.mark.slow
def test_an_id_number_in_the_derived_files_fails_the_build(mini):
    """The site name reaches the Atom feed, written by another process: audited there."""
    edit(mini / "mkdocs.yml", "site_name: 测试站点", f"site_name: 测试站点{ID_NUMBER}")
    result = build(mini)
    assert result.returncode != 0
    assert "feed.xml" in result.stderr and "110105********002X" in result.stderr
    assert not (mini / "site/feed.xml").exists()


# -- the audit as a plain function -------------------------------------------------------------
def test_audit_reads_every_text_form(tmp_path):
    site = tmp_path / "site"
    (site / "search/data/r").mkdir(parents=True)
    (site / "index.html").write_text("<p>欢迎</p>", encoding="utf-8")
    (site / "search/data/r/0.json").write_text(json.dumps({"text": "证件 １１０１０５１９４９１２３１００２Ｘ"}), encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<loc>https://x/{ID_NUMBER}/</loc>".encode()))
    (site / "data.csv").write_text(f"名称,号码\n张三,{ID_NUMBER}\n", encoding="utf-8")
    (site / "planted.txt").write_text("", encoding="utf-8")
    manifest = Manifest({"index.html", "sitemap.xml.gz", "data.csv"}, ("search/data/",))
    found = {(f.path, f.line) for f in audit(site, manifest)}
    assert found == {("planted.txt", 0), ("search/data/r/0.json", 0), ("sitemap.xml.gz", 1), ("data.csv", 2)}
    assert audit(site, manifest, audited=Manifest(set(), ("search/data/",))) and not any(
        f.path.startswith("search/") for f in audit(site, manifest, audited=Manifest(set(), ("search/data/",)))
    )


def test_audit_ignores_what_a_deployment_keeps_in_the_site_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/config").write_text("[core]", encoding="utf-8")
    (tmp_path / ".nojekyll").write_text("", encoding="utf-8")
    assert audit(tmp_path, Manifest()) == []


@pytest.mark.parametrize("named", ["archive", "index.html", "withheld.html"])
def test_a_link_in_the_site_folder_is_refused_and_never_followed(tmp_path, named):
    """A build writes no links; a deployment that follows one publishes what the audit never read,
    also under a name the build meant to write."""
    internal = tmp_path / "internal"
    internal.mkdir()
    (internal / "withheld.html").write_text("<p>不予公开的文件</p>", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "about.html").write_text("<p>欢迎</p>", encoding="utf-8")
    target = internal if named == "archive" else internal / "withheld.html"
    (site / named).symlink_to(target, target_is_directory=target.is_dir())
    found = audit(site, Manifest({"about.html", "index.html"}))
    assert [(f.path, "链接" in f.message) for f in found] == [(named, True)]
    assert not any(f.unexpected for f in found)  # not taken for a leftover that a --dirty build removes quietly


def test_a_folder_that_cannot_be_read_is_named_not_skipped(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "private").mkdir(parents=True)
    (site / "private" / "withheld.html").write_text(f"<p>{ID_NUMBER}</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>欢迎</p>", encoding="utf-8")
    listed = os.scandir

    def scandir(path):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", path)
        return listed(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [(f.path, f.unexpected) for f in audit(site, Manifest({"index.html", "private/withheld.html"}))] == [("private", False)]
    assert audit(tmp_path / "missing", Manifest()) == []


def test_the_audit_in_processes_finds_what_it_finds_in_one(tmp_path, monkeypatch):
    """Shares dealt by size, the largest first to the least loaded: a large file is not paired with the rest."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "catalogue.csv").write_text("名称,号码\n" + "张三,2024-01-01\n" * 2000 + f"李四,{ID_NUMBER}\n", encoding="utf-8")
    for n in range(6):
        (site / f"p{n}.html").write_text(f"<p>页面 {n}</p>" + (f"<p>{ID_NUMBER}</p>" if n % 2 else ""), encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG")
    manifest = Manifest({"catalogue.csv", "logo.png", *(f"p{n}.html" for n in range(6))})
    monkeypatch.setattr(audit_module, "PARALLEL_BYTES", 0)
    shares = audit_module._shares(site, sorted(manifest.files), 2)
    assert shares[0] == ["catalogue.csv"] and sorted(shares[1]) == [f"p{n}.html" for n in range(6)]
    alone = audit(site, manifest)
    assert [f.path for f in alone] == ["catalogue.csv", "p1.html", "p3.html", "p5.html"]
    assert audit(site, manifest, workers=2) == alone
    monkeypatch.setattr(audit_module, "PARALLEL_BYTES", 10**9)
    assert audit_module._shares(site, sorted(manifest.files), 2) == [sorted({*manifest.files} - {"logo.png"})]


# -- how a number may be written --------------------------------------------------------------
SPELLINGS = {
    "ascii": str,
    "full-width": lambda d: chr(ord(d) + 0xFEE0),
    "decimal reference": lambda d: f"&#{ord(d)};",
    "hex reference": lambda d: f"&#x{ord(d):x};",
    "arabic-indic": lambda d: chr(0x0660 + int(d)) if d.isdigit() else d,
}
BETWEEN = ["", "", "", " ", "-", ".", "\u200b", "\u00ad", "&nbsp;", "<b>", "</span>", "<!-- 注 -->", "**", "\u3000"]


def resident_id(body: str) -> str:
    total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return body + "10X98765432"[total % 11]


ids = st.builds(
    lambda area, year, day, seq: resident_id(f"{area}{year}{day}{seq:03d}"),
    st.sampled_from(["110105", "360102", "440305", "650102"]),
    st.integers(1900, 2025).map(str),
    st.sampled_from(["0101", "0228", "1231", "0615"]),
    st.integers(0, 999),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(ids, st.data())
def test_an_id_number_is_found_however_it_is_spelled(number, data):
    spelled = ""
    for position, digit in enumerate(number):
        spelling = SPELLINGS[data.draw(st.sampled_from(sorted(SPELLINGS)))]
        spelled += ("" if position == 0 else data.draw(st.sampled_from(BETWEEN))) + (spelling(digit) if digit != "X" else data.draw(st.sampled_from("XxＸ")))
    text = data.draw(st.sampled_from(["", "身份证号：", "<p>联系人 "])) + spelled + data.draw(st.sampled_from(["", "。", "</p>"]))
    assert pii.may_hold_numbers(text)
    assert [(n.kind, n.digits) for n in pii.find_numbers(text)] == [(pii.RESIDENT_ID, number)]


hostile_text = st.text(st.sampled_from("0123456789١٢３Xx<>b/!-&#x;. \u200b\n中*"), max_size=60)


@settings(max_examples=500)
@given(hostile_text)
def test_the_cheap_first_look_never_hides_a_number(text):
    if not pii.may_hold_numbers(text):
        assert pii.find_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "<td>110105</td><td>19491231002X</td>",  # two table cells: two numbers to a reader
        "911010519491231002X",  # the middle of a longer number
        "11010519491231002Y",
        "11010519491331002X",  # no 13th month: not an identity number, whatever its check character
        "2026-01-15 2026-02-01 至 2026-03-01",
        "0791-86123456",
    ],
)
def test_what_is_not_a_number_of_a_person(text):
    assert pii.find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "digits"),
    [
        ("手机 138 1234 5678", pii.MOBILE, "13812345678"),
        ("+86-139-1234-5678", pii.MOBILE, "13912345678"),
        ("卡号 6222 0200 0000 0000 000", pii.BANK_CARD, "6222020000000000000"),
        ("4111-1111-1111-1111", pii.BANK_CARD, "4111111111111111"),
    ],
)
def test_mobile_and_card_numbers(text, kind, digits):
    assert [(n.kind, n.digits) for n in pii.find_numbers(text)] == [(kind, digits)]


def test_pii_allow_takes_the_number_however_it_was_written(mini, capsys):
    from conftest import check

    edit(mini / NEWS, "会议部署了年度律师工作。", "示例号码 110105 1949 1231 002X")
    edit(mini / NEWS, "disclosure: 主动公开", f'disclosure: 主动公开\npii_allow: ["{ID_NUMBER}"]')
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 0, diagnostics
