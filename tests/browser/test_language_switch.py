"""Any language button works on any page, whatever was chosen before (issue 12: after Arabic, then
French, a link to an /en/ page and a press on «Русский» used to leave the page in English)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def press(page, language: str) -> None:
    """Press a language button as a person does: opening the menus it is folded into first, if any."""
    button = page.locator(f"form.languages button[value='{language}']")
    if not button.is_visible():
        for menu in page.locator("details:has(form.languages)").all():  # outermost first
            summary = menu.locator(":scope > summary")
            if menu.get_attribute("open") is None and summary.is_visible():
                summary.click()
    button.click()


def test_arabic_then_french_then_an_english_link_then_every_other_button(page):
    page.goto("/en/register/instruments/UNTOC/")
    press(page, "ar")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    press(page, "fr")
    expect(page).to_have_url(re.compile(r"/fr/register/instruments/UNTOC/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    for language in ("ru", "es", "fr"):
        page.goto("/en/register/instruments/UNTOC/")  # a link to an English page, shared by someone
        expect(page.locator("html")).to_have_attribute("lang", "en")
        press(page, language)
        expect(page).to_have_url(re.compile(rf"/{language}/register/instruments/UNTOC/$"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(f"form.languages button[value='{language}']")).to_have_attribute(
            "aria-current", "true"
        )


def test_a_language_button_keeps_the_filters_htmx_put_in_the_address(page):
    page.goto("/en/register/parties/")
    page.get_by_label("Instrument", exact=True).select_option("SOM")
    expect(page).to_have_url(re.compile(r"instrument=SOM"))
    press(page, "es")
    expect(page).to_have_url(re.compile(r"/es/register/parties/\?.*instrument=SOM"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("select[name=instrument]")).to_have_value("SOM")
