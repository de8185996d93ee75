"""In the browser: Mexico's focal point, in French on a phone, records a need for technical assistance (a
first try without a description is refused beside the field), sees it on the dashboard as not published,
publishes it, and a visitor then finds it on the map's State and in the list."""

import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.conference.models import AssistanceNeed
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
