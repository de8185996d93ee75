"""The link chart's page and reads, saved charts, downloads and the analysis page: for the members of the
investigation (analysts and leads write), 404 for everyone else; bad input refused with its reason."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from palermo.core.collation import collated
from palermo.core.jobs import run_pending
from palermo.core.models import AuditEntry
from palermo.networks.graph.elements import kind_label
from palermo.networks.models import ChartView
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.django_db


def url(case, name, *args):
    return reverse(f"networks:{name}", args=[case.investigation.pk, *args])


def post_json(client, address, body):
    return client.post(address, json.dumps(body), content_type="application/json")


def test_expanding_an_entity_gives_its_neighbours_and_the_links_among_them(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    response = post_json(
        client, url(inquiry, "chart_elements"), {"ids": [], "expand": ["zakharov"], "depth": 1}
    )
    assert response.status_code == 200
    result = response.json()
    assert {n["data"]["id"] for n in result["nodes"]} == {"zakharov", "sole", "rashid"}
    assert {(e["data"]["source"], e["data"]["target"], e["data"]["kind"]) for e in result["edges"]} == {
        ("zakharov", "sole", "Directorship"),
        ("zakharov", "rashid", "Associate"),
    }
    node = next(n["data"] for n in result["nodes"] if n["data"]["id"] == "zakharov")
    assert (node["label"], node["kind"], node["family"], node["countries"]) == (
        "Aleksandr Zakharov",
        "Person",
        "person",
        ["ru"],
    )
    # Expanding Lo Russo next to what is on the chart brings the payment, with its amount and date.
    result = post_json(
        client,
        url(inquiry, "chart_elements"),
        {"ids": ["zakharov", "sole", "rashid"], "expand": ["lorusso"], "depth": 1},
    ).json()
    payment = next(e["data"] for e in result["edges"] if e["data"]["kind"] == "Payment")
    assert (payment["amount"], payment["currency"], payment["start"]) == (5000.0, "EUR", "2024-01-05")
    assert payment["label"] == "Payment · 5,000.00 EUR · 5 January 2024"  # the date as people read it
    assert result["added"] == 1


def test_labels_are_in_the_readers_language_and_values_stay_plain(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    address = f"/fr/networks/investigations/{inquiry.investigation.pk}/chart/elements/"
    result = post_json(client, address, {"ids": ["rashid"], "expand": ["lorusso"]}).json()
    payment = next(e["data"] for e in result["edges"] if e["data"]["kind"] == "Payment")
    assert payment["amount"] == 5000.0  # a JSON number, never "5 000,00"
    assert payment["label"] == "Paiement · 5\xa0000,00 EUR · 5 janvier 2024"


@pytest.mark.parametrize(
    "body, message",
    [
        ({"expand": ["zakharov"], "depth": 4}, "The depth must be 1, 2 or 3."),
        (
            {"expand": ["zakharov"], "filter": {"since": "last year"}},
            "Write dates as YYYY-MM-DD, YYYY-MM or YYYY.",
        ),
        (
            {"expand": ["zakharov"], "filter": {"min_sources": "two"}},
            "The number of sources must be a whole number.",
        ),
        ({"ids": "zakharov"}, "The entities must be a list."),
        ({"ids": [str(i) for i in range(2001)]}, "A chart holds at most 2000 entities."),
    ],
)
def test_bad_requests_are_refused_with_the_reason(inquiry, body, message):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    response = post_json(client, url(inquiry, "chart_elements"), body)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_not_json_is_refused(inquiry):  # noqa: F811
    client = signed_in(Client(), inquiry["viewer"])
    response = client.post(url(inquiry, "chart_elements"), "{", content_type="application/json")
    assert response.status_code == 400


def test_the_path_between_two_entities(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    result = client.get(url(inquiry, "chart_path"), {"from": "sole", "to": "wang", "k": 2}).json()
    assert result["paths"] == [["sole", "lorusso", "rashid", "wang"], ["sole", "zakharov", "rashid", "wang"]]
    assert len(result["path_edges"][0]) == 3
    assert {n["data"]["id"] for n in result["nodes"]} == {"sole", "lorusso", "zakharov", "rashid", "wang"}
    none = client.get(url(inquiry, "chart_path"), {"from": "sole", "to": "rossi"}).json()
    assert none["paths"] == []
    refused = client.get(url(inquiry, "chart_path"), {"from": "sole", "to": "nobody"})
    assert refused.status_code == 400
    assert client.get(url(inquiry, "chart_path"), {"from": "sole", "to": "wang", "k": 50}).status_code == 400


def test_search_finds_entities_by_name(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    result = client.get(url(inquiry, "chart_search"), {"q": "zakharov"}).json()
    assert result == {"results": [{"id": "zakharov", "label": "Aleksandr Zakharov", "kind": "Person"}]}


def test_the_chart_page_starts_from_an_entity(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = client.get(url(inquiry, "chart"), {"entity": "zakharov"}).content.decode()
    assert 'data-start="zakharov"' in html
    assert "vendor/cytoscape/cytoscape.min.js" in html
    assert 'id="chart-strings"' in html
    entity_page = client.get(url(inquiry, "entity", "zakharov")).content.decode()
    assert f"{url(inquiry, 'chart')}?entity=zakharov" in entity_page


def test_the_states_filter_names_each_state_of_the_entities(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = client.get(url(inquiry, "chart").replace("/en/", "/fr/"), {"entity": "zakharov"}).content.decode()
    found = re.findall(r'name="countries" value="([a-z]+)"> ([^<]+)</label>', html)
    assert ("ru", "Fédération de Russie") in found and ("it", "Italie") in found
    names = [name for _code, name in found]
    assert names == collated(names, language="fr")  # Égypte before Fédération de Russie


def test_analysts_save_reopen_and_remove_a_chart(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    state = {
        "nodes": [{"id": "zakharov", "x": 10.5, "y": -3, "pinned": True}, {"id": "sole", "x": 0, "y": 0}]
    }
    response = post_json(analyst, url(inquiry, "chart_view_save"), {"name": "Brokers", "state": state})
    assert response.status_code == 200
    view = ChartView.objects.get(investigation=inquiry.investigation, name="Brokers")
    assert view.state == {
        "nodes": [
            {"id": "zakharov", "x": 10.5, "y": -3.0, "pinned": True},
            {"id": "sole", "x": 0.0, "y": 0.0, "pinned": False},
        ],
        "colour_by": "schema",
    }
    assert AuditEntry.objects.filter(
        action="networks.chart.saved", object_id=str(inquiry.investigation.pk)
    ).exists()
    viewer = signed_in(Client(), inquiry["viewer"])
    assert viewer.get(url(inquiry, "chart_view", view.pk)).json()["state"] == view.state
    assert f'data-saved="{view.pk}"' in viewer.get(url(inquiry, "chart"), {"view": view.pk}).content.decode()
    # Viewers read charts but neither save nor remove them.
    assert (
        post_json(viewer, url(inquiry, "chart_view_save"), {"name": "Mine", "state": state}).status_code
        == 404
    )
    assert viewer.post(url(inquiry, "chart_view_delete", view.pk)).status_code == 404
    assert analyst.post(url(inquiry, "chart_view_delete", view.pk)).status_code == 200
    assert not ChartView.objects.exists()


@pytest.mark.parametrize(
    "body, message",
    [
        ({"name": "", "state": {"nodes": []}}, "Give the chart a name."),
        ({"name": "x", "state": {"nodes": [{"id": "a", "x": "left"}]}}, "The chart could not be read."),
        ({"name": "x", "state": []}, "The chart could not be read."),
        ({"name": "x" * 201, "state": {"nodes": []}}, "A chart's name has at most 200 characters."),
    ],
)
def test_a_chart_that_cannot_be_saved_says_why(inquiry, body, message):  # noqa: F811
    analyst = signed_in(Client(), inquiry["analyst"])
    response = post_json(analyst, url(inquiry, "chart_view_save"), body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert not ChartView.objects.exists()


def download(client, case, kind, ids):
    response = client.post(url(case, "chart_export"), {"format": kind, "ids": json.dumps(ids)})
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def test_a_chart_downloads_as_gexf_graphml_cypher_and_ftm(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    ids = ["zakharov", "sole", "rashid"]
    gexf = ET.fromstring(download(client, inquiry, "gexf", ids))
    ns = {"g": "http://gexf.net/1.3"}
    assert {n.get("id") for n in gexf.iterfind(".//g:node", ns)} == set(ids)
    assert len(gexf.findall(".//g:edge", ns)) == 2
    graphml = ET.fromstring(download(client, inquiry, "graphml", ids))
    ns = {"m": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graphml.findall(".//m:node", ns)) == 3 and len(graphml.findall(".//m:edge", ns)) == 2
    cypher = download(client, inquiry, "cypher", ids).decode()
    assert cypher.count("MERGE (n:Entity:Person") == 2 and "MERGE (a)-[r:DIRECTORSHIP" in cypher
    lines = [json.loads(line) for line in download(client, inquiry, "ftm", ids).splitlines()]
    assert {line["id"] for line in lines} == {"zakharov", "sole", "rashid", "dir-1", "assoc-1"}
    assert AuditEntry.objects.filter(action="networks.chart.exported").count() == 4


def test_the_analysis_runs_in_the_background_and_finds_the_broker(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    viewer = signed_in(Client(), inquiry["viewer"])
    assert "has not been analysed yet" in viewer.get(url(inquiry, "analysis")).content.decode()
    assert viewer.post(url(inquiry, "analysis_start")).status_code == 404
    assert analyst.post(url(inquiry, "analysis_start")).status_code == 302
    run_pending()
    html = viewer.get(url(inquiry, "analysis")).content.decode()
    assert "Analysis of the network" in html and "Disruption" in html
    from palermo.networks.domain.analysis import latest_result

    result = latest_result(inquiry.investigation).result
    # Al-Rashid lies between the Italian side and Wang: the highest betweenness.
    assert result["top"]["betweenness"][0][0] == "rashid"
    assert result["summary"]["vertices"] == 7 and result["summary"]["edges"] == 6
    assert result["disruption"]["betweenness"][1]["removed"] == "rashid"
    assert result["cross_border"]["states"] == ["cn", "eg", "it", "ru"]


CHART_READS = [
    ("get", "chart", ()),
    ("get", "chart_search", ()),
    ("get", "chart_path", ()),
    ("post", "chart_elements", ()),
    ("post", "chart_export", ()),
    ("post", "chart_view_save", ()),
    ("get", "analysis", ()),
    ("post", "analysis_start", ()),
]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_see_nothing_of_the_chart(inquiry, outsider):  # noqa: F811
    graph_world(inquiry)
    view = ChartView.objects.create(investigation=inquiry.investigation, name="Brokers", state={"nodes": []})
    client = Client()
    if outsider != "public":
        client = signed_in(client, inquiry[outsider])
    for method, name, args in [
        *CHART_READS,
        ("get", "chart_view", (view.pk,)),
        ("post", "chart_view_delete", (view.pk,)),
    ]:
        response = getattr(client, method)(
            url(inquiry, name, *args),
            {"q": "a", "from": "sole", "to": "wang", "format": "gexf", "ids": '["sole"]'},
        )
        assert response.status_code in (302, 404), (name, response.status_code)
        if outsider != "public":
            assert response.status_code == 404, name
    assert ChartView.objects.count() == 1


def test_a_property_link_is_named_as_its_own_schema_names_it():
    assert kind_label("holder", "CryptoWallet") == "Wallet holder"  # not an identity document's holder
    assert kind_label("holder", "Identification") == "Identification holder"
    assert kind_label("Ownership") == "Ownership"
