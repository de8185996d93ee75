"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live test server."""

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, register_data):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    # A test that sends a form it expects refused (a 400 page with the problems) says so here.
    page.expected_errors = []
    yield page
    context.close()
    unexpected = [error for error in errors if not any(part in error for part in page.expected_errors)]
    assert unexpected == [], f"the browser console reported errors: {unexpected}"
