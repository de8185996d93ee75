"""A reader meets the UN's names of States in their language, in their alphabet's order."""

from datetime import date

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from tests.browser.test_accounts_walkthrough import sign_in
from tests.factories import UserFactory, totp_device

pytestmark = pytest.mark.browser


def test_a_french_reader_finds_the_un_names_in_french_order(page):
    page.goto("/fr/register/parties/")
    names = page.locator("#results tbody th a").all_inner_texts()
    assert names.index("Côte d’Ivoire") == names.index("Costa Rica") + 1  # not after "Cuba"
    assert "République démocratique du Congo" in names and "Fédération de Russie" in names
    assert "Congo-Kinshasa" not in names and "Russie" not in names
    page.get_by_label("Nom ou code").fill("cote d'ivoire")  # typed without accent, with a straight apostrophe
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody th a")).to_have_text("Côte d’Ivoire")


def test_an_arabic_reader_of_a_review_reads_the_state_and_instrument_in_arabic(page):
    from palermo.review.domain import cycles
    from palermo.review.domain.draw import Rules
    from palermo.review.models import Review

    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    cycle = cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=3)
    review = Review.objects.get(cycle=cycle, state_under_review="RUS", instrument="UNTOC")
    sign_in(page, secretariat, totp_device(secretariat))
    page.goto(f"/ar/review/reviews/{review.pk}/")
    expect(page.locator("h1")).to_have_text("استعراض الاتحاد الروسي، اتفاقية الجريمة المنظمة")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto(f"/fr/review/reviews/{review.pk}/")
    expect(page.locator("h1")).to_contain_text("Fédération de Russie")
    expect(page.locator("h1")).to_contain_text("Convention contre la criminalité organisée")
