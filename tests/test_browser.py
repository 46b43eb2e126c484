"""In a real browser: a reader moves between a policy and its interpretation."""

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_policy_interpretation_round_trip(page, base_url):
    page.goto(base_url)
    page.get_by_role("link", name="政策解读").first.click()
    expect(page.locator("h1")).to_have_text("政策解读")
    page.locator("article table tbody tr td:first-child a").first.click()
    title = page.locator("h1").inner_text()
    policy_link = page.locator("nav.related-policy a")
    policy_title = policy_link.inner_text()
    policy_link.click()
    expect(page.locator("h1")).to_have_text(policy_title)
    page.screenshot(path=str(ARTIFACTS / "policy-1280.png"), full_page=True)
    page.locator("nav.related-interpretations a", has_text=title).click()
    expect(page.locator("h1")).to_have_text(title)


def test_guide_materials_visible_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url + "guides/")
    page.locator("article table a").first.click()
    expect(page.get_by_role("heading", name="申请材料")).to_be_visible()
    expect(page.locator("article table").nth(1)).to_contain_text("材料名称")
    page.screenshot(path=str(ARTIFACTS / "guide-390.png"), full_page=True)
    context.close()
