"""One whole phase of a review in the browser: the State under review's expert answers the questionnaire
(autosaved) and its focal point clears it; two reviewing experts comment and ask in the dialogue; the
observations and the summary are drafted jointly and cleared; the secretariat publishes the summary,
which a visitor reads in French — and nothing else of the review is public."""

from datetime import date

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.review.domain import cycles, participants
from palermo.review.domain.draw import Rules
from palermo.review.models import Review, StepDocument
from tests.browser.test_accounts_walkthrough import sign_in
from tests.factories import UserFactory, totp_device
from tests.review.conftest import person

pytestmark = pytest.mark.browser


def cast_of_a_protocol_review():
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN, first_name="Sam")
    secretariat.is_verified = lambda: True
    cycle = cycles.launch_cycle(
        user=secretariat, number=2, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=7)
    review = Review.objects.filter(cycle=cycle, instrument="TIP").order_by("state_under_review").first()
    state, first_reviewer, second_reviewer = participants.parties_of(review)[:3]
    people = {"secretariat": secretariat}
    for code, name in (
        (state, "state"),
        (first_reviewer, "first reviewer"),
        (second_reviewer, "second reviewer"),
    ):
        focal_point, expert = person(code, Role.FOCAL_POINT), person(code)
        participants.appoint(
            review=review, party=code, user=focal_point, role="focal_point", actor=secretariat
        )
        participants.appoint(
            review=review, party=code, user=expert, role="governmental_expert", actor=focal_point
        )
        people[f"{name} focal point"], people[f"{name} expert"] = focal_point, expert
    return review, people


def open_as(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, user, totp_device(user))
    return page


def open_step(page, review, label):
    page.goto(f"/en/review/reviews/{review.pk}/")
    page.get_by_role("link", name=label).first.click()


