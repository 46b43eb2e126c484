"""In a real browser, every type of page at 320, 390 and 1280 px, in standard and 大字版: nothing
wider than the screen or covering other text, nothing hidden that takes focus, a visible focus
everywhere, no empty sidebar, no text under 18 px in 大字版, and axe with no violation at all."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
import axe_playwright_python

from conftest import ARTIFACTS, REPO

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1280)
MODES = ("standard", "large")
# One page of every type a reader meets.
PAGES = {
    "home": "",
    "disclosure-guide": "disclosure-guide/",
    "disclosure-guide-page": "disclosure-guide/process/",
    "system-column": "disclosure-rules/",
    "catalogue": "catalogue/",
    "catalogue-branch": "catalogue/03/",
    "catalogue-leaf": "catalogue/0301/",
    "browse": "browse/",
    "browse-list": "browse/year/2020/",
    "document": "documents/2020-00002/",
    "document-abolished": "documents/2019-00004/",
    "interpretations": "interpretations/",
    "interpretation": "interpretations/jd-2022-002/",
    "guides": "guides/",
    "guide": "guides/000172002000/",
    "annual-reports": "annual-reports/",
    "annual-report": "annual-reports/2025/",
    "negative-list": "negative-list/",
    "search": "search/?q=%E5%BE%8B%E5%B8%88",
    "site-map": "site-map/",
}
TAB_STOPS = 15
SCREENSHOTS = REPO / "handbook" / "screenshots"  # not under docs/: shown by the README, not published  # focus steps walked on each page

# Everything measured in one pass over the page; returns problems as lines.
LAYOUT = """(large) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "") + " «" + (e.textContent || "").trim().slice(0, 20) + "»";
  const shown = (e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const clipped = (e) => { const r = e.getBoundingClientRect(); return r.width <= 1 || r.height <= 1; };
  const scroller = (e) => { for (let a = e.parentElement; a; a = a.parentElement) { const s = getComputedStyle(a); if (/(auto|scroll)/.test(s.overflowX) && a.tabIndex >= 0) return a; } return null; };
  if (document.documentElement.scrollWidth > width + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  for (const e of document.body.querySelectorAll("*")) {
    if (!shown(e) || clipped(e) || e.closest(".md-skip, .visually-hidden")) continue;
    const r = e.getBoundingClientRect();
    if ((r.right > width + 1 || r.left < -1) && !scroller(e)) problems.push(`wider than the screen: ${name(e)} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  // Table cells: none covers another, none spills its text out.
  for (const row of document.querySelectorAll(".md-content tr")) {
    const cells = [...row.children].filter((c) => shown(c) && !clipped(c));
    for (let i = 0; i < cells.length; i++) {
      if (!scroller(cells[i]) && cells[i].scrollWidth > cells[i].clientWidth + 2 && getComputedStyle(cells[i]).overflowX === "visible") problems.push(`text spills out of its cell: ${name(cells[i])}`);
      for (let j = i + 1; j < cells.length; j++) {
        const a = cells[i].getBoundingClientRect(), b = cells[j].getBoundingClientRect();
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 2 && y > 2) problems.push(`cells overlap: ${name(cells[i])} and ${name(cells[j])}`);
      }
    }
  }
  // A sidebar on screen shows something.
  for (const bar of document.querySelectorAll(".md-sidebar")) {
    if (!shown(bar) || clipped(bar)) continue;
    const links = [...bar.querySelectorAll("a")].filter((a) => shown(a) && !clipped(a) && a.textContent.trim());
    if (!links.length) problems.push(`empty sidebar: ${name(bar)}`);
  }
  // Nothing hidden takes focus: every focusable element that is rendered is on the page.
  const focusable = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex='-1'])";
  for (const e of document.querySelectorAll(focusable)) {
    if (!e.checkVisibility({ visibilityProperty: true }) || e.closest("[inert]")) continue;
    if (e.matches(".md-skip")) continue; // shown when focused, checked by the walk
    const label = e.id && document.querySelector(`label[for="${e.id}"]`);
    const target = e.matches(".visually-hidden") && label ? label : e;
    const r = target.getBoundingClientRect();
    const off = r.right + scrollX <= 0 || r.left >= document.documentElement.scrollWidth || r.bottom + scrollY <= 0;
    if (off || !shown(target) || clipped(target)) problems.push(`hidden but focusable: ${name(e)}`);
  }
  // 大字版: no text under 18 px.
  if (large) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const small = new Set();
    while (walker.nextNode()) {
      const e = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || !e || !shown(e) || clipped(e) || e.closest(".visually-hidden, .md-skip")) continue;
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (size < 17.9) small.add(`text under 18 px (${size}px): ${name(e)}`);
    }
    problems.push(...small);
  }
  // One way to the next page of a list.
  const next = [...document.querySelectorAll("a, button")].filter((e) => shown(e) && /下一页/.test(e.textContent));
  if (next.length > 1) problems.push(`${next.length} “下一页”`);
  return problems;
}"""

# Where focus is, and whether a reader can see it: for the element focused now, or (all=true) for
# every element that takes focus, focused one after another as Tab would.
FOCUS = """(all) => {
  const seen = (e) => {
    const label = e.id && document.querySelector(`label[for="${e.id}"]`);
    const target = e.matches(".visually-hidden") && label ? label : e;
    const r = target.getBoundingClientRect();
    const s = getComputedStyle(target);
    const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    const visible = target.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.width > 1 && r.height > 1
      && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    return { name: e.tagName.toLowerCase() + " «" + (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 20) + "»", ring, visible, skip: e.matches(".md-skip") ? e.textContent.trim() : null };
  };
  if (!all) return document.activeElement && document.activeElement !== document.body ? seen(document.activeElement) : null;
  const focusable = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex='-1'])";
  const found = [];
  for (const e of document.querySelectorAll(focusable)) {
    if (!e.checkVisibility({ visibilityProperty: true }) || e.matches(".md-skip")) continue;
    e.focus();
    if (document.activeElement === e) found.push(seen(e));
  }
  return found;
}"""

# axe-core, put in every page of the contexts once rather than injected at each check.
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def all_violations(page) -> list[str]:
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"axe {v['id']} ({v['impact']}): {n['target']}" for v in violations for n in v["nodes"]]


def focus_walk(page) -> list[str]:
    """The first Tab stops from the keyboard (the skip link first), then every other stop."""
    problems = []
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS, False))
    if stops[0] and stops[0]["skip"] is not None and stops[0]["skip"] != "跳到正文":
        problems.append(f"skip link says {stops[0]['skip']!r}")
    for focus in stops + page.evaluate(FOCUS, True):
        if focus is None:
            continue
        if not focus["visible"]:
            problems.append(f"focus on something not on screen: {focus['name']}")
        elif not focus["ring"]:
            problems.append(f"no visible focus on {focus['name']}")
    return sorted(set(problems))


@pytest.fixture(scope="module")
def screens(browser):
    """One browser context per width and mode, kept for the module."""
    made = {}
    for width in WIDTHS:
        for mode in MODES:
            context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
            context.add_init_script(AXE)
            if mode == "large":
                context.add_init_script("try { localStorage.setItem('disclosure.text-size', 'large') } catch (e) {}")
            made[width, mode] = context.new_page()
    yield made
    for page in made.values():
        page.context.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_on_every_screen(screens, base_url, width, mode):
    page = screens[width, mode]
    problems = []
    for name, path in PAGES.items():
        page.goto(base_url + path)
        if name == "search":
            page.locator("[data-search-result]").first.wait_for()
            page.locator("#search-filters").evaluate("filters => { filters.open = true }")  # the filters must fit too
        found = page.evaluate(LAYOUT, mode == "large") + all_violations(page) + focus_walk(page)
        problems += [f"{name}: {p}" for p in found]
        if name in ("document", "guide", "annual-report") and width in (390, 1280):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{mode}.png"))
    assert problems == []


# -- the smaller promises, one by one --------------------------------------------------------
def test_the_menu_opens_and_closes_from_the_keyboard(screens, base_url):
    page = screens[390, "standard"]
    page.goto(base_url + PAGES["document"])
    menu = page.get_by_role("button", name="栏目菜单")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.site-menu-button')"):
            break
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    focused = page.locator(":focus")
    expect(focused).to_be_visible()
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def test_the_site_name_is_whole_on_a_small_phone_in_large_text(screens, base_url):
    page = screens[320, "large"]
    page.goto(base_url + PAGES["document"])
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_have_text("示例省司法厅政务公开")
    fits = name.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
    assert fits and name.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 18


def test_search_says_it_is_searching_at_once_and_keeps_the_query(screens, base_url):
    page = screens[1280, "standard"]
    held = []
    page.route("**/search/data/g/**", lambda route: held.append(route))  # the shards wait
    page.goto(base_url + "search/?q=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9")
    expect(page.locator("#search-status")).to_have_text("正在搜索…")
    expect(page.get_by_role("searchbox", name="搜索关键词")).to_have_value("法律援助")
    for route in held:
        route.continue_()
    page.unroute("**/search/data/g/**")
    expect(page.locator("[data-search-result]").first).to_be_visible()


def test_results_show_validity_and_mark_repealed_documents(screens, base_url):
    page = screens[1280, "standard"]
    page.goto(base_url + "search/?q=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9&type=document&validity=%E5%BA%9F%E6%AD%A2")
    first = page.locator("[data-search-result]").first
    expect(first.locator(".search-result__validity")).to_have_text("有效性：废止")
    expect(first).to_have_class(re.compile("search-result--ceased"))
    page.goto(base_url + "search/?q=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9&type=document&validity=%E6%9C%89%E6%95%88")
    expect(page.locator("[data-search-result]").first.locator(".search-result__validity")).to_have_text("有效性：有效")


def test_without_javascript_search_says_how_to_browse_and_the_menu_still_opens(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "search/?q=%E5%BE%8B%E5%B8%88")
    note = page.locator(".site-search__noscript")
    expect(note).to_contain_text("不用搜索也可以按栏目查找")
    expect(note.get_by_role("link", name="网站地图")).to_be_visible()
    page.locator('.md-header label[for="__drawer"]').click()
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    expect(page.locator("label[for=text-size-large]")).to_be_visible()
    context.close()


def serve_under(site, prefix: str):
    """The site as a host serves it under a base path, with its 404 page for anything missing."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            return super().translate_path(path.removeprefix(prefix.rstrip("/")))

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_missing_page_says_so_in_chinese_styled_at_any_depth(screens, demo_site):
    server = serve_under(demo_site, "/zwgk/")
    try:
        page = screens[390, "standard"]
        host = f"http://127.0.0.1:{server.server_port}"
        response = page.goto(f"{host}/zwgk/no/such/page/")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("页面不存在")
        assert page.get_by_role("link", name="返回首页").evaluate("a => a.href") == f"{host}/zwgk/"
        header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
        assert header == "rgb(164, 22, 26)"  # the site's stylesheet did load
        assert page.evaluate("document.documentElement.lang") == "zh"
    finally:
        server.shutdown()


def test_readme_screenshots(browser, base_url):
    """The phone and desktop pictures in the README, made from the demo each run."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, viewport, path in (
        ("phone-document.png", {"width": 390, "height": 844}, PAGES["document"]),
        ("desktop-home.png", {"width": 1280, "height": 800}, PAGES["home"]),
    ):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        page.goto(base_url + path)
        picture = page.screenshot(type="png")
        context.close()
        assert len(picture) < 400_000
        (SCREENSHOTS / name).write_bytes(picture)


def test_a_document_page_fetches_only_what_it_needs_within_100_kb_gzipped(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.goto(base_url + PAGES["document"], wait_until="networkidle")
    urls = [request.url.removeprefix(base_url) for request in fetched if not request.url.startswith("data:")]
    assert not [url for url in urls if "sitemap" in url or url.endswith((".xml", ".json"))], urls
    weight = sum(len(gzip.compress(request.response().body())) for request in fetched if not request.url.startswith("data:"))
    context.close()
    assert weight <= 100_000, f"{weight} bytes gzipped: {urls}"
