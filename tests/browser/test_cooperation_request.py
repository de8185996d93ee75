"""A request for mutual legal assistance in the browser, as issue 13 walks through it: an Italian prosecutor
drafts a request for bank records in a trafficking case to Brazil's central authority, sees the missing
items named with their articles, completes them; a colleague approves it; it is sent and its letter
downloads as DOCX in French; Brazil's central authority receives it, asks for more information, and
executes it; the secretariat's statistics count it (as "fewer than 5")."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (the fixture)
from tests.factories import totp_device

pytestmark = pytest.mark.browser


def open_as(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, user, totp_device(user))
    return page


def save_and_go_on(page):
    page.get_by_role("button", name="Save and go to the next step").click()


def test_a_request_for_bank_records_from_draft_to_execution(page, browser, live_server, world):  # noqa: F811
    drafter = world["drafter"]
    sign_in(page, drafter, totp_device(drafter))

    # A new request to Brazil's central authority, picked from the directory with its languages.
    page.goto("/en/cooperation/requests/")
    page.get_by_role("link", name="New request").click()
    brazil_row = page.get_by_role("row").filter(has_text="Department of Asset Recovery")
    expect(brazil_row).to_contain_text("Portuguese")
    brazil_row.get_by_role("radio").check()
    page.get_by_label("Short title (optional)").fill("Bank records, trafficking case")
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Authorities")
    save_and_go_on(page)

    # Offences: the legal basis between Italy and Brazil is shown beside them.
    expect(page.get_by_role("heading", level=1)).to_have_text("Offences and legal basis")
    expect(page.locator(".legal-basis")).to_contain_text("Legal basis")
    offence = page.locator("#offences-0")
    offence.get_by_label("Crime type").select_option("trafficking-in-persons")
    offence.get_by_label("Provision of the requesting State's law").fill("art. 601 of the Criminal Code")
    offence.get_by_label("Text of the provision").fill("Whoever recruits, transports or harbours persons …")
    offence.get_by_label("Maximum penalty (years of deprivation of liberty)").fill("20")
    offence.get_by_label("How the facts constitute the offence").fill(
        "Victims recruited in Brazil, exploited in Italy."
    )
    page.get_by_label("Committed by an organized criminal group (art. 2(a))").select_option("yes")
    save_and_go_on(page)
    # Nothing says the offence is transnational: a warning before moving on (art. 3(2)); then said.
    expect(page.locator("#missing-warning")).to_contain_text("art. 3(2)")
    page.get_by_label("(a) Committed in more than one State").check()
    page.get_by_label(
        "(c) Committed in one State but involving an organized criminal group active in more than one"
    ).check()
    save_and_go_on(page)

    # Facts: moving on with the purpose missing warns, naming the article.
    expect(page.get_by_role("heading", level=1)).to_have_text("Facts and purpose")
    page.get_by_label("Summary of the relevant facts").fill(
        "Recruitment of young women in Brazil in 2023 and 2024."
    )
    save_and_go_on(page)
    warning = page.locator("#missing-warning")
    expect(warning).to_contain_text("Purpose for which the evidence, information or action is sought")
    expect(warning).to_contain_text("art. 18(15)(f)")
    page.get_by_label("Subject matter and nature of the investigation, prosecution or proceeding").fill(
        "Investigation of trafficking in persons by an organized group"
    )
    page.get_by_label("Name and functions of the authority conducting it").fill(
        "Public Prosecutor's Office of Palermo"
    )
    page.get_by_label("Purpose for which the evidence, information or action is sought").fill(
        "To prove the payments to the recruiters"
    )
    expect(page.get_by_label("Summary of the relevant facts")).to_have_value(
        "Recruitment of young women in Brazil in 2023 and 2024."
    )
    save_and_go_on(page)

    # Persons: the suspect.
    expect(page.get_by_role("heading", level=1)).to_have_text("Persons")
    person = page.locator("#persons-0")
    person.get_by_label("Role").select_option("suspect")
    person.get_by_label("Name", exact=True).fill("Mario Invented")
    person.get_by_label("Nationality").select_option("ITA")
    person.get_by_label("Where the person is believed to be").fill("Palermo")
    save_and_go_on(page)

    # Assistance: bank records, whose particulars are asked once the form is chosen.
    expect(page.get_by_role("heading", level=1)).to_have_text("Assistance sought")
    assistance = page.locator("#assistance-0")
    assistance.get_by_label("Form of assistance").select_option("18_3_f")
    assistance.get_by_label("What is sought").fill("Statements of the account used to pay the recruiters")
    page.get_by_role("button", name="Save", exact=True).click()
    assistance = page.locator("#assistance-0")
    assistance.get_by_label("Bank").fill("Banco Inventado S.A.")
    assistance.get_by_label("Account").fill("0001-2345")
    assistance.get_by_label("Start of the period").fill("2023-01-01")
    assistance.get_by_label("End of the period").fill("2024-06-30")
    save_and_go_on(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Procedures, confidentiality and urgency")
    save_and_go_on(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annexes")
    page.get_by_role("button", name="Save and see the whole request").click()

    # The whole request: marked ready.
    expect(page.locator("#content")).to_contain_text("Banco Inventado S.A.")
    page.get_by_role("button", name="Mark ready for approval").click()
    expect(page.locator(".messages")).to_contain_text("Marked ready")
    request_url = page.url

    # A colleague approves it.
    colleague = open_as(browser, live_server, world["colleague"])
    colleague.goto(request_url)
    colleague.get_by_role("button", name="Approve").click()
    expect(colleague.locator("[data-state]")).to_have_text("Approved")

    # Sent directly; the letter downloads in French.
    page.reload()
    page.locator("#move-sent summary").click()
    page.locator("#move-sent").get_by_label("Channel").select_option("direct")
    page.locator("#move-sent").get_by_role("button", name="Record as sent").click()
    expect(page.locator("[data-state]")).to_have_text("Sent")
    with page.expect_download() as download:
        page.locator('[data-letter="fr"]').get_by_role("link", name="DOCX").click()
    letter = download.value
    assert letter.suggested_filename.endswith(".docx")
    with open(letter.path(), "rb") as opened:
        assert opened.read(2) == b"PK"

    # Brazil's central authority receives it, asks for more information, and executes it.
    brazil = open_as(browser, live_server, world["brazil"])
    brazil.goto("/en/cooperation/requests/?direction=incoming")
    brazil.locator("table.data tbody th a").first.click()
    brazil.locator("#move-received summary").click()
    brazil.locator("#move-received").get_by_role("button", name="Received").click()
    expect(brazil.locator("[data-state]")).to_have_text("Received")
    brazil.locator("#move-more_information summary").click()
    brazil.locator("#move-more_information").get_by_label("What more information is needed").fill(
        "The name of the account holder"
    )
    brazil.locator("#move-more_information").get_by_role("button", name="Ask for more information").click()
    expect(brazil.locator("[data-state]")).to_have_text("More information asked")

    page.reload()
    expect(page.locator("#history")).to_contain_text("The name of the account holder")
    page.get_by_role("textbox", name="Message").fill("The holder is Mario Invented.")
    page.get_by_role("button", name="Send the message").click()
    page.locator("#move-in_execution summary").click()
    page.locator("#move-in_execution").get_by_role(
        "button", name="Information supplied: back to execution"
    ).click()
    expect(page.locator("[data-state]")).to_have_text("In execution")

    brazil.reload()
    expect(brazil.locator("#messages")).to_contain_text("The holder is Mario Invented.")
    brazil.locator("#move-executed summary").click()
    brazil.locator("#move-executed").get_by_role("button", name="Executed").click()
    expect(brazil.locator("[data-state]")).to_have_text("Executed")

    # The secretariat sees counts only: one request, shown as fewer than 5.
    secretariat = open_as(browser, live_server, world["secretariat"])
    secretariat.goto("/en/cooperation/requests/statistics/")
    expect(secretariat.locator("table.statistics").first).to_contain_text("fewer than 5")
    assert secretariat.goto(request_url).status == 404
    for other in (colleague, brazil, secretariat):
        other.context.close()
