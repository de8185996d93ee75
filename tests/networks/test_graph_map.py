"""The map of an investigation: its entities counted per State, the flows between States (links, payments
per currency and converted with the rate table in use), addresses with coordinates as dots; SVG numbers
plain in every language; for members only, in a bounded number of queries."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from palermo.networks.graph import build, geo, money_load
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.flows_map import entities_per_state, flows_between_states, places
from palermo.networks.graph.money_load import money_for, rate_table
from palermo.networks.interfaces.schema_labels import country_name
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_graphs():
    """Graphs are kept per process by investigation and version; a rolled-back test database gives the
    next test's investigation the same key, so each test starts with none kept."""
    build._kept.clear()
    money_load._kept.clear()


def map_world(inquiry) -> dict:  # noqa: F811
    """The graph world (Italy, Russia, Egypt, China; Lo Russo paid Al-Rashid 5,000 EUR), plus Al-Rashid
    paying Lo Russo back 1,000 USD (2025-03-10) and 50 CHF (no rate), Wang owning a Maltese company (Malta
    is too small for the map) and Lo Russo's address in Palermo with its coordinates."""
    sources = graph_world(inquiry)
    investigation, analyst, fiu, italy = (
        inquiry.investigation,
        inquiry["analyst"],
        sources["fiu"],
        sources["italy"],
    )
    for key, amount, currency in (("pay-2", "1000", "USD"), ("pay-3", "50", "CHF")):
        entity(
            investigation,
            analyst,
            fiu,
            "Payment",
            key,
            payer="rashid",
            beneficiary="lorusso",
            amount=amount,
            currency=currency,
            date="2025-03-10",
        )
    entity(investigation, analyst, italy, "Company", "malta", name="Isla Holdings Ltd", jurisdiction="mt")
    entity(investigation, analyst, italy, "Ownership", "own-2", owner="wang", asset="malta")
    entity(
        investigation,
        analyst,
        italy,
        "Address",
        "addr",
        full="Via Roma 1, Palermo",
        latitude="38.1157",
        longitude="13.3615",
    )
    entity(
        investigation,
        analyst,
        italy,
        "Person",
        "lorusso",
        name="Giuseppe Lo Russo",
        nationality="it",
        addressEntity="addr",
    )
    return sources


def test_entities_are_counted_per_state(inquiry):  # noqa: F811
    map_world(inquiry)
    counts, without = entities_per_state(graph_for(inquiry.investigation))
    assert dict(counts) == {"it": 3, "ru": 1, "eg": 1, "cn": 1, "mt": 1}
    assert without == 2  # the wallet and the address


def test_flows_count_links_and_sum_payments_per_currency_and_converted(inquiry):  # noqa: F811
    map_world(inquiry)
    investigation = inquiry.investigation
    flows = flows_between_states(graph_for(investigation), money_for(investigation), rate_table())
    assert [(f.source, f.target, f.links, f.payments, f.amounts, f.unconverted) for f in flows] == [
        ("eg", "it", 2, 2, {"CHF": 50.0, "USD": 1000.0}, 1),
        ("it", "eg", 1, 1, {"EUR": 5000.0}, 0),
        ("cn", "mt", 1, 0, {}, 0),
        ("eg", "cn", 1, 0, {}, 0),
        ("ru", "eg", 1, 0, {}, 0),
        ("ru", "it", 1, 0, {}, 0),
    ]
    # The demo table's rate for USD on 2025-03-01, the latest before the payment: 0.9224 EUR.
    assert [round(f.converted, 2) for f in flows[:2]] == [922.4, 5000.0]


def test_an_address_with_coordinates_is_a_place_with_its_entities(inquiry):  # noqa: F811
    map_world(inquiry)
    (place,) = places(graph_for(inquiry.investigation), inquiry.investigation.pk)
    assert (place.canonical_id, place.latitude, place.longitude, place.entities) == (
        "addr",
        38.1157,
        13.3615,
        [("lorusso", "Giuseppe Lo Russo")],
    )


