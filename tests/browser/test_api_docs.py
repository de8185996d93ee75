"""The API's interactive documentation in a real browser: Swagger UI, served by the app, shows every operation
of the schema with no console error (a Content-Security-Policy violation is one) and no request to another
server; the API page reads in English, French and Arabic."""

import re

import pytest
from playwright.sync_api import expect

from palermo.api import catalogue

pytestmark = pytest.mark.browser


def test_the_interactive_documentation_shows_every_operation_from_this_server_alone(page, live_server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs/")
    operations = sum(len(methods) for methods in catalogue.schema()["paths"].values())
    expect(page.locator("#swagger-ui .opblock")).to_have_count(operations, timeout=30_000)
    for area in catalogue.AREAS:
        assert page.locator(f"#swagger-ui h3.opblock-tag[data-tag='{area.tag}']").count() == 1
    assert page.locator("#swagger-ui .opblock-summary-path", has_text="/api/v1/parties/{code}/").count() == 1
    page.locator("#swagger-ui .opblock-summary", has_text="/api/v1/instruments/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator("#swagger-ui .live-responses-table .response-col_status", has_text="200").wait_for()
    outside = [url for url in requested if not url.startswith((live_server.url, "data:", "blob:"))]
    assert outside == []


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_api_page_reads_in_the_language_chosen_with_its_button(page, language):
    page.goto("/api/")
    button = page.locator(f"form.languages button[value='{language}']")
    for menu in page.locator("details:has(form.languages)").all():  # the menus it is folded into, if any
        summary = menu.locator(":scope > summary")
        if not button.is_visible() and menu.get_attribute("open") is None and summary.is_visible():
            summary.click()
    button.click()
    expect(page).to_have_url(re.compile(r"/api/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert page.locator("table.api-operations").count() == len(catalogue.AREAS)
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # tables scroll in their box
