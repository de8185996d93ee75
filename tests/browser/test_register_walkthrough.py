import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_browses_the_register(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("The Palermo Convention and its Protocols")
    expect(page.locator(".banner.as-of")).to_contain_text("14 March 2015")
    page.get_by_role("link", name="Parties", exact=True).first.click()
    page.get_by_label("Instrument", exact=True).select_option("FIREARMS")
    page.get_by_label("Regional group", exact=True).select_option("WEOG")
    # htmx replaces the results and keeps the filters in the address bar.
    expect(page).to_have_url(re.compile(r"instrument=FIREARMS.*group=WEOG"))
    expect(page.locator("#results tbody tr").first).to_contain_text("Andorra")
    page.get_by_label("Status", exact=True).select_option("party")
    expect(page.locator("#results tbody tr").first).to_contain_text("Austria")
    expect(page.locator("#results")).not_to_contain_text("United States of America")
    page.get_by_label("Status", exact=True).select_option("none")
    expect(page.locator("#results")).to_contain_text("United States of America")
    page.get_by_role("link", name="United States of America").click()
    expect(page.locator("h1")).to_contain_text("United States of America")
    expect(page.locator("table.data")).to_contain_text("Organized Crime Convention")
    page.get_by_role("link", name="Organized Crime Convention").first.click()
    expect(page.locator("svg.world-map path").first).to_be_attached()
    page.get_by_role("link", name=re.compile("Article 5: Criminalization of participation")).click()
    expect(page.locator(".article-text")).to_contain_text("Each State Party shall adopt")


def test_arabic_is_right_to_left_with_arabic_state_names(page):
    page.goto("/en/register/parties/ITA/")
    page.locator(".language-menu summary").click()  # the header's language menu
    page.locator("form.languages button[lang=ar]").click()
    expect(page).to_have_url(re.compile(r"/ar/register/parties/ITA/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_contain_text("إيطاليا")
    page.locator(".language-menu summary").click()  # the header's language menu
    page.locator("form.languages button[lang=fr]").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_contain_text("Italie")
