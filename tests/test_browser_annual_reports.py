"""In a real browser: a reader finds a year's 政府信息公开工作年度报告 and reads its tables."""

import re

import pytest
from playwright.sync_api import expect

from accessibility import serious_violations
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

YEAR_REPORT = "示例省司法厅2025年政府信息公开工作年度报告"


def test_year_report_from_the_navigation(page, base_url):
    page.goto(base_url)
    page.get_by_role("link", name="政府信息公开年报").first.click()
    expect(page.locator("h1")).to_have_text("政府信息公开年报")
    page.get_by_role("link", name=YEAR_REPORT).click()
    expect(page.locator("h1")).to_have_text(YEAR_REPORT)
    computed = page.locator("tr", has=page.locator("th", has_text=re.compile("^行政规范性文件$")))
    expect(computed.locator("td")).to_have_text(["0", "1", "4"])
    assert serious_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "annual-report-1280.png"), full_page=True)


def test_year_report_tables_scroll_inside_the_page_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url + "annual-reports/2025/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.get_by_role("region", name="收到和处理政府信息公开申请情况（单位：件）")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the table is wider than the phone
    region.focus()
    page.keyboard.press("ArrowRight")
    expect(region).not_to_have_js_property("scrollLeft", 0)  # a keyboard user can scroll it
    assert serious_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "annual-report-390.png"), full_page=True)
    context.close()
