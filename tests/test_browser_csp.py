"""In a real browser: every page type loads under its Content-Security-Policy with no violation,
and what needs script still works (Material, 大字版, search)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# One page of every type the site generates.
PAGES = [
    "",
    "disclosure-guide/",
    "disclosure-guide/process/",
    "disclosure-guide/form/",
    "disclosure-guide/office/",
    "disclosure-guide/fees/",
    "disclosure-guide/time-limits/",
    "disclosure-rules/",
    "catalogue/",
    "catalogue/0301/",
    "documents/2020-00002/",
    "browse/",
    "browse/year/2020/",
    "annual-reports/",
    "annual-reports/2024/",
    "interpretations/",
    "interpretations/jd-2020-001/",
    "guides/",
    "guides/000172002000/",
    "negative-list/",
    "search/?q=律师",
]
LARGE = re.compile(r"\blarge-text\b")
# Recorded from the first moment of each page, before any of its own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, and every CSP violation or script error reported on it."""
    problems: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_its_scripts_under_the_policy_with_no_violation(watched, base_url, path):
    page, problems = watched
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    # Material's inline head script and its bundle both ran.
    assert page.evaluate("typeof __md_scope === 'object' && typeof component$ === 'object'")
    assert page.evaluate("window.__violations") == []
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []
    assert problems == []


def test_text_size_toggle_works_under_the_policy(watched, base_url):
    page, problems = watched
    page.goto(base_url + "documents/2020-00002/")
    page.locator('label[for="text-size-large"]').click()
    expect(page.locator("html")).to_have_class(LARGE)
    page.reload()
    expect(page.locator("html")).to_have_class(LARGE)  # the inline head script, hashed, applied it
    page.locator('label[for="text-size-large"]').click()
    expect(page.locator("html")).not_to_have_class(LARGE)
    assert page.evaluate("window.__violations") == [] and problems == []


def test_search_returns_results_under_the_policy(watched, base_url):
    page, problems = watched
    page.goto(base_url)
    page.locator("#header-search-q").fill("律师")
    page.locator("#header-search-q").press("Enter")
    expect(page.locator("#search-results li").first).to_be_visible()
    assert page.evaluate("window.__violations") == [] and problems == []


def test_material_navigation_works_under_the_policy(watched, base_url):
    page, problems = watched
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "documents/2020-00002/")
    page.get_by_role("button", name="栏目菜单").click()  # site.js's menu button: a script file under the policy
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    page.locator(".md-sidebar--primary").get_by_role("link", name="政策解读").click()
    expect(page.locator("article h1")).to_have_text("政策解读")
    assert page.evaluate("window.__violations") == [] and problems == []
