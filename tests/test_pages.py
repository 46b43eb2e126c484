"""The site's pages from the demo content: columns, paginated lists, browsing, page meta."""

import dataclasses
import posixpath
import re
import struct

import pytest
import yaml

from conftest import REPO, edit
from disclosure.check import check_repository
from disclosure.layout import Layout, browse_facets, document_kinds, search_facets
from disclosure.options import from_config_file
from disclosure.mkdocs_plugin.theme import THEME_DEFAULTS
from disclosure.pages import columns
from disclosure.pages.listing import Pager
from disclosure.pages.media import mp4_seconds, running_time
from disclosure.pages.site import build_pages, navigation
from disclosure.release import Release



def pages(**options) -> dict[str, str]:
    chosen = dataclasses.replace(OPTIONS, **options)
    return {page.path: page.markdown for page in build_pages(RELEASE, chosen)}


@pytest.fixture(scope="module", autouse=True)
def demo_pages():
    """The demo's pages, rendered once when the first test here runs (not when the module is imported)."""
    global OPTIONS, RESULT, RELEASE, LAYOUT, PAGES, SMALL_PAGES
    OPTIONS = from_config_file(REPO / "mkdocs.yml")
    RESULT = check_repository(REPO, OPTIONS)
    RELEASE = Release(RESULT.project, OPTIONS.as_of)
    LAYOUT = Layout.of(RESULT.project)
    PAGES = pages()
    SMALL_PAGES = pages(page_size=2)


def meta(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def listed(markdown: str) -> list[str]:
    """The 索引号 of the documents a list page shows, in order."""
    return re.findall(r'<td class="doc-id" data-label="索引号">([^<]+)</td>', markdown)


def list_pages(all_pages: dict[str, str], first: str) -> list[str]:
    """Page 1 of a list and the pages that continue it."""
    folder = first.removesuffix("index.md")
    rest = sorted((p for p in all_pages if re.fullmatch(rf"{re.escape(folder)}page/\d+/index\.md", p)), key=lambda p: int(p.split("/")[-2]))
    return [first, *rest]


def test_demo_is_clean_and_names_its_system_column():
    assert RESULT.ok, RESULT.errors
    assert OPTIONS.system_category == "0901"


@pytest.mark.parametrize("column", columns.DISCLOSURE_COLUMNS, ids=lambda c: c.name)
def test_each_of_the_four_columns_is_a_page_with_exactly_its_title(column):
    markdown = PAGES[column.path]
    assert meta(markdown)["title"] == column.name
    assert f"\n# {column.name}\n" in markdown
    assert meta(markdown)["column"] == column.name


def test_the_nav_lists_the_four_columns_in_order_and_only_generated_pages():
    nav = navigation()
    titles = [next(iter(entry)) for entry in nav]
    names = [c.name for c in columns.DISCLOSURE_COLUMNS]
    assert titles[1 : len(names) + 1] == names  # right after 首页

    def paths(entry):
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        return [p for item in value for p in paths(item)] if isinstance(value, list) else [value]

    assert {p for entry in nav for p in paths(entry)} <= set(PAGES)


def test_system_column_lists_the_documents_of_its_catalogue_leaf():
    expected = [d.id for d in RELEASE.documents_in["0901"]]
    assert len(expected) >= 2
    assert listed(PAGES[columns.SYSTEM.path]) == expected


def test_every_list_page_holds_at_most_page_size_entries():
    sizes = {path: len(listed(markdown)) for path, markdown in SMALL_PAGES.items() if path != "index.md"}  # the home page shows the latest 10
    assert max(sizes.values()) == 2
    assert any("/page/3/" in path for path in SMALL_PAGES)


@pytest.mark.parametrize("code", ["0301", "0402", "1101"])
def test_a_paginated_catalogue_item_shows_each_document_once_newest_first(code):
    item = RELEASE.catalogue.by_code[code]
    shown = [i for path in list_pages(SMALL_PAGES, LAYOUT.path_of(item)) for i in listed(SMALL_PAGES[path])]
    assert shown == [d.id for d in RELEASE.documents_in[code]]
    published = [RELEASE.documents_by_id[i].published for i in shown]
    assert published == sorted(published, reverse=True)


def test_pager_links_lead_to_the_other_pages():
    first = LAYOUT.path_of(RELEASE.catalogue.by_code["0301"])
    chain = list_pages(SMALL_PAGES, first)
    assert len(chain) == 3
    second = SMALL_PAGES[chain[1]]
    assert "（第 2 页）" in meta(second)["title"]
    assert "共 5 条，第 2 / 3 页" in second
    for href in re.findall(r'<nav class="pager".*?</nav>', second, re.S)[0].split('href="')[1:]:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(chain[1]), href.split('"')[0])) + "/index.md"
        assert target in SMALL_PAGES, href


