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
    assert 'type="application/atom+xml"' in page


def test_column_page_carries_the_column_meta_tags_only(demo_site):
    tags = meta_tags((demo_site / "disclosure-rules/index.html").read_text(encoding="utf-8"))
    assert tags["ColumnName"] == "政府信息公开制度"
    assert tags["ColumnType"] == "信息公开制度"
    assert "ArticleTitle" not in tags and "PubDate" not in tags


def test_footer_shows_the_site_identification_code(demo_site):
    page = (demo_site / "index.html").read_text(encoding="utf-8")
    footer = page[page.index('<div class="md-copyright">') :]
    assert "网站标识码：3600000001" in footer and "主办单位：示例省司法厅" in footer
