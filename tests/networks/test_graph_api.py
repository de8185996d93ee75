"""The graph through the API: neighbourhood, paths, the analysis (read, started) and following the money,
with the pages' rules (viewers read, analysts start an analysis, outsiders get 404) and 400s naming bad
parameters."""

import pytest
from django.test import Client

from palermo.core.jobs import run_pending
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.graph_world import graph_world
from tests.networks.money_world import money_world

pytestmark = pytest.mark.django_db


def base(case) -> str:
    return f"/api/v1/networks/investigations/{case.investigation.pk}/graph/"


def test_neighbourhood_and_paths(inquiry):  # noqa: F811
    graph_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    result = client.get(f"{base(inquiry)}neighbourhood/", {"id": ["zakharov"], "depth": 1}).json()
    assert {n["data"]["id"] for n in result["nodes"]} == {"zakharov", "sole", "rashid"}
    assert result["left_out"] == 0
    filtered = client.get(
        f"{base(inquiry)}neighbourhood/", {"id": "zakharov", "depth": 3, "kind": "Associate"}
    )
    assert {n["data"]["id"] for n in filtered.json()["nodes"]} == {"zakharov", "rashid", "wang"}
    bad = client.get(f"{base(inquiry)}neighbourhood/", {"id": "zakharov", "depth": 9, "since": "soon"})
    assert bad.status_code == 400 and set(bad.json()) >= {"depth", "since"}
    assert client.get(f"{base(inquiry)}neighbourhood/", {"id": "nobody"}).status_code == 404
    paths = client.get(f"{base(inquiry)}paths/", {"source": "lorusso", "target": "wang", "k": 2}).json()
    assert paths["paths"] == [
        ["lorusso", "rashid", "wang"],
        ["lorusso", "sole", "zakharov", "rashid", "wang"],
    ]
    assert (
        client.get(f"{base(inquiry)}paths/", {"source": "lorusso", "target": "wang", "k": 0}).status_code
        == 400
    )


def test_the_analysis_is_started_by_analysts_and_read_by_members(inquiry):  # noqa: F811
    graph_world(inquiry)
    viewer, analyst = signed_in(Client(), inquiry["viewer"]), signed_in(Client(), inquiry["analyst"])
    assert viewer.get(f"{base(inquiry)}analysis/").json() == {
        "state": "none",
        "result": None,
        "current": False,
    }
    assert viewer.post(f"{base(inquiry)}analysis/").status_code == 404
    started = analyst.post(f"{base(inquiry)}analysis/")
    assert started.status_code == 202
    run_pending()
    answer = viewer.get(f"{base(inquiry)}analysis/").json()
    assert answer["state"] == "done" and answer["current"] is True
    assert answer["result"]["top"]["betweenness"][0][0] == "rashid"


def test_following_the_money(inquiry):  # noqa: F811
    money_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    flow = client.get(f"{base(inquiry)}money/", {"source": "sole", "hops": 5}).json()
    assert [(p["entity"], p["step"]) for p in sorted(flow["payments"], key=lambda p: p["step"])] == [
        ("p1", 1),
        ("p2", 2),
        ("p3", 3),
        ("t1", 4),
    ]
    first = next(p for p in flow["payments"] if p["entity"] == "p1")
    assert first == {
        "entity": "p1",
        "step": 1,
        "date": "2025-03-03",
        "payer": "sole",
        "beneficiary": "nile",
        "amount": 48000.0,
        "currency": "EUR",
        "converted": 48000.0,
    }
    assert flow["reporting_currency"] == "EUR" and flow["not_converted"] == 0
    reversed_period = client.get(
        f"{base(inquiry)}money/", {"source": "sole", "since": "2025-05-01", "until": "2025-01-01"}
    )
    assert reversed_period.status_code == 400 and "until" in reversed_period.json()
    assert client.get(f"{base(inquiry)}money/", {"source": "nobody"}).status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404(inquiry, outsider):  # noqa: F811
    graph_world(inquiry)
    client = Client() if outsider == "public" else signed_in(Client(), inquiry[outsider])
    for method, name, params in (
        ("get", "neighbourhood/", {"id": "zakharov"}),
        ("get", "paths/", {"source": "lorusso", "target": "wang"}),
        ("get", "analysis/", {}),
        ("post", "analysis/", {}),
        ("get", "money/", {"source": "lorusso"}),
    ):
        response = getattr(client, method)(f"{base(inquiry)}{name}", params)
        assert response.status_code in ((401, 403, 404) if outsider == "public" else (404,)), (
            name,
            response.status_code,
        )