def test_a_states_flows_meet_at_the_centroid_of_its_largest_polygon():
    x, y = geo.centroid("it")
    assert 375 < x < 395 and 70 < y < 92  # mainland Italy, not Sardinia or Sicily's coast
    x, y = geo.centroid("fr")
    assert 355 < x < 375 and 65 < y < 85  # metropolitan France, not French Guiana
    assert geo.centroid("mt") is None  # too small for the atlas
    assert geo.centroid("gb-sct") is None  # a code the register does not know


def url(inquiry, query="", language="en"):  # noqa: F811
    with override(language):
        return reverse("networks:map", args=[inquiry.investigation.pk]) + query


def svg_of(html: str) -> str:
    return html[html.index('<svg class="network-map"') : html.index("</svg>")]


def test_the_page_shades_states_draws_flows_by_links_and_lists_them(inquiry):  # noqa: F811
    map_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry))
    assert response.status_code == 200
    drawing = response.context["drawing"]
    shaded = {shape.title: shape.shade for shape in drawing.shapes if shape.shade}
    assert shaded == {
        "Italy: 3 entities": 5,
        "Russian Federation: 1 entity": 2,
        "Egypt: 1 entity": 2,
        "China: 1 entity": 2,
    }
    assert drawing.legend == [(2, 1, 1), (4, 2, 2), (5, 3, 3)]
    # Malta's flow is in the table, not on the map; the heaviest arc is the widest.
    assert [arc.width for arc in drawing.arcs] == ["5", "2.8", "2.8", "2.8", "2.8"]
    assert drawing.arcs[0].title == "Egypt to Italy: 2 links, 2 payments"
    assert [(dot.x, dot.y) for dot in drawing.dots] == [("386.7", "91.8")]
    html = response.content.decode()
    assert "Malta <small>(not on the map)</small>" in html
    assert "Totals in EUR are converted with Palermo's demo rate table (demo-rates.csv)" in html
    assert "(1 payment not converted)" in html
    assert '<span class="amount">50.00 CHF</span><span class="amount">1,000.00 USD</span>' in html


def test_the_arrows_can_be_weighted_by_the_payments_converted(inquiry):  # noqa: F811
    map_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry, "?weight=amount"))
    arcs = response.context["drawing"].arcs
    assert [(arc.title, arc.width) for arc in arcs] == [
        ("Italy to Egypt: 1 link, 1 payment", "5"),
        ("Egypt to Italy: 2 links, 2 payments", "1.41"),  # 0.6 + 4.4 * 922.4 / 5,000
    ]


def test_svg_numbers_stay_plain_in_french(inquiry):  # noqa: F811
    map_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry, "?weight=amount", language="fr"))
    html = response.content.decode()
    svg = svg_of(html)
    assert re.findall(r'stroke-width="([^"]+)"', svg) == ["5", "1.41"]
    assert re.findall(r'<circle class="place" cx="([^"]+)" cy="([^"]+)"', svg) == [("386.7", "91.8")]
    number = r"-?\d+(\.\d+)?"
    for path in re.findall(r'<path class="flow" d="([^"]+)"', svg):
        assert re.fullmatch(rf"M{number},{number}Q{number},{number} {number},{number}", path)
    assert "1\u202f000,00 USD" in html or "1\xa0000,00 USD" in html  # the table speaks French


def test_the_number_of_queries_does_not_grow_with_the_flows(inquiry, django_assert_max_num_queries):  # noqa: F811
    sources = map_world(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    for number in range(20):
        entity(
            investigation,
            analyst,
            sources["fiu"],
            "Payment",
            f"pay-{number + 10}",
            payer="zakharov",
            beneficiary="wang",
            amount="10",
            currency="RUB",
        )
    client = signed_in(Client(), inquiry["viewer"])
    geo.numeric_code("it"), country_name("it")  # reference data, read once per process
    # The graph is read in four queries (its ready sources first; on PostgreSQL in a transaction, three of them
    # in a savepoint): a fixed number, whatever the flows.
    with django_assert_max_num_queries(26):
        response = client.get(url(inquiry))
    flow = next(row["flow"] for row in response.context["flows"] if row["flow"].source == "ru")
    assert (flow.target, flow.payments, flow.amounts) == ("cn", 20, {"RUB": 200.0})


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_get_404(inquiry, name):  # noqa: F811
    map_world(inquiry)
    assert signed_in(Client(), inquiry[name]).get(url(inquiry)).status_code == 404
