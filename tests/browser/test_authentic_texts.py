"""A reader meets the authentic text in their language, or the English one with a note, and can choose
another authentic text Palermo holds."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_reads_an_article_in_french_then_spanish_and_arabic_falls_back(page):
    page.goto("/fr/register/instruments/UNTOC/")
    page.get_by_role("link", name=re.compile("Article 18.{1,3}Entraide judiciaire")).click()
    text = page.locator(".article-text")
    expect(text).to_have_attribute("lang", "fr")
    expect(text).to_contain_text("Les États parties s’accordent mutuellement l’entraide judiciaire")
    expect(page.locator("[data-text-fallback]")).to_have_count(0)
    page.get_by_role("link", name="español").click()
    expect(page).to_have_url(re.compile(r"/fr/register/instruments/UNTOC/articles/18/\?text=es$"))
    expect(text).to_have_attribute("lang", "es")
    expect(text).to_contain_text("Los Estados Parte se prestarán la más amplia asistencia judicial recíproca")
    page.get_by_role("link", name=re.compile(r"\(19\)")).click()  # the next article, still in Spanish
    expect(page.locator(".article-text")).to_have_attribute("lang", "es")
    page.goto("/ar/register/instruments/UNTOC/articles/18/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".article-text")).to_have_attribute("lang", "en")
    expect(page.locator(".article-text")).to_have_attribute("dir", "ltr")
    expect(page.locator("[data-text-fallback]")).to_be_visible()
    expect(page.locator("h1 span[lang=en]")).to_have_text("Mutual legal assistance")
