"""The Conference's record through the API, read by anyone: meetings filtered by body, a session with its
agenda, documents and delegations, and a resolution with its paragraphs, the articles they cite and the
follow-up recorded; the demo says it is demo; what does not exist is a 404; the queries do not grow with
the record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palermo.conference.models import Body, Decision, Meeting
from tests.conference.test_pages import demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
API = "/api/v1/conference"


def test_meetings_are_listed_latest_first_and_filtered_by_body(client, demo):  # noqa: F811
    found = client.get(f"{API}/meetings/").json()["results"]
    assert [m["id"] for m in found] == list(
        Meeting.objects.order_by("-starts", "body").values_list("pk", flat=True)
    )
    assert all(m["is_demo"] for m in found) and len(found) == 3
    firearms = client.get(f"{API}/meetings/", {"body": Body.FIREARMS}).json()["results"]
    assert [(m["body"], m["number"]) for m in firearms] == [("wg_firearms", 11)]
    assert len(client.get(f"{API}/meetings/", {"body": "nonsense"}).json()["results"]) == 3


def test_a_session_comes_with_its_agenda_documents_and_delegations(client, demo):  # noqa: F811
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    found = client.get(f"{API}/meetings/{session.pk}/").json()
    assert (found["place"], found["host"], found["page"]) == (
        "Vienna",
        "AUT",
        f"/en/conference/meetings/{session.pk}/",
    )
    assert "CTOC/COP/2024/L.4" in {document["symbol"] for document in found["documents"]}
    assert all(document["files"] == [] for document in found["documents"])  # none uploaded in the demo
    assert (
        len(found["delegations"]) == 10
        and {"state": "ITA", "head": ""}.keys() <= found["delegations"][0].keys()
    )
    assert found["decisions"] == [Decision.objects.get(number="12/1").pk]
    assert client.get(f"{API}/meetings/999999/").status_code == 404


def test_a_resolution_comes_with_whom_each_paragraph_asks_and_the_follow_up(client, demo):  # noqa: F811
    resolution = Decision.objects.get(number="12/1")
    found = client.get(f"{API}/decisions/{resolution.pk}/").json()
    assert (found["kind"], found["number"], found["is_demo"]) == ("resolution", "12/1", True)
    first = found["paragraphs"][0]
    assert first["number"] == 1 and first["addressee"] == "all_states" and first["due"] == "2026-06-30"
    assert any(
        follow["state"] == "BRA" or follow["state"] is None
        for p in found["paragraphs"]
        for follow in p["follow_ups"]
    )
    assert any(p["articles"] for p in found["paragraphs"]) and all(
        " " in article for p in found["paragraphs"] for article in p["articles"]
    )
    assert client.get(f"{API}/decisions/999999/").status_code == 404


def test_the_api_makes_as_many_queries_whatever_the_record_holds(client, demo):  # noqa: F811
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    resolution = Decision.objects.get(number="12/1")
    urls = [
        f"{API}/meetings/",
        f"{API}/meetings/{session.pk}/",
        f"{API}/decisions/",
        f"{API}/decisions/{resolution.pk}/",
    ]

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = [queries(url) for url in urls]
    for number in range(20, 23):
        Meeting.objects.create(
            body=Body.FIREARMS, number=number, starts=session.starts, ends=session.ends, place="Vienna"
        )
    session.delegations.create(party_id="DEU")
    paragraph = resolution.paragraphs.get(number=2)
    paragraph.follow_ups.create(
        party_id="ITA",
        status="done",
        text="Done.",
        language="en",
        recorded_by=resolution.paragraphs.get(number=1).follow_ups.first().recorded_by,
    )
    assert [queries(url) for url in urls] == before
