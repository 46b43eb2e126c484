"""In a real browser: the site search on the demo, against the reference query and the pages' own text."""

import random
import re
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import expect

from accessibility import serious_violations
from conftest import ARTIFACTS
from disclosure.check import check_repository
from disclosure.layout import Layout
from disclosure.options import from_config_file
from disclosure.pages.disclosure_guide import application_pages
from disclosure.release import Release
from disclosure.search.plaintext import article_text, markdown_text
from disclosure.search.query import IndexReader

pytestmark = pytest.mark.browser

WITHHELD_MARKERS = ("NONPUBLIC-MARKER-7731", "DRAFT-MARKER-5520", "FUTURE-MARKER-9043")
# Every result, all pages confirmed, as the page would list them one page after another.
ALL_RESULTS = """async ([query, filters, order]) => {
  const result = await disclosureSearch.search(query, filters, order);
  const shown = [];
  for (let page = 0; page * 10 < result.entries.length; page++) {
    for (const { n } of await disclosureSearch.showable(result, page)) shown.push(n);
  }
  return shown;
}"""


def open_search(page, base_url, query: str, **params):
    extra = "".join(f"&{name}={quote(value)}" for name, value in params.items())
    page.goto(f"{base_url}search/?q={quote(query)}{extra}")
    expect(page.locator("#search-status")).not_to_be_empty()
    expect(page.locator("#search-status")).not_to_have_text("正在搜索…")  # shown at once, before the results


def results(page):
    return page.locator("[data-search-result]")


def settled(page):
    """Wait until the query started by the last change has rendered its results."""
    expect(page.locator("#search-results")).not_to_have_attribute("aria-busy", "true")


def article_texts(site) -> dict[str, str]:
    """Each searchable page's text as the reader sees it, by URL."""
    return {
        f"{folder}/{path.parent.name}/": article_text(path.read_text(encoding="utf-8"))
        for folder in ("documents", "interpretations", "guides")
        for path in (site / folder).glob("*/index.html")
    }


@pytest.fixture(scope="module")
def reader(demo_site):
    return IndexReader(demo_site / "search" / "data")


