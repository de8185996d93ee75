"""In the browser, issue 16's walk-through of information gathering: the secretariat composes a questionnaire
(a first try with a past deadline is refused beside the field) and sends it; Italy's focal point, in Spanish
on a phone, answers the demo questionnaire (each answer autosaved), is refused a submission while a question
is unanswered, then submits and publishes; the response rate and the chart's table for the Western European
and Others Group change; the secretariat downloads the report in French."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.conference.models import Questionnaire, Reply
from tests.browser.test_accounts_walkthrough import sign_in
from tests.browser.test_conference_follow_up import PHONE, conference  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import totp_device

pytestmark = pytest.mark.browser


def test_the_secretariat_composes_and_sends_a_questionnaire(page, conference):  # noqa: F811
    secretariat = person(Role.SECRETARIAT_ADMIN)
    sign_in(page, secretariat, totp_device(secretariat))
    page.goto("/en/conference/")
    page.get_by_role("link", name="Questionnaires to States parties").first.click()
    page.get_by_role("link", name="Compose a questionnaire").click()
    page.get_by_label("Title in English").fill("Smuggling of migrants by sea (test)")
    page.get_by_label("The States parties of one regional group").check()
    page.get_by_role("combobox", name="Regional group").select_option("GRULAC")
    page.get_by_label("Deadline").fill("2020-01-01")
    first = page.locator("fieldset").nth(0)
    first.get_by_label("Question in English").fill("Has your State criminalized the smuggling of migrants?")
    second = page.locator("fieldset").nth(1)
    second.get_by_label("Question in English").fill("Which route is most used?")
    second.get_by_role("combobox", name="Answer", exact=False).first.select_option("choice")
    second.get_by_label("Answers offered").fill("By sea\nBy land\nBy air")
    page.expected_errors.append("status of 400")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".errors")).to_contain_text("The deadline must be after today.")
    assert not Questionnaire.objects.filter(titles__en__startswith="Smuggling").exists()
    page.get_by_label("Deadline").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("saved as a draft")
    expect(page.locator("form.actions")).to_contain_text("It goes to 32 States parties.")
    page.get_by_role("button", name="Send to the States parties").click()
    expect(page.locator(".messages")).to_contain_text("The questionnaire is sent")
    expect(page.locator("#response-rates + p")).to_contain_text("0 of 32 States have replied")


def test_a_focal_point_answers_in_spanish_on_a_phone_and_the_results_change(
    page,
    browser,
    live_server,
    conference,  # noqa: F811
):
    questionnaire = Questionnaire.objects.get(is_demo=True)
    results = f"/es/conference/questionnaires/{questionnaire.pk}/results/"
    page.goto(results)
    weog = page.locator(
        "#question-1 tbody tr", has_text="Grupo de los Estados de Europa Occidental y otros Estados"
    )
    expect(weog.locator("td").first).to_have_text("6")
    italy = person(Role.FOCAL_POINT, "ITA")
    sign_in(page, italy, totp_device(italy))
    page.set_viewport_size(PHONE)
    page.goto("/es/conference/questionnaires/")
    page.get_by_role("link", name="No iniciado").click()
    for number, answer in [(1, "Sí"), (2, "Más de 20 años")]:
        question = page.locator(f"#question-{number}")
        question.get_by_label(answer).check()
        expect(question.locator("[data-autosave-status]")).to_contain_text("versión 1")
    third = page.locator("#question-3")
    third.get_by_label("Número").fill("1320")
    expect(third.locator("[data-autosave-status]")).to_contain_text("versión 1")
    page.get_by_role("button", name="Presentar la respuesta de nuestro Estado").click()
    expect(page.locator(".messages")).to_contain_text("4")  # question 4 still unanswered
    assert Reply.objects.get(questionnaire=questionnaire, party_id="ITA").state == "in_progress"
    page.locator("#question-4 textarea").fill("Formación en marcación (prueba).")
    expect(page.locator("#question-4 [data-autosave-status]")).to_contain_text("versión 1")
    page.get_by_label("Publicar nuestras respuestas con el nombre de nuestro Estado").check()
    page.get_by_role("button", name="Presentar la respuesta de nuestro Estado").click()
    expect(page.locator(".messages")).to_contain_text("Se ha presentado")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(results)
    expect(weog.locator("td").first).to_have_text("7")
    expect(page.locator("#response-rates + p")).to_contain_text("12 de")
    expect(page.locator("#question-4")).to_contain_text("Formación en marcación (prueba).")
    # the secretariat downloads the report in French
    office = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    secretariat = person(Role.SECRETARIAT_ADMIN)
    sign_in(office, secretariat, totp_device(secretariat))
    office.goto(results.replace("/es/", "/en/"))
    office.get_by_label("Draft analytical report (DOCX) in").select_option("fr")
    with office.expect_download() as download:
        office.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == f"questionnaire-{questionnaire.pk}-fr.docx"
    office.context.close()
