"""In a real browser: a reader moves between a policy and its interpretation."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Without these flags chromium keeps dialling out, and this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(demo_site):
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_policy_interpretation_round_trip(page, base_url):
    ARTIFACTS.mkdir(exist_ok=True)
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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "guide-390.png"), full_page=True)
    context.close()
