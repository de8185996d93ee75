"""Following the money in an investigation: payments and crypto transfers read from the database, money
followed per holder or per account, respecting time, converted with the rate table; the page, and the
request for records drafted in the cooperation module. Outsiders see nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.cooperation.models import Request
from palermo.core.models import AuditEntry
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.money import follow
from palermo.networks.graph.money_load import money_for, rate_table
from palermo.networks.views.graph_money import start_nodes
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.money_world import money_world

pytestmark = pytest.mark.django_db


def followed(investigation, start, **options):
    by_holder = options.pop("by_holder", True)
    money, built = money_for(investigation, by_holder=by_holder), graph_for(investigation)
    flow = follow(money.payments, start_nodes(built, money, start), rates=rate_table(), **options)
    payments = money.payments
    return (
        money,
        flow,
        {
            money.payment_entities[int(payments.payment_index[row])]: int(hop)
            for row, hop in zip(flow.payment_rows, flow.payment_hop, strict=True)
        },
    )


def test_money_is_followed_per_holder_through_time_and_into_a_wallet(inquiry):  # noqa: F811
    money_world(inquiry)
    money, flow, hops = followed(inquiry.investigation, "sole", hops=5)
    # Per holder: the exchange's account and its wallet are the exchange; Zakharov's wallet is Zakharov.
    assert hops == {"p1": 1, "p2": 2, "p3": 3, "t1": 4}  # p0 predates the money's arrival in Egypt
    assert set(money.node_ids) == {"sole", "nile", "zakharov", "wang", "exchange"}
    assert flow.not_converted == 0
    by_state = flow.totals_by({money.node_of("sole"): "it", money.node_of("nile"): "eg"})
    assert by_state["it"]["out"] == 48000.0


def test_per_account_the_wallets_are_their_own_nodes(inquiry):  # noqa: F811
    money_world(inquiry)
    money, _flow, hops = followed(inquiry.investigation, "sole", hops=5, by_holder=False)
    # From the company: its account is where the money leaves; the crypto transfer starts at the
    # exchange's wallet, which no payment reaches, so it is not followed.
    assert hops == {"p1": 1, "p2": 2, "p3": 3}
    assert "ex-wallet" in money.node_ids and "z-wallet" in money.node_ids


def test_back_from_a_person_finds_what_came_into_their_accounts_and_wallets(inquiry):  # noqa: F811
    money_world(inquiry)
    _money, _flow, hops = followed(inquiry.investigation, "zakharov", hops=1, direction="back")
    assert hops == {"p2": 1, "t1": 1}
    _money, _flow, hops = followed(inquiry.investigation, "zakharov", hops=2, direction="back")
    # The exchange paid him in bitcoin after he paid its account in roubles: the money went round.
    assert hops == {"p2": 1, "t1": 1, "p1": 2, "p3": 2}


def url(case, name):
    return reverse(f"networks:{name}", args=[case.investigation.pk])


def test_the_money_page_shows_the_flow_totals_and_demo_rates(inquiry):  # noqa: F811
    money_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = client.get(url(inquiry, "money"), {"from": "sole", "hops": 5}).content.decode()
    assert "Where money went from Sole Logistica" in html
    assert "illustrative table of invented rates" in html
    assert "Nile Horizon Travel" in html and "Bitmoon Exchange" in html
    assert "48,000.00 EUR" in html
    start = client.get(url(inquiry, "money")).content.decode()
    assert "Where to start" in start and "Nile Horizon Travel" in start
    assert client.get(url(inquiry, "money"), {"from": "nobody"}).status_code == 404
    bad = client.get(url(inquiry, "money"), {"from": "sole", "hops": "many", "since": "yesterday"})
    assert bad.status_code == 200  # bad choices fall back to the defaults, which the form shows
    assert 'name="hops" min="1" max="10" value="5"' in bad.content.decode()


def test_asking_for_records_drafts_a_request_to_the_other_state(inquiry, world):  # noqa: F811
    money_world(inquiry)
    lead = signed_in(Client(), inquiry["lead"])
    # The Egyptian account: Egypt has no central authority in this directory.
    response = lead.post(url(inquiry, "records_request"), {"entity": "eg-acc"}, follow=True)
    assert "No central authority of that State is in the directory" in response.content.decode()
    assert not Request.objects.exists()
    # Brazil has one: an account there.
    from tests.networks.entities_world import entity, ready_source

    source = ready_source(inquiry.investigation, inquiry["analyst"], "brazil.ftm.json")
    entity(
        inquiry.investigation,
        inquiry["analyst"],
        source,
        "BankAccount",
        "br-acc",
        accountNumber="0001-2345",
        bankName="Banco Inventado",
        country="br",
    )
    response = lead.post(
        url(inquiry, "records_request"), {"entity": "br-acc", "since": "2025-01-01", "until": "2025-06-30"}
    )
    req = Request.objects.get()
    assert response.status_code == 302 and f"/requests/{req.pk}/write/" in response["Location"]
    assert req.requested_authority == world.authorities["brazil"]
    assert req.content["assistance"] == [
        {
            "form": "18_3_f",
            "description": "Records of 0001-2345",
            "particulars": {
                "account": "0001-2345",
                "bank": "Banco Inventado",
                "period_from": "2025-01-01",
                "period_to": "2025-06-30",
            },
        }
    ]
    assert AuditEntry.objects.filter(action="networks.records.requested").count() == 1


def test_the_partner_authoritys_analyst_follows_the_money_too(inquiry):  # noqa: F811
    money_world(inquiry)
    partner = signed_in(Client(), inquiry["partner analyst"])
    assert "Nile Horizon Travel" in partner.get(url(inquiry, "money"), {"from": "sole"}).content.decode()


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_see_nothing_of_the_money(inquiry, outsider):  # noqa: F811
    money_world(inquiry)
    client = Client() if outsider == "public" else signed_in(Client(), inquiry[outsider])
    for method, name in (("get", "money"), ("post", "records_request")):
        response = getattr(client, method)(url(inquiry, name), {"from": "sole", "entity": "eg-acc"})
        assert response.status_code in ((302, 404) if outsider == "public" else (404,)), name


def test_the_onchain_example_imports_as_crypto_transfers_between_wallets(inquiry):  # noqa: F811
    from pathlib import Path

    from palermo.networks.models import Entity, SourceState
    from tests.networks.ftm_helpers import import_now

    examples = Path(__file__).resolve().parents[2] / "docs" / "examples" / "networks"
    source = import_now(
        inquiry.investigation,
        inquiry["analyst"],
        "onchain-transfers.csv",
        (examples / "onchain-transfers.csv").read_bytes(),
        mapping=(examples / "onchain-transfers.mapping.yml").read_text(encoding="utf-8"),
    )
    assert source.state == SourceState.READY, source.job.result
    kinds = sorted(
        Entity.objects.filter(investigation=inquiry.investigation).values_list("schema", flat=True)
    )
    assert kinds == ["CryptoTransfer", "CryptoTransfer", "CryptoWallet", "CryptoWallet", "CryptoWallet"]
    money = money_for(inquiry.investigation, by_holder=False)
    assert len(money.payments) == 2 and sorted(money.payments.currencies) == ["BTC"]
