"""Reviewing candidates in the browser, as issue 14 walks through it: an analyst starts a search, watches
its progress, opens the best pair, sees both records side by side with each value's source, judges it the
same and is shown the next pair without leaving the page; at phone width nothing widens the page."""

# ruff: noqa: RUF001 (names in Cyrillic on purpose)
import re

import pytest
from playwright.sync_api import expect

from palermo.core.jobs import run_pending
from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.resolution_world import person, ready_source

pytestmark = pytest.mark.browser


def test_an_analyst_reviews_candidates_pair_after_pair(page, inquiry):  # noqa: F811
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    italy = ready_source(investigation, analyst, "italy.ftm.json")
    russia = ready_source(investigation, analyst, "russia.ftm.json")
    person(investigation, analyst, italy, "it-1", "Aleksandr Zakharov", line=1, birthDate="1971-03-02")
    person(investigation, analyst, russia, "ru-1", "ЗАХАРОВ Александр", line=7, birthDate="1971-03-02")
    person(investigation, analyst, italy, "it-2", "Maria Ivanova", line=2)
    person(investigation, analyst, russia, "ru-2", "Мария Иванова", line=8)
    sign_in(page, analyst, totp_device(analyst))

    page.goto(f"/en/networks/investigations/{investigation.pk}/candidates/")
    page.get_by_role("button", name="Search for candidates").click()
    expect(page.locator(".job-progress")).to_be_visible()
    run_pending()
    expect(page.locator(".job-progress")).to_contain_text("done", timeout=10_000)
    page.reload()
    rows = page.locator("table.candidates tbody tr")
    expect(rows).to_have_count(2)

    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same?")
    sides = page.locator("table.side-by-side")
    expect(sides).to_contain_text("russia.ftm.json, line")
    expect(sides).to_contain_text("italy.ftm.json, line")
    first_url = page.url

    page.get_by_role("button", name="Same", exact=True).click()
    expect(page).not_to_have_url(first_url)
    expect(page).to_have_url(re.compile(r"/candidates/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same?")
    expect(page.locator(".subtitle")).to_contain_text("1 pair left to judge")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Not the same").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entity resolution")
    expect(page.locator("table.candidates tbody tr")).to_have_count(1)
    expect(page.locator("table.candidates")).to_contain_text("No open candidates")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