def test_header_box_on_every_page_leads_to_results(page, base_url):
    page.goto(base_url + "guides/")
    page.get_by_role("link", name=re.compile("律师执业许可")).first.click()
    box = page.get_by_role("searchbox", name="搜索本站")
    box.fill("律师")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%BE%8B%E5%B8%88$"))
    first = results(page).first
    expect(first).to_be_visible()
    expect(first.locator("h2 a mark").first).to_have_text("律师")
    expect(first.locator(".search-result__kind")).not_to_be_empty()
    expect(first.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    expect(page.locator("#search-status")).to_contain_text("条结果")
    first.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("律师")


@pytest.mark.parametrize("query", ["律师", "法律援助申请", "师执", "律師", "lszy", "lvshi", "公证 执业", "援"])
def test_browser_agrees_with_the_reference_query(page, base_url, reader, query):
    open_search(page, base_url, query)
    shown = page.evaluate(ALL_RESULTS, [query, {}, "relevance"])
    assert shown == reader.confirmed(query, reader.search(query))
    assert shown, query
    titles = [reader.record(n)["t"] for n in shown[:10]]
    expect(results(page).locator("h2")).to_have_text(titles)


@pytest.mark.parametrize("query", ["律师", "师执", "法律援助申请", "务所设", "公证"])
def test_finds_every_page_that_contains_the_text(page, base_url, demo_site, reader, query):
    """Like Ctrl+F: every page whose text has the characters, whatever the word boundaries."""
    containing = {url for url, text in article_texts(demo_site).items() if query in text}
    assert containing, f"the demo should contain {query}"
    open_search(page, base_url, query)
    shown = page.evaluate(ALL_RESULTS, [query, {}, "relevance"])
    assert containing <= {reader.record(n)["u"] for n in shown}


def test_every_result_links_to_a_published_page(page, base_url, demo_site):
    open_search(page, base_url, "司法")
    for href in results(page).locator("h2 a").evaluate_all("links => links.map(a => a.href)"):
        assert (demo_site / urlparse(href).path.lstrip("/") / "index.html").is_file(), href


@pytest.mark.parametrize(("query", "marked"), [("lvshi", "律师"), ("lüshi", "律师"), ("lu:shi", "律师"), ("lszy", "律师执业")])
def test_pinyin_finds_titles(page, base_url, query, marked):
    open_search(page, base_url, query)
    expect(results(page).first.locator("h2 mark").first).to_have_text(marked)


def test_traditional_query_finds_simplified_pages(page, base_url):
    open_search(page, base_url, "律师执业")
    simplified = page.locator("#search-status").inner_text()
    open_search(page, base_url, "律師執業")
    assert page.locator("#search-status").inner_text() == simplified
    expect(results(page).first.locator("h2 mark").first).to_have_text("律师执业")


def test_filters_and_sort(page, base_url, reader):
    open_search(page, base_url, "律师", type="guide")
    expect(results(page).first).to_be_visible()
    for kind in results(page).locator(".search-result__kind").all_inner_texts():
        assert kind == "办事指南"
    page.get_by_label("内容类型").select_option("document")
    page.get_by_label("有效性").select_option("有效")
    expect(page).to_have_url(re.compile("validity=%E6%9C%89%E6%95%88"))
    settled(page)
    expected = reader.confirmed("律师", reader.search("律师", filters={"type": "document", "validity": "有效"}))
    expect(results(page)).to_have_count(min(10, len(expected)))
    page.get_by_label("有效性").select_option("")
    page.get_by_label("排序").select_option("date")
    expect(page).to_have_url(re.compile("sort=date"))
    settled(page)
    dates = results(page).locator("time").evaluate_all("times => times.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True) and len(dates) == 10


def test_withheld_content_is_never_found(page, base_url):
    for marker in WITHHELD_MARKERS:
        open_search(page, base_url, marker)
        expect(page.locator("#search-status")).to_contain_text("没有找到")
        expect(results(page)).to_have_count(0)


def test_keyboard_and_screen_reader(page, base_url):
    page.goto(base_url + "search/")
    box = page.get_by_role("searchbox", name="搜索关键词")
    expect(box).to_be_focused()
    page.keyboard.type("司法")
    status = page.get_by_role("status")
    expect(status).to_contain_text("第 1 / ")
    expect(page).to_have_url(re.compile(r"\?q=%E5%8F%B8%E6%B3%95$"))
    next_page = page.get_by_role("button", name="下一页")
    next_page.focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("第 2 / ")
    expect(status).to_be_focused()
    expect(results(page).first.locator("xpath=..")).to_have_attribute("start", "11")
    assert serious_violations(page) == []


def test_search_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url)
    page.get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile("/search/"))
    page.get_by_role("searchbox", name="搜索关键词").fill("法律援助")
    expect(results(page).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert float(results(page).first.locator("h2").evaluate("h => parseFloat(getComputedStyle(h).fontSize)")) >= 18
    page.screenshot(path=str(ARTIFACTS / "search-390.png"), full_page=True)
    context.close()


# -- the probe: a rare piece of every kind of page finds that page ---------------------------
PROBE = 5  # characters: long enough to be rare, short enough to fall inside one field
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{%d,}" % PROBE)


def probe_fields(release: Release) -> dict[str, list[tuple[str, str]]]:
    """For each type of page, (page URL, text an editor wrote that the page shows), read from the
    content rather than from the index, so that nothing the index leaves out goes unnoticed."""
    office = release.organization.office
    system = release.documents_in.get("0901", [])
    layout = Layout.of(release.project)
    return {
        "document": [(layout.url_of(d), markdown_text(d.body)) for d in release.documents],
        "interpretation": [(layout.url_of(i), markdown_text(i.body)) for i in release.interpretations],
        "guide": [(layout.url_of(g), "\n".join([g.conditions, *(p.description for p in g.process), g.location])) for g in release.guides],
        "catalogue": [(layout.url_of(item), "\n".join([item.content, item.basis, item.time_limit])) for item in release.catalogue.leaves()],
        "disclosure-guide": [("disclosure-guide/office/", office.address), ("disclosure-guide/process/", "\n".join(c.description for c in release.organization.application.channels))],
        "system": [("disclosure-rules/", release.catalogue.by_code["0901"].content)] if system else [],
        "annual-report": [(layout.url_of(r), "\n".join([r.overview, r.problems, r.other_matters])) for r in release.annual_reports],
        "negative-list": [("negative-list/", "\n".join(f"{e.situation}\n{e.basis}" for e in release.project.negative_list))],
    }


@pytest.fixture(scope="module")
def demo_release(demo_site):
    root = demo_site.parent
    options = from_config_file(root / "mkdocs.yml")
    return Release(check_repository(root, options).project, options.as_of)


def site_texts(site) -> dict[str, str]:
    return {str(path.parent.relative_to(site)) + "/": article_text(path.read_text(encoding="utf-8")) for path in site.rglob("index.html")}


def test_a_rare_piece_of_every_kind_of_page_finds_that_page(page, base_url, demo_site, demo_release):
    seed = random.randrange(1 << 32)
    chooser = random.Random(seed)
    texts = site_texts(demo_site)
    fields = probe_fields(demo_release)
    assert all(fields.values()), [name for name, found in fields.items() if not found]
    for type_, candidates in fields.items():
        url, text = chooser.choice([c for c in candidates if _HAN_RUN.search(c[1])])
        pieces = [run[i : i + PROBE] for run in _HAN_RUN.findall(text) for i in range(len(run) - PROBE + 1)]
        chooser.shuffle(pieces)
        # Rare: on the page itself and on at most one other page.
        piece = next(p for p in pieces if p in texts[url] and sum(p in t for t in texts.values()) <= 2)
        open_search(page, base_url, piece)
        shown = page.evaluate(ALL_RESULTS, [piece, {}, "relevance"])
        found = [page.evaluate("n => disclosureSearch.record(n)", n) for n in shown]
        assert url in [r["u"] for r in found], f"{type_}: {piece!r} does not find {url} (seed {seed})"
        typed = page.evaluate(ALL_RESULTS, [piece, {"type": type_}, "relevance"])
        assert typed and set(typed) <= set(shown), f"{type_}: the type filter drops {url} (seed {seed})"


def test_a_rare_piece_of_the_fixed_text_of_each_application_page_finds_it(page, base_url, demo_site):
    """The 依申请公开 pages are mostly the 条例's rules in the template's words: those words find them too."""
    seed = random.randrange(1 << 32)
    chooser = random.Random(seed)
    texts = site_texts(demo_site)
    for _, url in application_pages():
        url = url.removesuffix("index.md")
        pieces = [run[i : i + PROBE] for run in _HAN_RUN.findall(texts[url]) for i in range(len(run) - PROBE + 1)]
        chooser.shuffle(pieces)
        piece = next(p for p in pieces if sum(p in t for t in texts.values()) == 1)  # on this page alone
        open_search(page, base_url, piece)
        shown = page.evaluate(ALL_RESULTS, [piece, {}, "relevance"])
        assert url in [page.evaluate("n => disclosureSearch.record(n)", n)["u"] for n in shown], f"{piece!r} does not find {url} (seed {seed})"
