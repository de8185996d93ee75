"""In the browser: a signed-out focal point follows a link to a review, signs in and lands on it; "End"
beside a person asks first and does nothing until confirmed; a refused dialogue question comes back red
beside the field, which has the focus; the questionnaire's progress stays in view at phone width."""

from datetime import date

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.review.domain import cycles, participants
from palermo.review.domain.draw import Rules
from palermo.review.models import Participant, Review
from tests.factories import PASSWORD, UserFactory, current_code, totp_device
from tests.review.conftest import person

pytestmark = pytest.mark.browser


@pytest.fixture
def review_with_people(register_data):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    cycle = cycles.launch_cycle(
        user=secretariat, number=3, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=5)
    review = Review.objects.filter(cycle=cycle, instrument="UNTOC").order_by("state_under_review").first()
    state = review.state_under_review_id
    focal_point, expert = person(state, Role.FOCAL_POINT), person(state)
    participants.appoint(review=review, party=state, user=focal_point, role="focal_point", actor=secretariat)
    participants.appoint(
        review=review, party=state, user=expert, role="governmental_expert", actor=focal_point
    )
    return review, focal_point, expert


def test_sign_in_lands_on_the_page_and_end_asks_first(page, review_with_people):
    review, focal_point, expert = review_with_people
    device = totp_device(focal_point)
    page.goto(f"/en/review/reviews/{review.pk}/")
    expect(page).to_have_url(
        f"{page.url.split('/en/')[0]}/en/accounts/login/?next=%2Fen%2Freview%2Freviews%2F{review.pk}%2F"
    )
    page.get_by_label("Email or user name").fill(focal_point.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Review of")  # back on the page the link led to

    confirm = page.locator("details.confirm").filter(has_text="End the appointment").first
    confirm.locator("summary").click()
    expect(confirm).to_contain_text("will no longer take part in this review")
    button = confirm.locator("button.danger")
    button.click()  # the box is not ticked: the browser refuses, nothing is sent
    assert Participant.objects.filter(review=review, user=expert, ended_at=None).exists()
    confirm.get_by_label("Yes, I am sure").check()
    button.click()
    expect(page.locator(".messages")).to_contain_text("no longer takes part in this review")
    assert not Participant.objects.filter(review=review, user=expert, ended_at=None).exists()

    # A refused question: red beside the field, which has the focus (the page opens at the form).
    page.goto(f"/en/review/reviews/{review.pk}/phases/1/dialogue/")
    page.get_by_label("About").select_option("5")
    page.get_by_label("Question").evaluate("field => { field.required = false; field.value = '  '; }")
    page.get_by_role("button", name="Post the question").click()
    error = page.locator("#id_text_error")
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_have_text("Write the message.")
    expect(page.get_by_label("Question")).to_be_focused()
    expect(page.get_by_label("Question")).to_have_attribute("aria-invalid", "true")
    assert page.locator("#id_text_error").evaluate("e => getComputedStyle(e).color") == "rgb(164, 0, 0)"
    expect(page.locator(".messages")).to_have_count(0)


def test_the_questionnaire_progress_stays_in_view_on_a_phone(browser, live_server, review_with_people):
    review, _focal_point, expert = review_with_people
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    device = totp_device(expert)
    page.goto(f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{review.state_under_review_id}/")
    page.get_by_label("Email or user name").fill(expert.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    progress = page.locator(".saq-progress")
    expect(progress).to_contain_text("0 of")
    page.locator(".saq-article").last.scroll_into_view_if_needed()
    box = progress.bounding_box()
    assert box is not None and 0 <= box["y"] < 5  # stuck to the top of the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