def test_pager_numbers_leave_out_far_pages():
    assert Pager("x/index.md", 10, 20, 1000).numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert Pager("x/index.md", 1, 3, 120).numbers == [1, 2, 3]
    assert Pager("x/index.md", 2, 4, 4).path(2) == "x/page/2/index.md"
    assert Pager("x/index.md", 2, 4, 4).path(1) == "x/index.md"


@pytest.mark.parametrize("facet", ["department", "year", "kind"])
def test_each_browse_facet_shares_out_every_public_document_once(facet):
    firsts = [p for p in PAGES if re.fullmatch(rf"browse/{facet}/[^/]+/index\.md", p)]
    shown = [i for first in firsts for path in list_pages(PAGES, first) for i in listed(PAGES[path])]
    assert sorted(shown) == sorted(d.id for d in RELEASE.documents)


def test_browsing_by_year_lists_that_years_publications():
    shown = listed(PAGES["browse/year/2020/index.md"])
    assert shown == [d.id for d in RELEASE.documents if d.published.year == 2020]
    assert meta(PAGES["browse/year/2020/index.md"])["title"] == "发布年份：2020 年"


def test_browse_pages_and_search_filters_share_the_groups_and_their_order():
    """One facet type: a group the browse pages show is an option of the search filter of that name, in the same order."""
    browsing = {facet.name: [value.key for value in facet.values] for facet in browse_facets(RELEASE)}
    searching = {facet.name: [value.key for value in facet.values] for facet in search_facets(RELEASE)}
    assert browsing["kind"] == [kind for kind in document_kinds() if kind in browsing["kind"]] == searching["kind"]
    assert browsing["year"] == sorted(browsing["year"], reverse=True) and set(browsing["year"]) <= set(searching["year"])
    assert [key for key in searching["department"] if key in browsing["department"]] == browsing["department"]


def test_kind_pages_have_pinyin_folders():
    assert "browse/kind/gfxwj/index.md" in PAGES  # 规范性文件
    assert "信息类别：规范性文件" in PAGES["browse/kind/gfxwj/index.md"]


def test_the_catalogue_list_gives_the_fields_of_article_twelve():
    markdown = PAGES["catalogue/0301/index.md"]
    for label in ("索引号", "名称", "成文日期", "发布日期", "有效性", "政策解读"):
        assert f'<th scope="col">{label}</th>' in markdown
    document = RELEASE.documents_by_id["014500123/2020-00002"]
    assert document.summary in markdown and str(document.written) in markdown
    assert 'href="../../interpretations/jd-2020-001/"' in markdown


def test_document_page_meta_feeds_the_government_meta_tags():
    document = RELEASE.documents_by_id["014500123/2020-00002"]
    front = meta(PAGES[LAYOUT.path_of(document)])
    assert front["column"] == columns.CATALOGUE.name
    assert front["published"] == "2020-05-20"
    assert front["source"] == "示例省司法厅"
    assert front["keywords"] == ",".join(document.topics)


