import pytest
from playwright.sync_api import expect

from palermo.accounts.models import Role
from palermo.register.models import Participation
from tests.browser.test_accounts_walkthrough import sign_in
from tests.factories import UserFactory, totp_device

pytestmark = pytest.mark.browser


@pytest.fixture
def secretariat_page(page):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    sign_in(page, secretariat, totp_device(secretariat))
    return page


def test_secretariat_records_a_declaration(secretariat_page):
    page = secretariat_page
    page.goto("/en/register/parties/FRA/")
    page.get_by_role("link", name="Record a declaration or notification").click()
    page.get_by_label("Instrument").select_option("UNTOC")
    page.get_by_label("Kind").select_option("extradition_legal_basis")
    page.get_by_label("Article").fill("16(5)")
    page.get_by_label("Date").fill("2002-10-29")
    page.get_by_label("Text").fill("France takes the Convention as the legal basis for extradition.")
    page.get_by_role("button", name="Save").click()
    # The form explains what is missing and keeps what was typed.
    expect(page.locator(".errors")).to_contain_text("legal basis for extradition")
    expect(page.get_by_label("Text")).to_have_value(
        "France takes the Convention as the legal basis for extradition."
    )
    page.get_by_label("Takes the Convention as the legal basis").select_option("true")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The declaration was recorded.")
    expect(page.locator(".declaration")).to_contain_text(
        "Takes the Convention as the legal basis for extradition"
    )


def test_secretariat_imports_a_pasted_table(secretariat_page):
    page = secretariat_page
    page.goto("/en/register/status-imports/")
    page.get_by_role("link", name="Import treaty status").click()
    page.get_by_label("Instrument").select_option("UNTOC")
    page.get_by_label("Status as of").fill("2016-01-01")
    page.get_by_label("Or paste the table").fill(
        "Participant\tSignature\tRatification, Accession(a)\nRepublic of Korea 4\t 13 Dec 2000\t 5 Nov 2015\n"
        "Atlantis\t 1 Jan 2001\t\n"
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".errors h2")).to_have_text("1 problem; nothing was imported.")
    expect(page.locator(".errors table")).to_contain_text("unknown participant 'Atlantis'")
    assert Participation.objects.get(party="KOR", instrument="UNTOC").consent is None
    page.get_by_label("Or paste the table").fill(
        "Participant\tSignature\tRatification, Accession(a)\nRepublic of Korea 4\t 13 Dec 2000\t 5 Nov 2015\n"
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".messages")).to_contain_text("2 changes recorded.")
    expect(page.locator("table.data")).to_contain_text("5 November 2015")
    page.get_by_role("link", name="Republic of Korea").first.click()
    expect(page.locator("table.data").first).to_contain_text("5 December 2015")
