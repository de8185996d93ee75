"""In the browser: Mexico's focal point, in French on a phone, records a need for technical assistance (a
first try without a description is refused beside the field), sees it on the dashboard as not published,
publishes it, and a visitor then finds it on the map's State and in the list."""

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.conference.models import AssistanceActivity, AssistanceNeed, AssistanceOffer
from tests.browser.test_accounts_walkthrough import sign_in
from tests.browser.test_conference_follow_up import PHONE, conference  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import totp_device

pytestmark = pytest.mark.browser


def test_a_focal_point_records_and_publishes_a_need_in_french_on_a_phone(
    page,
    browser,
    live_server,
    conference,  # noqa: F811
):
    mexico = person(Role.FOCAL_POINT, "MEX")
    sign_in(page, mexico, totp_device(mexico))
    page.set_viewport_size(PHONE)
    page.goto("/fr/conference/assistance/")
    page.get_by_role("link", name="Enregistrer un besoin").click()
    page.get_by_label("Articles").select_option(
        label="Convention contre la criminalité organisée, art. 18 : Entraide judiciaire"
    )
    page.expected_errors.append("status of 400")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".errors").first).to_be_visible()
    assert not AssistanceNeed.objects.filter(party_id="MEX", is_demo=False).exists()
    page.get_by_label("Ce qui est nécessaire").fill("Formation des autorités centrales (essai).")
    page.get_by_role("button", name="Enregistrer").click()
    mexican = page.locator("#needs-MEX")
    expect(mexican).to_contain_text("Formation des autorités centrales (essai).")
    need = AssistanceNeed.objects.get(party_id="MEX", is_demo=False)
    item = page.locator(f"#need-{need.pk}")
    expect(item).to_contain_text("non publié")
    item.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("publié")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/fr/conference/assistance/")
    expect(visitor.locator("#needs-MEX")).to_contain_text("Formation des autorités centrales (essai).")
    expect(visitor.locator("#needs-MEX")).not_to_contain_text(
        "Witness protection programme"
    )  # still unpublished
    visitor.context.close()


def test_a_state_offers_assistance_in_spanish_and_the_secretariat_plans_an_activity_from_a_match(
    page,
    browser,
    live_server,
    conference,  # noqa: F811
):
    spain = person(Role.FOCAL_POINT, "ESP")
    sign_in(page, spain, totp_device(spain))
    page.set_viewport_size(PHONE)
    page.goto("/es/conference/assistance/")
    page.get_by_role("link", name="Registrar una oferta").click()
    page.get_by_label("Tipo de asistencia").select_option("training")
    page.get_by_label("Artículos").select_option(
        label="Convención contra la Delincuencia Organizada, art. 19: Investigaciones conjuntas"
    )
    page.expected_errors.append("status of 400")
    page.get_by_role("button", name="Registrar").click()
    expect(page.locator(".errors").first).to_be_visible()
    assert not AssistanceOffer.objects.filter(party_id="ESP", kind="training").exists()
    page.get_by_label("Lo que se ofrece").fill("Cursos sobre equipos conjuntos de investigación (prueba).")
    page.get_by_role("button", name="Registrar").click()
    expect(page.locator("h1")).to_contain_text("España")
    expect(page.locator("#matches")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Training of prosecutors in joint investigations (demo).")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    offer = AssistanceOffer.objects.get(party_id="ESP", kind="training")
    office = browser.new_context(base_url=live_server.url).new_page()
    secretariat = person(Role.SECRETARIAT_ADMIN)
    sign_in(office, secretariat, totp_device(secretariat))
    office.goto(f"/en/conference/assistance/offers/{offer.pk}/")
    office.get_by_role("link", name="Plan an activity with this offer").first.click()
    expect(office.get_by_label("Provided by")).to_have_value("Spain")
    office.get_by_label("Title in English").fill("Joint investigation courses (test)")
    office.get_by_role("button", name="Record").click()
    expect(office.locator("#activities")).to_be_visible()
    expect(office.locator("main")).to_contain_text("Joint investigation courses (test)")
    assert AssistanceActivity.objects.get(titles__en="Joint investigation courses (test)").offer == offer
    office.context.close()
