import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Organisation, Role
from palermo.register.models import Party
from tests.browser.test_accounts_walkthrough import sign_in
from tests.factories import UserFactory, published_case, totp_device

pytestmark = pytest.mark.browser


def test_a_case_goes_from_draft_to_published(page, browser, live_server):
    italy = Organisation.objects.create(
        name="Italy, Ministry of Justice",
        kind=Organisation.Kind.STATE_AUTHORITY,
        party=Party.objects.get(code="ITA"),
    )
    expert = UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=italy)
    sign_in(page, expert, totp_device(expert))
    page.get_by_role("link", name="Knowledge base").click()
    page.get_by_role("link", name="+ Case law").click()
    page.get_by_label("Title").fill("Public Prosecutor v. A.B.")
    page.get_by_label("State:", exact=True).select_option("ITA")
    page.get_by_label("Date:", exact=True).fill("2016-05-04")
    page.get_by_role("textbox", name="Summary:").fill("Smuggling of 42 migrants by sea from Libya.")
    page.get_by_label("Smuggling of migrants").check()
    page.get_by_label("Court:", exact=True).fill("Court of Appeal of Palermo")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The record is saved.")
    expect(page.locator("p.warning")).to_contain_text("Not published (Draft)")
    page.get_by_role("button", name="Move to: Submitted").click()
    expect(page.locator(".messages")).to_contain_text("The record is now: Submitted.")
    record_url = page.url

    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    staff = browser.new_context(base_url=live_server.url).new_page()
    sign_in(staff, secretariat, totp_device(secretariat))
    staff.goto(record_url)
    staff.get_by_role("button", name="Move to: Verified").click()
    staff.get_by_role("button", name="Move to: Published").click()
    expect(staff.locator(".messages")).to_contain_text("The record is now: Published.")
    staff.context.close()

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/fr/register/parties/ITA/")
    expect(visitor.locator("main")).to_contain_text("Public Prosecutor v. A.B.")
    visitor.get_by_role("link", name="Public Prosecutor v. A.B.").click()
    expect(visitor.locator("dl.facts")).to_contain_text("Trafic illicite de migrants")
    expect(visitor.locator("main")).not_to_contain_text("Validation")
    visitor.context.close()


def test_a_practitioner_saves_a_search_and_follows_it(page):
    published_case("Boat case", "Migrants were smuggled by sea.", jurisdiction="SEN")
    practitioner = UserFactory(role=Role.PRACTITIONER)
    sign_in(page, practitioner, totp_device(practitioner))
    page.goto("/fr/knowledge/?q=smuggled")
    page.get_by_role("link", name="Enregistrer cette recherche").click()
    expect(page.get_by_label("Nom")).to_have_value("smuggled")
    page.get_by_label("Nom").fill("Bateaux")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text("La recherche « Bateaux » est enregistrée.")
    feed = page.get_by_role("link", name="Flux Atom").get_attribute("href")
    assert "Boat case" in page.request.get(feed).text()
    page.get_by_role("link", name="Bateaux").click()
    expect(page.locator(".hit-list")).to_contain_text("Boat case")
    page.go_back()
    confirm = page.locator("details.confirm").filter(has_text="Supprimer")
    confirm.locator("summary").click()
    confirm.get_by_label("Oui, je confirme").check()
    confirm.get_by_role("button", name="Supprimer").click()
    expect(page.locator(".messages")).to_contain_text("La recherche « Bateaux » est supprimée.")
    expect(page.locator("main")).to_contain_text("Vous n’avez encore aucune recherche enregistrée.")
