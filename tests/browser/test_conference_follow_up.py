"""In the browser: a State's focal point, in Spanish on a phone, opens the Conference through the menu,
records what Italy did on a resolution's paragraph (a first try without text is refused beside the field),
and the follow-up page then counts it; in Arabic the pages read right to left with no word broken."""

import pytest
from playwright.sync_api import expect

from palermo.accounts.demo import create_demo_accounts
from palermo.accounts.models import Role
from palermo.conference.demo import create_demo_conference
from palermo.conference.models import AssistanceOffer, Body, Decision, FollowUp, Meeting, Questionnaire
from tests.browser.test_accounts_walkthrough import sign_in
from tests.browser.words import broken_words
from tests.conference.test_records import person
from tests.factories import totp_device

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def conference(register_data, settings):
    settings.DEMO_MODE = True
    create_demo_accounts()
    create_demo_conference()


def test_a_focal_point_records_follow_up_in_spanish_on_a_phone(page, conference):
    italy = person(Role.FOCAL_POINT, "ITA")
    sign_in(page, italy, totp_device(italy))
    page.set_viewport_size(PHONE)
    page.goto("/es/")
    page.locator(".menu-button").click()
    page.get_by_role("link", name="Períodos de sesiones, resoluciones y seguimiento").click()
    page.get_by_role("link", name="Seguimiento de las solicitudes de la Conferencia").click()
    second = page.locator("#follow-up tbody tr").nth(1)
    expect(second.locator("td[data-label='Concluido']")).to_have_text("0")
    second.get_by_role("link").first.click()  # Resolución 12/1, párrafo 2
    paragraph = page.locator("section.paragraph").nth(1)
    paragraph.get_by_text("Registrar las medidas adoptadas").click()
    paragraph.get_by_label("Estado").select_option("done")
    page.expected_errors.append("status of 400")  # the refused form comes back as a 400 page
    paragraph.get_by_role("button", name="Registrar").click()
    refused = page.locator("details.follow-up-form[open]")
    expect(refused.locator(".errors")).to_be_visible()  # no text: named beside the field
    assert not FollowUp.objects.filter(party_id="ITA", paragraph__number=2).exists()
    refused.get_by_label("Medidas adoptadas").fill("Se crearon dos equipos conjuntos de investigación.")
    refused.get_by_role("button", name="Registrar").click()
    expect(page.locator(".messages")).to_contain_text("El seguimiento ha quedado registrado.")
    expect(page.locator("section.paragraph").nth(1)).to_contain_text("equipos conjuntos")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto("/es/conference/follow-up/")
    expect(page.locator("#follow-up tbody tr").nth(1).locator("td[data-label='Concluido']")).to_have_text("1")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_conference_pages_read_right_to_left_with_no_word_broken(page, conference, width):
    page.set_viewport_size({"width": width, "height": 900})
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    resolution = Decision.objects.get(number="12/1")
    paths = ["conference/", "conference/follow-up/", "conference/search/?q=assistance OR joint"]
    paths += [f"conference/meetings/{session.pk}/", f"conference/decisions/{resolution.pk}/"]
    questionnaire = Questionnaire.objects.get(is_demo=True)
    paths += ["conference/questionnaires/", f"conference/questionnaires/{questionnaire.pk}/"]
    paths += [
        f"conference/questionnaires/{questionnaire.pk}/results/",
        "conference/general-review/",
        "conference/assistance/",
        f"conference/assistance/offers/{AssistanceOffer.objects.get(party_id='ESP').pk}/",
    ]
    problems = {}
    for language in ("ar", "fr", "ru"):
        for path in paths:
            page.goto(f"/{language}/{path}")
            expect(page.locator("h1")).to_be_visible()
            if language == "ar":
                assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (language, path)
            found = broken_words(page)
            if found:
                problems[f"{language} {path}"] = found
    assert problems == {}
