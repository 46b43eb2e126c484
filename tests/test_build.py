"""End to end: the demo repository builds strictly, and its HTML says what it should."""

import re
from pathlib import Path

import pytest

from conftest import REPO, check, edit, mkdocs_build

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


def test_withheld_content_leaves_no_trace(demo_site):
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "catalogue").rglob("*.md"))
    for marker in WITHHELD_MARKERS:
        assert marker in sources, f"the demo must keep {marker} to prove it is withheld"
    for path in demo_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in WITHHELD_MARKERS:
                assert marker.encode() not in data, f"{marker} leaked into {path}"


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
