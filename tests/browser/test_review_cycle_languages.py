"""A visitor reads a published cycle's clusters in their language, without the data's developer notes."""

from datetime import date

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.review.domain import cycles
from palermo.review.domain.draw import Rules
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_clusters_in_arabic_and_french(page):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    cycle = cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.publish_draw(draw=cycles.draw_lots(cycle=cycle, user=secretariat, seed=5), user=secretariat)
    page.goto("/ar/review/cycles/1/")
    clusters = page.locator("table.data").first
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(clusters.locator("td[lang=ar]").first).to_have_text("التجريم والولاية القضائية")
    expect(clusters).to_contain_text("اتفاقية الجريمة المنظمة")  # the instrument's short title
    page.goto("/fr/review/cycles/1/")
    clusters = page.locator("table.data").first
    expect(clusters.locator("td[lang=fr]").nth(1)).to_have_text(
        "Coopération internationale, entraide judiciaire et confiscation"
    )
    for developer_word in ("provisional", "confidence", "2026-11-27", "Criminalization and jurisdiction"):
        expect(page.locator("main")).not_to_contain_text(developer_word)
