"""In a real browser: the four columns, a citizen's question answered, downloads, 大字版, print, axe."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from accessibility import serious_violations
from conftest import ARTIFACTS
from disclosure.pages import columns

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# One page of each kind a reader meets.
PAGES = {
    "home": "",
    "document": "documents/2020-00002/",
    "interpretation": "interpretations/jd-2020-001/",
    "service-guide": "guides/000172002000/",
    "disclosure-guide": "disclosure-guide/",
    "application-form": "disclosure-guide/form/",
    "catalogue": "catalogue/0301/",
    "system-column": "disclosure-rules/",
    "annual-reports-column": "annual-reports/",
    "browse-year": "browse/year/2020/",
    "negative-list": "negative-list/",
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("column", columns.DISCLOSURE_COLUMNS, ids=lambda c: c.folder.strip("/"))
def test_each_column_is_one_click_from_home(page, base_url, column):
    page.goto(base_url)
    page.locator(".md-tabs").get_by_role("link", name=column.name, exact=True).click()
    expect(page.locator("article h1")).to_have_text(column.name)
    assert page.url == base_url + column.folder


def test_reader_finds_2020_licensing_documents_their_validity_and_interpretations(page, base_url):
    """行政许可 documents published in 2020: which are still valid, where each interpretation is."""
    page.goto(base_url)
    page.locator(".md-tabs").get_by_role("link", name="法定主动公开内容").click()
    page.get_by_role("link", name="0301 行政许可").click()
    expect(page.locator("article h1")).to_have_text("0301 行政许可")
    rows = page.locator("table.doc-list tbody tr").filter(has=page.locator('td[data-label="发布日期"]', has_text=re.compile(r"^2020-")))
    found = {}
    for n in range(rows.count()):
        row = rows.nth(n)
        title = row.locator("td.doc-name > a").inner_text()
        validity = row.locator('td[data-label="有效性"]').inner_text()
        interpretation = row.locator('td[data-label="政策解读"] a')
        found[title] = (validity, interpretation.first.get_attribute("href") if interpretation.count() else None)
    assert len(found) == 4
    assert sum(validity == "有效" for validity, _ in found.values()) == 1
    for title, (_, href) in found.items():
        if href:  # the interpretation names this very document as its policy
            page.goto(page.url + href)
            expect(page.locator("nav.related-policy a")).to_have_text(title)
            page.go_back()
    assert sum(href is not None for _, href in found.values()) == 3


def test_the_application_form_downloads_as_a_word_document(page, base_url, tmp_path):
    page.goto(base_url + "disclosure-guide/")
    page.locator("nav.md-nav--primary").get_by_role("link", name="申请表格").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载政府信息公开申请表").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.suffix == ".docx"
    with zipfile.ZipFile(target) as docx:
        assert "政府信息公开申请表" in docx.read("word/document.xml").decode("utf-8")


def test_a_document_attachment_downloads_with_its_stated_size(page, base_url, tmp_path):
    page.goto(base_url + PAGES["document"])
    attachment = page.locator("article ol li", has=page.locator("a[download]")).first
    size = re.search(r"PDF，(\d+) B", attachment.inner_text()).group(1)
    with page.expect_download() as download:
        attachment.locator("a[download]").click()
    target = tmp_path / "attachment.pdf"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size == int(size)


def body_font_size(page) -> float:
    return page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")


def test_large_text_toggle_persists_across_pages(page, base_url):
    page.goto(base_url + PAGES["document"])
    large = page.get_by_role("checkbox", name="大字版")
    expect(large).not_to_be_checked()
    before = body_font_size(page)
    page.locator("label[for=text-size-large]").click()
    expect(large).to_be_checked()
    assert body_font_size(page) >= before * 1.2
    page.screenshot(path=str(ARTIFACTS / "document-large-text-1280.png"))
    page.goto(base_url + PAGES["catalogue"])
    expect(page.get_by_role("checkbox", name="大字版")).to_be_checked()
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    page.get_by_role("checkbox", name="大字版").focus()
    page.keyboard.press("Space")
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('large-text')")


def test_large_text_works_without_javascript(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES["document"])
    toggle = page.locator("label[for=text-size-large]")
    expect(toggle).to_be_visible()
    before = body_font_size(page)
    toggle.click()
    assert body_font_size(page) >= before * 1.2
    context.close()


def test_large_text_is_applied_by_the_page_head_before_any_script_runs(page, base_url):
    page.goto(base_url)
    page.evaluate("localStorage.setItem('disclosure.text-size', 'large')")
    page.route(re.compile(r".*\.js$"), lambda route: route.abort())  # neither site.js nor Material's bundle
    page.goto(base_url + PAGES["document"])
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > 20


def test_large_text_toggle_sits_in_the_header_on_a_phone(phone, base_url):
    phone.goto(base_url)
    toggle = phone.locator(".md-header label[for=text-size-large]")
    expect(toggle).to_be_visible()
    box = toggle.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]


def test_a_document_prints_as_a_clean_official_page(page, base_url):
    page.goto(base_url + PAGES["document"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-footer", ".md-sidebar--secondary", "nav.breadcrumbs"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("table.doc-meta")).to_be_visible()
    expect(page.locator("article h1")).to_be_visible()
    after = page.locator("nav.related-interpretations a").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert base_url + "interpretations/jd-2020-001/" in after
    page.pdf(path=str(ARTIFACTS / "document-print.pdf"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(browser, base_url, name, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url + PAGES[name])
    page.screenshot(path=str(ARTIFACTS / f"{name}-{viewport['width']}.png"))
    assert serious_violations(page) == []
    context.close()


def test_no_serious_accessibility_violations_in_large_text(page, base_url):
    page.goto(base_url + PAGES["catalogue"])
    page.locator("label[for=text-size-large]").click()
    assert serious_violations(page) == []