def test_the_disclosure_guide_gives_what_article_twelve_asks():
    markdown = PAGES[columns.GUIDE.path]
    office = RELEASE.organization.office
    for text in ("信息分类与编排体系", "获取方式", "工作机构", office.name, office.address, office.hours, office.phone, office.fax, office.email):
        assert text in markdown, text
    for title, folder in (("申请流程", "process"), ("申请表格", "form"), ("受理机构", "office"), ("收费标准", "fees"), ("办理时限", "time-limits")):
        path = f"disclosure-guide/{folder}/index.md"
        assert meta(PAGES[path])["title"] == title
        assert f"[{title}]({folder}/index.md)" in markdown


def test_the_application_form_is_a_download_and_is_published():
    form = RELEASE.organization.application.form
    assert form.endswith(".docx")
    assert f'href="../../{form}" download' in PAGES["disclosure-guide/form/index.md"]
    assert form in RELEASE.files()


def test_fees_come_from_the_organization_when_it_states_them():
    assert RELEASE.organization.application.fees in PAGES["disclosure-guide/fees/index.md"]


def test_guide_downloads_show_size_and_type():
    markdown = PAGES["guides/000172002000/index.md"]
    assert re.search(r'download>示范文本</a>（PDF，\d+ B）', markdown)
    assert re.search(r'download>常见错误示例</a>（PDF，\d+ B）', markdown)
    assert '<ol class="process-steps">' in markdown


def test_a_long_list_has_one_way_to_its_next_page():
    """The list's own pager only: the theme's footer links to the next page in the nav are off."""
    listed = [path for path in SMALL_PAGES if path.startswith("catalogue/") and "/page/2/" in path]
    assert listed
    first = SMALL_PAGES[listed[0].replace("page/2/", "")]
    assert first.count(">下一页</a>") == 1
    assert "navigation.footer" not in THEME_DEFAULTS["features"]


def test_every_page_but_home_says_where_it_stands():
    for path, markdown in PAGES.items():
        if path != "index.md":
            assert '<nav class="breadcrumbs" aria-label="当前位置">' in markdown, path


def mp4(seconds: int, timescale: int = 600) -> bytes:
    """The smallest MP4 a player and our reader accept: ftyp, then moov holding mvhd."""
    ftyp = struct.pack(">I4s4sI8s", 24, b"ftyp", b"isom", 512, b"isomavc1")
    mvhd_body = bytes(4) + struct.pack(">IIII", 0, 0, timescale, seconds * timescale) + bytes(80)
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    return ftyp + moov


def test_a_video_interpretation_plays_with_its_size_length_and_transcript(mini):
    (mini / "attachments" / "talk.mp4").write_bytes(mp4(185))
    edit(mini / "interpretations/rules.md", "form: 文字解读\n", "form: 视频解读\nmedia: attachments/talk.mp4\n")
    options = from_config_file(mini / "mkdocs.yml")
    release = Release(check_repository(mini, options).project, options.as_of)
    [page] = [p for p in build_pages(release, options) if p.path == "interpretations/jd-2020-001/index.md"]
    assert '<video controls preload="none" src="../../attachments/talk.mp4"' in page.markdown
    assert "视频（MP4，" in page.markdown and "时长 3分05秒" in page.markdown and ">下载视频</a>" in page.markdown
    assert page.markdown.index("文字实录</h2>") < page.markdown.index("## 背景依据")


def test_running_time_is_read_from_the_movie_header(tmp_path):
    (tmp_path / "a.mp4").write_bytes(mp4(3725))
    (tmp_path / "b.mp4").write_bytes(b"\x00\x00\x00\x08free" * 3)
    assert running_time(mp4_seconds(tmp_path / "a.mp4")) == "1小时02分"
    assert mp4_seconds(tmp_path / "b.mp4") is None and running_time(None) == ""
