"""In the browser: a researcher, in Spanish on a phone, searches the Conference's record from its page,
narrows the results by a facet behind the filters button, removes the filter again and opens the paragraph
that matched; a search that cannot run says why."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_conference_follow_up import PHONE, conference  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_a_researcher_searches_the_conference_in_spanish_on_a_phone(page, conference):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto("/es/conference/")
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill("asistencia OR conjuntas")
    search.press("Enter")
    expect(page.locator(".hits-summary")).to_contain_text("3 resultados")
    expect(page.locator("#results mark").first).to_have_text("Asistencia")
    page.get_by_text("Filtros").click()
    page.locator("#facet-kind").get_by_role("link", name="Párrafos dispositivos").click()
    expect(page.locator(".hits-summary")).to_contain_text("2 resultados")
    expect(page.locator("#results > li")).to_have_count(2)
    page.get_by_role("link", name="Quitar este filtro").click()
    expect(page.locator(".hits-summary")).to_contain_text("3 resultados")
    page.get_by_role("link", name="Resolución 12/1, párrafo 2").click()
    expect(page).to_have_url(re.compile(r"#para-2$"))
    expect(page.locator("section.paragraph").nth(1)).to_contain_text("investigaciones conjuntas")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.expected_errors.append("status of 400")
    page.goto("/es/conference/search/?q=(asistencia")
    expect(page.get_by_role("alert")).to_contain_text("Esta búsqueda no se puede realizar")
