import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.review.models import Draw
from tests.browser.test_accounts_walkthrough import sign_in
from tests.factories import UserFactory, totp_device

pytestmark = pytest.mark.browser


def test_the_secretariat_launches_a_cycle_draws_redraws_and_publishes(page, browser, live_server):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    sign_in(page, secretariat, totp_device(secretariat))
    page.locator(".site-header summary", has_text="Conference").click()  # the Conference's mechanism
    page.get_by_role("link", name="Review Mechanism").click()
    page.get_by_label("Cycle number:", exact=True).fill("1")
    page.get_by_label("Reference date:", exact=True).fill("2015-01-01")
    page.get_by_label("Year group 1 starts:", exact=True).fill("2030")
    page.get_by_role("button", name="Launch the cycle").click()
    expect(page.locator(".messages")).to_contain_text("Cycle 1 launched.")
    expect(page.locator("table.data").first).to_contain_text("Criminalization and jurisdiction")
    page.get_by_label("Seed:", exact=True).fill("2020")
    page.get_by_role("button", name="Draw lots").click()
    expect(page.locator(".messages")).to_contain_text("Lots drawn.")
    draw = Draw.objects.get()
    first = draw.result["reviews"][0]
    page.get_by_label("State under review:", exact=True).select_option(first["state_under_review"])
    page.get_by_label("Reviewing State to replace:", exact=True).select_option(first["reviewers"][0]["state"])
    page.get_by_label("Reason (published):", exact=True).fill("The reviewing State asked to be replaced.")
    page.get_by_role("button", name="Redraw").click()
    expect(page.locator(".messages")).to_contain_text("Reviewer redrawn.")
    page.get_by_role("link", name="The draw as a document").click()
    expect(page.locator("dl.facts")).to_contain_text("The reviewing State asked to be replaced.")
    page.locator("details.confirm > summary", has_text="Publish the draw").click()  # it asks first
    page.locator("details.confirm").get_by_label("Yes, I am sure").check()
    page.locator("details.confirm button.danger").click()
    expect(page.locator(".messages")).to_contain_text("The draw is published.")

    # A visitor, in Arabic, reads the published redraw (right to left), not the unpublished first draw.
    visitor = browser.new_context(base_url=live_server.url, locale="ar").new_page()
    visitor.goto(f"/ar/review/cycles/1/?state={first['state_under_review']}")  # the reviews come in pages
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")
    expect(visitor.locator("table.data").nth(1)).to_contain_text(first["state_under_review"])
    assert visitor.goto(f"/ar/review/cycles/1/draws/{draw.pk}/").status == 404  # never published
    visitor.context.close()


def test_a_focal_point_appoints_an_expert_of_their_state(page):
    from datetime import date

    from palermo.accounts.models import Organisation
    from palermo.register.models import Party
    from palermo.review.domain import cycles, participants
    from palermo.review.domain.draw import Rules
    from palermo.review.models import Review

    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    cycle = cycles.launch_cycle(
        user=secretariat, number=3, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=3)
    italy = Organisation.objects.create(
        name="Italy, Ministry of Justice",
        kind=Organisation.Kind.STATE_AUTHORITY,
        party=Party.objects.get(code="ITA"),
    )
    focal_point = UserFactory(role=Role.FOCAL_POINT, organisation=italy, first_name="Francesca")
    expert = UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=italy, first_name="Ettore")
    review = Review.objects.get(cycle=cycle, state_under_review="ITA", instrument="UNTOC")
    participants.appoint(review=review, party="ITA", user=focal_point, role="focal_point", actor=secretariat)

    sign_in(page, focal_point, totp_device(focal_point))
    page.goto("/en/review/")
    page.get_by_role("link", name="My reviews").click()
    page.get_by_role("link", name="Italy").click()
    expect(page.locator("h1")).to_have_text("Review of Italy, Organized Crime Convention")
    expect(page.locator("table.data").first).to_contain_text("Francesca")
    page.get_by_label("For the State, as").select_option("ITA:governmental_expert")
    page.get_by_label("Email address of the person").fill(expert.email)
    page.get_by_role("button", name="Appoint").click()
    expect(page.locator(".messages")).to_contain_text("they are now appointed and told so by e-mail")
    expect(page.locator("table.data").first).to_contain_text("Ettore")
    expect(page.locator("table.data").first).to_contain_text("Governmental expert")
    # The focal point drafts the summary of phase 1, submits it and clears it (the whole phase, with the
    # questionnaire, is walked through in test_review_phase.py).
    page.get_by_role("link", name="Summary").first.click()
    page.get_by_label("Text of the summary").fill(
        "Law 146/2006 criminalizes participation in an organized criminal group."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved (version 2).")
    page.get_by_role("button", name="Submit for clearance").click()
    expect(page.locator("dl.facts")).to_contain_text("Awaiting clearance by the focal point")
    page.get_by_role("button", name="Clear").click()
    expect(page.locator("dl.facts")).to_contain_text("Cleared")
    expect(page.locator("table.data").last).to_contain_text("Awaiting clearance by the focal point → Cleared")
