"""The link analysis walk-through of issue 15 in the browser: an analyst opens the chart from an entity,
expands it, finds the path between two suspects, runs the analysis of the network and reads the
disruption curve, follows the money into a wallet and to an account in another State, downloads the chart
as GEXF and drafts the request for that account's records — without a console error (the
Content-Security-Policy included), and at phone width nothing widens the page."""

import re

import pytest
from playwright.sync_api import expect

from palermo.core.jobs import run_pending
from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity, ready_source
from tests.networks.money_world import money_world

pytestmark = pytest.mark.browser


def an_account_in_brazil(inquiry) -> None:  # noqa: F811
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "brazil.ftm.json")
    entity(
        investigation,
        analyst,
        source,
        "BankAccount",
        "br-acc",
        accountNumber="0001-2345",
        bankName="Banco Inventado",
        country="br",
    )
    entity(
        investigation,
        analyst,
        source,
        "Payment",
        "p4",
        payer="zakharov",
        payerAccount="ru-acc",
        beneficiaryAccount="br-acc",
        beneficiary="zakharov",
        amount="1000000",
        currency="RUB",
        date="2025-04-03",
    )


def test_an_analyst_explores_the_network_and_follows_the_money(page, inquiry):  # noqa: F811
    money_world(inquiry)
    an_account_in_brazil(inquiry)
    lead = inquiry["lead"]
    investigation = inquiry.investigation
    sign_in(page, lead, totp_device(lead))

    page.goto(f"/en/networks/investigations/{investigation.pk}/entities/sole/")
    page.get_by_role("link", name="Open in the link chart").click()
    status = page.locator("#chart-status")
    expect(status).to_contain_text("on the chart")
    nodes = page.locator("#chart-nodes tbody tr")
    expect(nodes.filter(has_text="Sole Logistica")).to_have_count(1)

    # Expand the company two steps through the keyboard-usable table.
    page.select_option("#chart-depth", "2")
    nodes.filter(has_text="Sole Logistica").get_by_role("button", name="Expand").click()
    expect(nodes.filter(has_text="Nile Horizon Travel")).to_have_count(1)
    expect(nodes.filter(has_text="Wang Wei")).to_have_count(1)

    # The path between two of them.
    # The company is selected since the chart opened on it; select Wang Wei too.
    expect(nodes.filter(has_text="Sole Logistica").get_by_role("button", name="Unselect")).to_have_count(1)
    nodes.filter(has_text="Wang Wei").get_by_role("button", name="Select", exact=True).click()
    page.get_by_role("button", name="Find the path").click()
    expect(status).to_contain_text("1 path found, highlighted. The shortest has 2 links.")

    # Download the chart as GEXF.
    page.select_option("#chart-format", "gexf")
    with page.expect_download() as download:
        page.locator("#chart-export-form").get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == f"investigation-{investigation.pk}-chart.gexf"

    # The analysis and its disruption curve.
    page.get_by_role("link", name="Analysis", exact=True).click()
    page.get_by_role("button", name="Analyse the network").click()
    run_pending()
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("Disruption"))).to_be_visible()
    expect(page.locator("svg.disruption path.curve-betweenness")).to_have_count(1)

    # Follow the money from the company: through Egypt and Russia into the wallet, and to Brazil.
    page.get_by_role("link", name="Follow the money").click()
    page.get_by_role("link", name="Sole Logistica").click()
    expect(page.get_by_role("heading", name="Where money went from Sole Logistica")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Bitmoon Exchange")
    expect(page.locator("main")).to_contain_text("0001-2345")
    page.locator("tr", has_text="0001-2345").get_by_role("button", name="Ask for records").click()
    expect(page).to_have_url(re.compile(r"/cooperation/requests/\d+/write/"))
    expect(page.locator("main")).to_contain_text(
        "Mutual legal assistance (art. 18) — to Department of Asset Recovery"
    )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/en/networks/investigations/{investigation.pk}/money/?from=sole")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"/ar/networks/investigations/{investigation.pk}/chart/?entity=sole")
    expect(page.locator("#chart-nodes tbody tr")).not_to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
