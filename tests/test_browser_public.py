"""In a real browser, every type of page at 320, 390 and 1280 px, in standard and 大字版: nothing
wider than the screen or covering other text, nothing hidden that takes focus, a visible focus
everywhere, no empty sidebar, no text under 18 px in 大字版, and axe with no violation at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import axe_playwright_python

from conftest import ARTIFACTS

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
TAB_STOPS = 15  # focus steps walked on each page

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

# Where focus is now, and whether a reader can see it.
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.id && document.querySelector(`label[for="${e.id}"]`);
  const target = e.matches(".visually-hidden") && label ? label : e;
  const r = target.getBoundingClientRect();
  const s = getComputedStyle(target);
  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  const visible = target.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.width > 1 && r.height > 1
    && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  return { name: e.tagName.toLowerCase() + " «" + (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 20) + "»", ring, visible, skip: e.matches(".md-skip") ? e.textContent.trim() : null };
}"""

# axe-core, put in every page of the contexts once rather than injected at each check.
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def all_violations(page) -> list[str]:
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"axe {v['id']} ({v['impact']}): {n['target']}" for v in violations for n in v["nodes"]]


def focus_walk(page) -> list[str]:
    problems = []
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    for step in range(TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            break
        if step == 0 and focus["skip"] is not None and focus["skip"] != "跳到正文":
            problems.append(f"skip link says {focus['skip']!r}")
        if not focus["visible"]:
            problems.append(f"focus on something not on screen: {focus['name']}")
        elif not focus["ring"]:
            problems.append(f"no visible focus on {focus['name']}")
    return problems


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
            page.locator("#search-filters summary").click() if not page.locator("#search-filters").get_attribute("open") is not None else None
        found = page.evaluate(LAYOUT, mode == "large") + all_violations(page) + focus_walk(page)
        problems += [f"{name}: {p}" for p in found]
        if name in ("document", "guide", "annual-report") and width in (390, 1280):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{mode}.png"))
    assert problems == []
