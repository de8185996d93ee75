"""The API of sources and entities under /api/v1/networks/: the same rules as the pages (viewers read,
analysts import and remove), 404 for outsiders."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core.jobs import run_pending
from palermo.networks.models import Source, SourceState
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import ZAKHAROV_CYRILLIC, small_network

pytestmark = pytest.mark.django_db

LINES = b'{"id": "p-1", "schema": "Person", "properties": {"name": ["Aleksandr Zakharov"]}}\n'


def api(pk: int, rest: str = "") -> str:
    return f"/api/v1/networks/investigations/{pk}/{rest}"


def test_entities_come_one_per_canonical_entity_in_pages(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    answer = client.get(api(inquiry.investigation.pk, "entities/"), {"limit": 2}).json()
    assert answer["count"] == 3
    assert [row["id"] for row in answer["results"]] == ["it-1", "it-2"]
    assert answer["results"][0]["entity_ids"] == ["br-7", "it-1"]
    assert answer["results"][0]["source_count"] == 2
    found = client.get(
        api(inquiry.investigation.pk, "entities/"), {"q": "zakharov", "schema": "Person"}
    ).json()
    assert [row["id"] for row in found["results"]] == ["it-1"]
    assert client.get(api(inquiry.investigation.pk, "entities/"), {"schema": "Nothing"}).status_code == 400


def test_an_entity_is_ftm_json_with_its_statements(inquiry):  # noqa: F811
    sources = small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    answer = client.get(api(inquiry.investigation.pk, "entities/it-1/")).json()
    assert answer["entity"]["id"] == "it-1"
    assert answer["entity"]["schema"] == "Person"
    assert sorted(answer["entity"]["properties"]["name"]) == ["Aleksandr Zakharov", ZAKHAROV_CYRILLIC]
    brazil = [s for s in answer["statements"] if s["entity_id"] == "br-7" and s["prop"] == "name"]
    assert brazil[0]["source"] == {
        "id": sources["second"].pk,
        "kind": "ftm_lines",
        "label": "brazil.ftm.json",
    }
    assert brazil[0]["line"] == 4
    assert client.get(api(inquiry.investigation.pk, "entities/nobody/")).status_code == 404


def test_an_analyst_uploads_follows_the_progress_and_removes(inquiry, django_capture_on_commit_callbacks):  # noqa: F811
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            api(investigation.pk, "sources/"),
            {"kind": "ftm_lines", "file": SimpleUploadedFile("people.ftm.json", LINES)},
        )
    assert response.status_code == 202
    source_id = response.json()["source"]["id"]
    assert response.json()["progress_url"].endswith(api(investigation.pk, f"sources/{source_id}/"))
    run_pending()
    detail = client.get(api(investigation.pk, f"sources/{source_id}/")).json()
    assert detail["state"] == SourceState.READY
    assert detail["job"]["state"] == "done"
    assert detail["entity_count"] == 1
    listed = client.get(api(investigation.pk, "sources/")).json()
    assert [row["id"] for row in listed["results"]] == [source_id]
    assert client.delete(api(investigation.pk, f"sources/{source_id}/")).status_code == 204
    assert not Source.objects.filter(pk=source_id).exists()


def test_a_bad_upload_is_a_400_naming_the_problem(inquiry):  # noqa: F811
    client = signed_in(Client(), inquiry["analyst"])
    response = client.post(
        api(inquiry.investigation.pk, "sources/"),
        {"kind": "ftm_lines", "file": SimpleUploadedFile("table.csv", b"a,b\n")},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "FtM JSON lines end in .json, .jsonl or .ftm.json."}


def test_a_viewer_reads_but_cannot_upload_or_remove(inquiry):  # noqa: F811
    sources = small_network(inquiry)
    pk = inquiry.investigation.pk
    client = signed_in(Client(), inquiry["viewer"])
    assert client.get(api(pk, "sources/")).status_code == 200
    response = client.post(
        api(pk, "sources/"), {"kind": "ftm_lines", "file": SimpleUploadedFile("a.json", LINES)}
    )
    assert response.status_code == 404
    assert client.delete(api(pk, f"sources/{sources['first'].pk}/")).status_code == 404
    assert Source.objects.filter(investigation=inquiry.investigation).count() == 2


@pytest.mark.parametrize("outsider", [*OUTSIDERS, "anonymous"])
def test_outsiders_get_404_on_every_call(inquiry, outsider):  # noqa: F811
    sources = small_network(inquiry)
    pk, source = inquiry.investigation.pk, sources["first"].pk
    client = Client() if outsider == "anonymous" else signed_in(Client(), inquiry[outsider])
    for rest in (
        "sources/",
        f"sources/{source}/",
        "entities/",
        "entities/it-1/",
        "export/ftm/",
        "export/csv/",
    ):
        assert client.get(api(pk, rest)).status_code == 404, rest
    assert client.delete(api(pk, f"sources/{source}/")).status_code == 404
    response = client.post(
        api(pk, "sources/"), {"kind": "ftm_lines", "file": SimpleUploadedFile("a.json", LINES)}
    )
    assert response.status_code in (403, 404)  # anonymous: CSRF refuses before the view
    assert Source.objects.filter(investigation=inquiry.investigation).count() == 2
