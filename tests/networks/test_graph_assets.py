"""Seizures, freezing and confiscation: each measure with its asset and converted amount, the totals per
measure, State, kind of asset and case, on the page and through the API; outsiders get 404. And a State's
subgraph opened on the chart from the analysis (?state=)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.networks.graph.assets import asset_measures, totals
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.money_load import rate_table
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.django_db


def measures_world(inquiry) -> None:  # noqa: F811
    sources = graph_world(inquiry)
    investigation, analyst, italy = inquiry.investigation, inquiry["analyst"], sources["italy"]
    entity(investigation, analyst, italy, "CourtCase", "case-1", name="Proc. 1/2026", country="it")
    measures = [
        ("m-1", "confiscation", "sole", "2026-02-10", "35000", "EUR"),
        ("m-2", "freezing", "wallet", "2025-01-15", "1000", "USD"),  # demo rate of 2025-01-01: 0.92
        ("m-3", "seizure", "sole", "2025-06", "10", "XXX"),  # no rate: counted, not added
        ("m-4", "seizure", "rossi", "", None, None),  # no amount
    ]
    for entity_id, kind, asset, day, amount, currency in measures:
        values = {"measureType": kind, "asset": asset, "case": "case-1", "authority": "Tribunale di Palermo"}
        values.update(
            {
                key: value
                for key, value in (("date", day), ("amount", amount), ("currency", currency))
                if value
            }
        )
        entity(investigation, analyst, italy, "AssetMeasure", entity_id, **values)


def test_measures_are_converted_and_totalled(inquiry):  # noqa: F811
    measures_world(inquiry)
    built = graph_for(inquiry.investigation)
    measures = asset_measures(built, inquiry.investigation.pk, rate_table())
    assert [m.entity_id for m in measures] == ["m-2", "m-3", "m-1", "m-4"]  # by date, undated last
    converted = {m.entity_id: m.converted for m in measures}
    assert converted == {"m-1": 35000.0, "m-2": pytest.approx(920.0), "m-3": None, "m-4": None}
    by = totals(built, measures)
    assert by["measure"].rows() == [
        {"key": "confiscation", "count": 1, "converted": 35000.0, "unconverted": 0},
        {"key": "freezing", "count": 1, "converted": 920.0, "unconverted": 0},
        {"key": "seizure", "count": 2, "converted": 0.0, "unconverted": 1},
    ]
    assert {row["key"]: row["count"] for row in by["state"].rows()} == {"it": 3, "": 1}  # the wallet: none
    assert {row["key"]: row["count"] for row in by["kind"].rows()} == {
        "organization": 2,
        "wallet": 1,
        "person": 1,
    }
    assert by["case"].rows()[0]["key"] == "case-1" and by["case"].rows()[0]["count"] == 4


def test_the_page_and_the_api_show_them_to_members_only(inquiry):  # noqa: F811
    measures_world(inquiry)
    pk = inquiry.investigation.pk
    viewer = signed_in(Client(), inquiry["viewer"])
    page = viewer.get(reverse("networks:assets", args=[pk])).content.decode()
    assert "35,920.00 EUR in all" in page and "Sole Logistica S.r.l." in page
    assert "1 amount has no rate or currency" in page and "invented rates" in page
    french = viewer.get(f"/fr/networks/investigations/{pk}/assets/").content.decode()
    assert "35\xa0920,00 EUR" in french  # as French writes numbers
    api = viewer.get(f"/api/v1/networks/investigations/{pk}/graph/assets/").json()
    assert api["reporting"] == "EUR" and api["demo_rates"] is True
    assert {m["entity_id"]: m["converted"] for m in api["measures"]}["m-1"] == 35000.0
    assert api["totals"]["measure"][0]["key"] == "confiscation"
    for name in OUTSIDERS:
        client = signed_in(Client(), inquiry[name]) if name != "public" else Client()
        assert client.get(reverse("networks:assets", args=[pk])).status_code in (302, 404), name
        assert client.get(f"/api/v1/networks/investigations/{pk}/graph/assets/").status_code in (
            401,
            403,
            404,
        )


def test_a_states_subgraph_opens_on_the_chart(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    page = client.get(
        reverse("networks:chart", args=[inquiry.investigation.pk]), {"state": "IT"}
    ).content.decode()
    ids = page.split('data-ids="')[1].split('"')[0].split(",")
    assert set(ids) == {"lorusso", "sole", "rossi"}


def test_a_measure_is_captioned_in_the_readers_language_wherever_it_is_shown(inquiry):  # noqa: F811
    # Its caption is stored as FtM gives it, the code "freezing"; people read "gel" in French.
    measures_world(inquiry)
    pk = inquiry.investigation.pk
    built = graph_for(inquiry.investigation)
    vertex = built.vertices[built.vertex_of("m-2")]
    assert vertex.stated_caption == "freezing"
    with translation.override("fr"):
        assert vertex.caption == "gel"  # the graph is cached across languages: shown at reading
    with translation.override("es"):
        assert vertex.caption == "embargo preventivo"  # as the Convention says in Spanish (art. 2(f))
    viewer = signed_in(Client(), inquiry["viewer"])
    for page in ("entities", "timeline"):
        html = viewer.get(f"/fr/networks/investigations/{pk}/{page}/").content.decode()
        assert ">gel<" in html or "gel</a>" in html, page
        assert ">freezing<" not in html and "freezing</a>" not in html, page
    entity_page = viewer.get(f"/fr/networks/investigations/{pk}/entities/m-2/").content.decode()
    assert "<h1" in entity_page and "gel" in entity_page.split("<h1", 1)[1].split("</h1>", 1)[0]