def test_one_whole_phase_ends_with_a_published_summary(page, browser, live_server):
    review, people = cast_of_a_protocol_review()
    state = review.state_under_review

    # The State under review's expert answers the six questions of TIP articles 3 and 5 (autosaved).
    sign_in(page, people["state expert"], totp_device(people["state expert"]))
    open_step(page, review, "Self-assessment questionnaire")
    expect(page.locator("[data-saq-total]")).to_contain_text("0 of 6 questions answered")
    for article, keys in (("3", "abcd"), ("5", "12")):
        section = page.locator(f"#article-{article}")
        for key in keys:
            section.locator(f'input[name="response_{key}"][value="yes"]').check()
            section.locator(f'textarea[name="explanation_{key}"]').fill(f"Penal code, art. {article}{key}.")
        expect(section.locator("[data-autosave-status]")).to_contain_text("Saved at", timeout=10_000)
        expect(page.locator(f'[data-saq-progress="{article}"]')).to_have_text(
            f"{len(keys)} of {len(keys)} answered"
        )
    section = page.locator("#article-5")
    section.get_by_text("Name a technical-assistance need").click()
    section.get_by_label("Kind of assistance").select_option("training")
    section.get_by_label("Priority").select_option("high")
    section.get_by_label("Description").fill("Training of labour inspectors")
    section.get_by_role("button", name="Add the need").click()
    expect(page.locator(".messages")).to_contain_text("Technical-assistance need added.")
    page.get_by_role("button", name="Submit for clearance").click()
    expect(page.locator(".messages")).to_contain_text("Awaiting clearance")

    # Its focal point clears it: the reviewing States receive it.
    focal_point = open_as(browser, live_server, people["state focal point"])
    open_step(focal_point, review, "Self-assessment questionnaire")
    expect(focal_point.locator("#article-3")).to_contain_text("Penal code, art. 3a.")
    focal_point.get_by_role("button", name="Clear").click()
    expect(focal_point.locator(".messages")).to_contain_text("Cleared")

    # The first reviewing expert comments on a question and submits; their focal point clears.
    first = open_as(browser, live_server, people["first reviewer expert"])
    first.goto(
        f"/en/review/reviews/{review.pk}/phases/1/feedback/{people['first reviewer expert'].organisation.party_id}/"
    )
    first.locator("#article-5 textarea[name=comment_1]").fill("Which court has applied article 5 so far?")
    expect(first.locator("#article-5 [data-autosave-status]")).to_contain_text("Saved at", timeout=10_000)
    first.get_by_role("button", name="Submit for clearance").click()
    expect(first.locator(".messages")).to_contain_text("Awaiting clearance")

    # The second reviewing expert asks in the dialogue; the State under review's expert answers.
    second = open_as(browser, live_server, people["second reviewer expert"])
    second.goto(f"/en/review/reviews/{review.pk}/phases/1/dialogue/")
    second.get_by_label("About").select_option("3")
    second.get_by_label("Question").fill("Does the definition cover forced begging?")
    second.get_by_role("button", name="Post the question").click()
    expect(second.locator(".messages")).to_contain_text("Message posted.")
    page.goto(f"/en/review/reviews/{review.pk}/phases/1/dialogue/")
    page.get_by_label("Reply").fill("Yes, since the 2019 amendment.")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.locator(".thread")).to_contain_text("Yes, since the 2019 amendment.")

    # Observations, drafted jointly, cleared by the State under review's focal point.
    open_step(second, review, "List of observations")
    second.get_by_label("Category").select_option("good_practice")
    second.get_by_label("Observation", exact=True).fill("Specialised labour inspectorate.")
    second.get_by_role("button", name="Add the observation").click()
    expect(second.locator("#observations")).to_contain_text("Specialised labour inspectorate.")
    second.get_by_role("button", name="Submit for clearance").click()
    open_step(focal_point, review, "List of observations")
    focal_point.get_by_role("button", name="Clear").click()
    expect(focal_point.locator(".messages")).to_contain_text("Cleared")

    # The summary: drafted by a reviewing expert, cleared by the State under review's focal point.
    open_step(first, review, "Summary")
    first.get_by_label("Text of the summary").fill("The State has criminalised trafficking in persons.")
    first.get_by_role("button", name="Save").click()
    first.get_by_role("button", name="Submit for clearance").click()
    open_step(focal_point, review, "Summary")
    focal_point.get_by_role("button", name="Clear").click()
    expect(focal_point.locator(".messages")).to_contain_text("Cleared")

    # The secretariat uploads the English and French texts and publishes.
    secretariat = open_as(browser, live_server, people["secretariat"])
    open_step(secretariat, review, "Summary")
    for language, text in (
        ("en", "The State has criminalised trafficking in persons."),
        ("fr", "L’État a incriminé la traite des personnes."),
    ):
        secretariat.get_by_label("Language", exact=True).select_option(language)
        secretariat.get_by_label("Text of the summary in this language").fill(text)
        secretariat.get_by_role("button", name="Save the translation").click()
        expect(secretariat.locator(".messages")).to_contain_text("Translation saved.")
    secretariat.locator("details.confirm > summary", has_text="Publish the summary").click()  # it asks first
    secretariat.locator("details.confirm").get_by_label("Yes, I am sure").check()
    secretariat.locator("details.confirm button.danger").click()
    expect(secretariat.locator(".messages")).to_contain_text("The summary is public.")

    # A visitor reads it in French; the questionnaire itself stays confidential.
    visitor = browser.new_context(base_url=live_server.url, locale="fr").new_page()
    visitor.goto("/fr/review/summaries/")
    visitor.get_by_role("link", name=state.name_in("fr")).click()
    expect(visitor.locator(".document-text")).to_contain_text("L’État a incriminé la traite des personnes.")
    saq = StepDocument.objects.get(review=review, kind="self_assessment")
    visitor.goto(f"/fr/review/reviews/{review.pk}/phases/1/self_assessment/{saq.party_id}/")
    expect(visitor.locator("h1")).to_have_text("Se connecter")  # sent to sign in: nothing of it is shown
    for other in (focal_point, first, second, secretariat, visitor):
        other.context.close()
