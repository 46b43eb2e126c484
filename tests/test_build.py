"""End to end: the demo repository builds strictly, and its HTML says what it should."""

import gzip
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, check, edit, mkdocs_build

pytestmark = pytest.mark.slow  # whole site builds

WITHHELD_MARKERS = ("NONPUBLIC-MARKER-7731", "DRAFT-MARKER-5520", "FUTURE-MARKER-9043")


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def links(text: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', text)


def test_demo_content_is_clean(capsys):
    code, diagnostics = check(REPO, capsys=capsys)
    assert [d for d in diagnostics if d["severity"] == "error"] == []
    assert code == 0


def test_policy_and_interpretation_link_both_ways(demo_site):
    interpretation_pages = sorted((demo_site / "interpretations").glob("*/index.html"))
    assert len(interpretation_pages) >= 8
    for page in interpretation_pages:
        text = page.read_text(encoding="utf-8")
        policy_href = re.search(r'class="related-title">所解读文件：</span><a href="([^"]+)"', text).group(1)
        policy = (page.parent / policy_href / "index.html").resolve()
        assert policy.is_file(), policy_href
        back = (policy.parent / "x").resolve().parent
        policy_links = [(back / href).resolve() for href in links(policy.read_text(encoding="utf-8"))]
        assert page.parent.resolve() in policy_links, f"{policy} does not link back to {page}"


def test_guide_page_lists_its_materials(demo_site):
    text = html(demo_site, "guides/" + next(p.name for p in (demo_site / "guides").iterdir() if p.is_dir()))
    assert "<h2" in text and "申请材料" in text
    table = text[text.index("申请材料") :]
    assert "<table" in table and "材料名称" in table and '<td data-label="序号">1</td>' in table


def test_document_page_has_its_metadata_block(demo_site):
    page = next((demo_site / "documents").glob("*/index.html"))
    text = page.read_text(encoding="utf-8")
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "有效性", "内容概述"):
        assert f'<th scope="row">{label}</th>' in text


def test_catalogue_pages_cover_the_tree(demo_site):
    leaves = [p for p in (demo_site / "catalogue").glob("*/index.html") if len(p.parent.name) == 4]
    assert len(leaves) >= 8
    assert "公开时限" in leaves[0].read_text(encoding="utf-8")


