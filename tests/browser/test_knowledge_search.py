"""The search page in a browser: what is wrong with a search is said beside the box; Back and Forward after
a search and a filter show whole pages; every facet value can be reached (in place with JavaScript, by
links without); on a phone the results come first and the filters wait behind a button."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import published_case

pytestmark = pytest.mark.browser

STATES = ["KEN", "KEN", "CRI", "CIV", "ITA", "FRA", "ESP", "DEU", "NGA", "SEN", "GHA", "MEX", "BRA", "EUU"]


@pytest.fixture
def records(register_data):
    return [
        published_case(f"Case {n}", "Migrants were smuggled by sea.", jurisdiction=code, year=2010 + n % 8)
        for n, code in enumerate(STATES)
    ]


def whole_page(page, query: str) -> None:
    """The page is whole: header, search box holding the query, results."""
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("#id_q")).to_have_value(query)
    expect(page.locator("ol.hit-list")).to_have_count(1)


@pytest.mark.parametrize(("language", "button"), [("en", "Search"), ("fr", "Rechercher"), ("ar", "بحث")])
def test_a_query_that_cannot_run_is_explained_beside_the_box(page, records, language, button):
    page.goto(f"/{language}/knowledge/")
    page.locator("#id_q").fill("sea NOT")
    page.get_by_role("button", name=button, exact=True).click()
    alert = page.locator("#search-messages [role=alert]")
    expect(alert).to_be_visible()
    expect(alert.locator("code").first).to_have_text("smuggling sea")  # how to write a search
    expect(page.locator("#id_q")).to_have_value("sea NOT")
    expect(page.locator("#id_q")).to_have_attribute("aria-invalid", "true")
    box, message = page.locator("#id_q").bounding_box(), alert.bounding_box()
    assert 0 <= message["y"] - (box["y"] + box["height"]) < 80  # right under the box


def test_back_and_forward_after_a_search_and_a_filter_show_whole_pages(page, records):
    page.goto("/en/knowledge/")
    page.locator("#id_q").fill("migrants")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=migrants"))  # htmx swapped the results in and pushed the address
    page.locator("#facet-party").get_by_role("link", name="Kenya").click()
    expect(page.locator(".chip")).to_contain_text("Kenya")
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=migrants(?!.*party)"))
    whole_page(page, "migrants")
    expect(page.locator(".chip")).to_have_count(0)
    page.go_back()
    whole_page(page, "")
    page.go_forward()
    whole_page(page, "migrants")
    page.go_forward()
    whole_page(page, "migrants")
    expect(page.locator(".chip")).to_contain_text("Kenya")


def test_show_all_expands_a_facet_in_place_and_typing_finds_a_value(page, records):
    page.goto("/en/knowledge/?q=migrants")
    party = page.locator("#facet-party")
    expect(party.locator("li")).to_have_count(12)
    party.get_by_role("link", name="Show all 13").click()
    expect(party.locator("li")).to_have_count(13)
    expect(page).to_have_url(re.compile(r"/en/knowledge/\?q=migrants$"))  # in place: no new page
    expect(page.get_by_label("Find in “State”")).to_be_focused()
    page.keyboard.type("cote")
    expect(party.locator("li:visible")).to_have_count(1)
    party.get_by_role("link", name="Côte d’Ivoire").click()
    expect(page.locator(".chip")).to_contain_text("Côte d’Ivoire")
    expect(page.locator("ol.hit-list > li")).to_have_count(1)


def test_every_facet_value_is_reachable_without_javascript(browser, live_server, records):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/knowledge/?q=migrants")
    party = page.locator("#facet-party")
    party.get_by_role("link", name="Show all 13").click()
    expect(party.locator("li")).to_have_count(13)
    page.get_by_label("Find in “State”").fill("cote")
    party.get_by_role("button", name="Find").click()
    expect(page.locator("#facet-party li")).to_have_count(1)
    page.locator("#facet-party").get_by_role("link", name="Côte d’Ivoire").click()
    expect(page.locator(".chip")).to_contain_text("Côte d’Ivoire")
    context.close()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_on_a_phone_the_results_come_first_and_the_filters_wait_behind_a_button(
    browser, live_server, records, language
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"/{language}/knowledge/?q=migrants&kind=case")
    first = page.locator("ol.hit-list > li").first.bounding_box()
    assert first["y"] < 844  # on the first screen
    facets = page.locator("aside.facets")
    expect(facets).to_be_hidden()
    button = page.locator("details.search-filters > summary")
    if language == "en":
        expect(button).to_have_text("Filters (1 active)")
    button.click()
    expect(facets).to_be_visible()
    expect(facets.locator("#facet-party")).to_be_visible()
    context.close()


def test_on_a_wide_screen_the_filters_stay_beside_the_results(page, records):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/en/knowledge/?q=migrants")
    expect(page.locator("aside.facets")).to_be_visible()
    expect(page.locator("details.search-filters > summary")).to_be_hidden()
    facets, hits = page.locator("aside.facets").bounding_box(), page.locator(".hits").bounding_box()
    assert facets["x"] + facets["width"] <= hits["x"] and abs(facets["y"] - hits["y"]) < 40  # side by side
