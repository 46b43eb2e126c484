"""The built demo site: open data beside the pages, a sitemap of exactly the public pages, meta tags."""

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from disclosure.check import check_repository
from disclosure.layout import Layout
from disclosure.options import from_config_file
from disclosure.release import Release
from test_exports import SITE_URL

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def release() -> Release:
    options = from_config_file(REPO / "mkdocs.yml")
    return Release(check_repository(REPO, options).project, options.as_of)


def meta_tags(page: str) -> dict[str, str]:
    return {name: html.unescape(content) for name, content in re.findall(r'<meta name="(\w+)" content="([^"]*)"', page)}


def sitemap_urls(site) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_exports_are_written_beside_the_pages(demo_site, release):
    catalogue = json.loads((demo_site / "data/catalogue.json").read_text(encoding="utf-8"))
    pages = list((demo_site / "documents").glob("*/index.html"))
    assert catalogue["count"] == len(pages) == len(release.documents)
    assert (demo_site / "data/catalogue.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads((demo_site / "data/guides.json").read_text(encoding="utf-8"))["count"] == len(release.guides)
    ET.parse(demo_site / "feed.xml")


def test_sitemap_lists_exactly_the_public_pages(demo_site, release):
    urls = sitemap_urls(demo_site)
    pages = [p for p in demo_site.rglob("index.html") if "assets" not in p.parts]
    assert len(urls) == len(set(urls)) == len(pages)
    documents = [u for u in urls if u.startswith(SITE_URL + "documents/")]
    assert sorted(documents) == sorted(SITE_URL + Layout.of(release.project).url_of(d) for d in release.documents)
    interpretations = [u for u in urls if re.fullmatch(re.escape(SITE_URL) + r"interpretations/[\w-]+/", u)]
    assert len(interpretations) == len(release.interpretations)
    withheld = [d for d in release.project.documents if d.id not in release.documents_by_id]
    assert withheld
    for document in withheld:
        assert not any(Layout.of(release.project).document_slug(document) in u for u in urls), document.id


def test_document_page_carries_the_article_meta_tags(demo_site):
    page = (demo_site / "documents/2020-00002/index.html").read_text(encoding="utf-8")
    tags = meta_tags(page)
    assert tags["SiteName"] == "示例省司法厅政务公开"
    assert tags["SiteDomain"] == "sft.example.gov.cn"
    assert tags["SiteIDCode"] == "3600000001"
    assert tags["ColumnName"] == "法定主动公开内容"
    assert tags["ColumnType"]
    assert tags["ArticleTitle"] == "示例省司法厅关于印发《示例省律师事务所设立许可实施办法》的通知"
    assert tags["PubDate"] == "2020-05-20"
    assert tags["ContentSource"] == "示例省司法厅"
    assert tags["Keywords"] == "律师事务所,行政许可,设立许可"


# A page of each type that carries a publication: guides and annual reports too.
ARTICLES = {
    "documents/2020-00002/": "示例省司法厅",
    "interpretations/jd-2020-001/": "示例省司法厅",
    "guides/000172002000/": "示例省司法厅",
    "annual-reports/2025/": "示例省司法厅",
}


def test_every_page_type_carries_the_meta_tags_of_the_design_standard(demo_site):
    for page in demo_site.rglob("index.html"):
        tags = meta_tags(page.read_text(encoding="utf-8"))
        assert tags["SiteName"] and tags["SiteDomain"] and tags["SiteIDCode"], page
        if "ColumnName" in tags:
            assert tags["ColumnType"] and tags["ColumnKeywords"].startswith(tags["ColumnName"]), page
    for url, source in ARTICLES.items():
        tags = meta_tags((demo_site / url / "index.html").read_text(encoding="utf-8"))
        assert tags["ArticleTitle"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", tags["PubDate"]), url
        assert tags["ContentSource"].startswith(source) and tags["ColumnName"] and tags["ColumnKeywords"], url


def test_no_page_links_the_feed_as_an_alternate_version(demo_site):
    """Material fetches sitemap.xml for any <link rel=alternate>: the feed is found from the footer instead."""
    for page in demo_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'rel="alternate"' not in text, page
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml">订阅更新' in home


def test_column_page_carries_the_column_meta_tags_only(demo_site):
    tags = meta_tags((demo_site / "disclosure-rules/index.html").read_text(encoding="utf-8"))
    assert tags["ColumnName"] == "政府信息公开制度"
    assert tags["ColumnType"] == "信息公开制度"
    assert "ArticleTitle" not in tags and "PubDate" not in tags


def test_footer_shows_who_answers_for_the_site(demo_site):
    page = (demo_site / "documents/2020-00002/index.html").read_text(encoding="utf-8")
    footer = page[page.index('<div class="md-copyright site-footer">') :]
    assert "网站标识码：3600000001" in footer and "主办单位：示例省司法厅" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备00000000号-1</a>' in footer
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000" rel="noopener">示公网安备00000000000000号</a>' in footer
    assert 'sitecode=3600000001" rel="noopener">我为政府网站找错</a>' in footer
    assert re.search(r'class="site-footer__conac" href="https://bszs\.conac\.cn/[^"]+"', footer)
    assert 'href="../../site-map/">网站地图</a>' in footer
    assert (demo_site / "site-map/index.html").is_file()


def test_the_agency_emblem_and_favicon_replace_materials(demo_site):
    page = (demo_site / "documents/2020-00002/index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="../../assets/emblem.svg">' in page
    assert '<img src="../../assets/emblem.svg" alt=""' in page
    assert "favicon.png" not in page and (demo_site / "assets/emblem.svg").is_file()