def traces(site: Path, markers) -> list[str]:
    """Where under site/ any marker shows: in a path, or in a file's bytes (gzip files opened)."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes() if path.is_file() else b""
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        for marker in markers:
            if marker.lower() in rel.lower() or marker.lower().encode() in data.lower():
                found.append(f"{marker} in {rel}")
    return found


def test_withheld_content_leaves_no_trace(demo_site):
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "catalogue").rglob("*.md"))
    for marker in WITHHELD_MARKERS:
        assert marker in sources, f"the demo must keep {marker} to prove it is withheld"
    assert (demo_site / "sitemap.xml.gz").is_file() and (demo_site / "search" / "data" / "manifest.json").is_file()
    assert traces(demo_site, WITHHELD_MARKERS) == []


# The demo's withheld documents, and the marker each carries in every field and file name in the test below.
WITHHELD = {
    "catalogue/documents/2026/complaint-review-reply.md": "NONPUBLIC-MARKER-7731",
    "catalogue/documents/2026/legal-aid-quality-review-draft.md": "DRAFT-MARKER-5520",
    "catalogue/documents/2027/lawyer-annual-review-2026.md": "FUTURE-MARKER-9043",
}


def test_withheld_markers_in_titles_files_and_links_leave_no_trace(demo, tmp_path):
    """Markers in titles, summaries, topics, attachment names and files, an interpretation and a draft guide."""
    edit(demo / "mkdocs.yml", "interpretation_days: 3", 'interpretation_days: 3\n      as_of: "2026-11-23"')  # the future stays future
    for rel, marker in WITHHELD.items():
        path = demo / rel
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", rf"title: \1{marker}", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^summary: (.*)$", rf"summary: \1{marker}", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^topics: \[", f"topics: [{marker}, ", text, count=1, flags=re.MULTILINE)
        attachment = f"attachments/withheld/{marker.lower()}.pdf"
        text = text.replace("\n---\n", f"\nattachments:\n  - title: {marker} 附件\n    file: {attachment}\n---\n", 1)
        path.write_text(text, encoding="utf-8")
        (demo / attachment).parent.mkdir(exist_ok=True)
        (demo / attachment).write_bytes(f"%PDF-1.4 {marker}".encode())
    (demo / "interpretations/2027").mkdir()
    (demo / "interpretations/2027/future-marker.md").write_text(
        "---\nid: jd-FUTURE-MARKER-9043\ntitle: FUTURE-MARKER-9043 解读\npolicy: \"014500123/2027-00001\"\nform: 图文解读\n"
        "department: lawyer\npublished: 2027-01-04\nmedia: attachments/withheld/future-marker-9043-graphic.png\n---\n"
        "## 背景依据\n\nFUTURE-MARKER-9043\n\n## 主要内容\n\nFUTURE-MARKER-9043\n",
        encoding="utf-8",
    )
    (demo / "attachments/withheld/future-marker-9043-graphic.png").write_bytes(b"\x89PNG\r\n\x1a\nFUTURE-MARKER-9043")
    (demo / "calendar.yml").write_text("years: [2027]\nholidays: [2027-01-01]\n", encoding="utf-8")  # the calendar package stops at 2026
    guide = (demo / "guides/legal-aid-application.yml").read_text(encoding="utf-8")
    guide = guide.replace('code: "000172011000"', 'code: "DRAFT-MARKER-5520"\ndraft: true').replace("name: 法律援助申请", "name: DRAFT-MARKER-5520 申请")
    guide = guide.replace("templates/legal-aid-application/application-form.pdf", "attachments/withheld/draft-marker-5520-form.pdf")
    (demo / "guides/draft-marker.yml").write_text(guide, encoding="utf-8")
    (demo / "attachments/withheld/draft-marker-5520-form.pdf").write_bytes(b"%PDF-1.4 DRAFT-MARKER-5520")

    site = tmp_path / "site"
    result = mkdocs_build(demo, site)
    assert result.returncode == 0, result.stderr
    assert (site / "sitemap.xml").is_file() and (site / "search" / "data" / "manifest.json").is_file()
    assert traces(site, WITHHELD_MARKERS) == []
    assert "律师事务所年度检查考核" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_attachment_is_downloadable(demo_site):
    for page in (demo_site / "documents").glob("*/index.html"):
        for href in re.findall(r'<a download href="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("catalogue/organization.yml", "credit_code"),
        ("catalogue/directory.yml", "channels"),
        ("guides/*.yml", "supervision"),
        ("catalogue/documents/*/*.md", "summary"),
        ("interpretations/*/*.md", "form"),
    ],
)
def test_removing_a_required_field_fails_check_and_build(demo, capsys, path, field):
    target = sorted(demo.glob(path))[0]
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.match(rf"\s*(- )?{field}:", line))
    indent = len(lines[index]) - len(lines[index].lstrip(" -"))
    end = index + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip(" ")) > indent:
        end += 1  # the field's nested lines go with it
    del lines[index:end]
    target.write_text("".join(lines), encoding="utf-8")
    rel = target.relative_to(demo).as_posix()

    code, diagnostics = check(demo, capsys=capsys)
    assert code == 1
    missing = [d for d in diagnostics if d["code"] == "D101" and d["file"] == rel and d["field"].endswith(field)]
    assert missing and missing[0]["line"] >= 1

    result = mkdocs_build(demo, demo / "site")
    assert result.returncode != 0
    assert re.search(rf"{re.escape(rel)}:\d+:\d+: D101 .*{field}", result.stderr)


class _Page(HTMLParser):
    """The text of a page's <title> and first <h1>, its meta description, and the elements inside <article>."""

    def __init__(self, html_text: str):
        super().__init__()
        self.title = self.h1 = self.description = ""
        self.links: list[str] = []
        self.inside: list[str] = []
        self.tags_in_article: list[str] = []
        self._h1_done = False
        self.feed(html_text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content", "")
        if "article" in self.inside:
            self.tags_in_article.append(tag)
        if tag == "a":
            self.links.append("")
        self.inside.append(tag)

    def handle_endtag(self, tag):
        if tag in self.inside:
            while self.inside.pop() != tag:
                pass
        if tag == "h1":
            self._h1_done = True

    def handle_data(self, data):
        if "title" in self.inside:
            self.title += data
        if "h1" in self.inside and not self._h1_done:
            self.h1 += data
        if "a" in self.inside and self.links:
            self.links[-1] += data


LITERAL_TITLE = "会议 <b>加粗</b> & *星号* _下划线_ [链接](x) `代码` # 井号 | 竖线 &amp; {括号}"
LITERAL_SUMMARY = '他说"你好" & <i>斜体</i> 100%'


def test_titles_and_summaries_are_shown_literally(mini, tmp_path):
    """Jinja autoescape plus Markdown escaping: what an editor typed is what a reader sees, never markup."""
    news = mini / "catalogue/docs/news.md"
    edit(news, "title: 测试市司法局召开律师工作会议", f"title: '{LITERAL_TITLE}'")
    edit(news, "summary: 部署年度律师工作。", f"summary: '{LITERAL_SUMMARY}'")
    site = tmp_path / "site"
    # Not strict: the checker rejects HTML in titles (D404), and the page must be safe all the same.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=mini, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "D404" in result.stderr
    page = _Page((site / "documents/2021-00001/index.html").read_text(encoding="utf-8"))
    assert page.h1 == LITERAL_TITLE
    assert page.title == f"{LITERAL_TITLE} - 测试站点"
    assert page.description == LITERAL_SUMMARY
    assert "b" not in page.tags_in_article and "i" not in page.tags_in_article and "code" not in page.tags_in_article
    listing = _Page((site / "catalogue/02/index.html").read_text(encoding="utf-8"))
    assert LITERAL_TITLE in listing.links


def test_the_navigation_rendered_once_per_folder_is_the_one_each_page_would_render(demo_site, demo):
    # The same site with Material's navigation rendered afresh on every page: a hook takes the shared one away.
    (demo / "hooks.py").write_text(
        "from mkdocs.plugins import event_priority\n\n\n@event_priority(-100)\ndef on_env(env, config, files):\n"
        "    env.globals['disclosure_navigation'] = None\n",
        encoding="utf-8",
    )
    with open(demo / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")
    result = mkdocs_build(demo, demo / "site")
    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(demo_site) for path in demo_site.rglob("*.html"))
    assert pages == sorted(path.relative_to(demo / "site") for path in (demo / "site").rglob("*.html"))
    shared = [page for page in pages if 'class="md-nav md-nav--primary' in (demo_site / page).read_text(encoding="utf-8")]
    assert len(shared) > 100
    for page in pages:
        assert (demo_site / page).read_bytes() == (demo / "site" / page).read_bytes(), page
