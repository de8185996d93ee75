"""The sources page: the list, uploading a file (then its progress, its problems when it fails), removing a
source (asks first), the downloads; analysts import and remove, viewers read, outsiders get 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.jobs import run_pending
from palermo.networks.models import Entity, Source, SourceState, Statement
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import small_network

pytestmark = pytest.mark.django_db

GOOD = (
    b'{"id": "p-1", "schema": "Person", "properties": {"name": ["Aleksandr Zakharov"]}}\n'
    b'{"id": "c-1", "schema": "Company", "properties": {"name": ["Lupa Trading"]}}\n'
)
BAD = (
    b'{"id": "p-1", "schema": "Person", "properties": {"name": ["Aleksandr Zakharov"]}}\n'
    b'{"id": "p-2", "schema": "Persona", "properties": {"name": ["X"]}}\n'
)


def upload(client, investigation, content: bytes, name: str = "people.ftm.json", **fields):
    url = reverse("networks:source_upload", args=[investigation.pk])
    return client.post(url, {"kind": "ftm_lines", "file": SimpleUploadedFile(name, content), **fields})


def test_an_upload_runs_as_a_job_and_its_page_shows_the_progress(inquiry, django_capture_on_commit_callbacks):  # noqa: F811
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, investigation, GOOD)
    source = Source.objects.get(investigation=investigation)
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:source", args=[investigation.pk, source.pk])
    html = client.get(response["Location"]).content.decode()
    poll = reverse("networks:source_progress", args=[investigation.pk, source.pk])
    assert f'hx-get="{poll}"' in html
    run_pending()
    source.refresh_from_db()
    assert source.state == SourceState.READY
    assert sorted(Entity.objects.filter(investigation=investigation).values_list("entity_id", flat=True)) == [
        "c-1",
        "p-1",
    ]
    progress = client.get(poll)
    assert progress.status_code == 200 and "hx-get" not in progress.content.decode()
    listing = client.get(reverse("networks:sources", args=[investigation.pk])).content.decode()
    assert f'data-source="{source.pk}"' in listing and "people.ftm.json" in listing


def test_a_failed_import_lists_its_problems_and_offers_to_try_again(
    inquiry,  # noqa: F811 (the fixture imported above)
    django_capture_on_commit_callbacks,
):
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, investigation, BAD)
    run_pending()
    source = Source.objects.get(investigation=investigation)
    assert source.state == SourceState.FAILED
    assert not Statement.objects.filter(investigation=investigation).exists()
    html = client.get(reverse("networks:source", args=[investigation.pk, source.pk])).content.decode()
    assert "1 problem; nothing was imported." in html
    assert "<td>2</td>" in html and "Persona is not a schema of the model." in html
    assert "Correct the file and try again" in html


def test_a_file_of_the_wrong_kind_is_refused_at_once(inquiry):  # noqa: F811
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    response = upload(client, investigation, b"a,b\n1,2\n", name="table.csv")
    assert response.status_code == 400
    assert "FtM JSON lines end in .json, .jsonl or .ftm.json." in response.content.decode()
    response = upload(client, investigation, b"a,b\n1,2\n", name="table.csv", kind="mapping")
    assert "A table needs a mapping: upload it or paste it." in response.content.decode()
    assert not Source.objects.filter(investigation=investigation).exists()


def test_removing_a_source_asks_first_and_removes_only_its_values(inquiry):  # noqa: F811
    sources = small_network(inquiry)
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    url = reverse("networks:source_remove", args=[investigation.pk, sources["second"].pk])
    response = client.post(url)
    assert response.status_code == 200 and "Nothing has been done yet." in response.content.decode()
    assert Source.objects.filter(pk=sources["second"].pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Source.objects.filter(pk=sources["second"].pk).exists()
    assert not Statement.objects.filter(entity_id="br-7").exists()
    assert Statement.objects.filter(entity_id="it-1").exists()


def test_a_viewer_reads_but_neither_uploads_nor_removes(inquiry):  # noqa: F811
    sources = small_network(inquiry)
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["viewer"])
    html = client.get(reverse("networks:sources", args=[investigation.pk])).content.decode()
    assert "italy.ftm.json" in html and 'id="upload-form"' not in html and "confirm" not in html
    assert upload(client, investigation, GOOD).status_code == 404
    remove = reverse("networks:source_remove", args=[investigation.pk, sources["first"].pk])
    assert client.post(remove, {"confirm": "yes"}).status_code == 404
    assert Source.objects.filter(investigation=investigation).count() == 2


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_every_source_page(inquiry, outsider):  # noqa: F811
    sources = small_network(inquiry)
    pk, source = inquiry.investigation.pk, sources["first"].pk
    client = signed_in(Client(), inquiry[outsider])
    for url in (
        reverse("networks:sources", args=[pk]),
        reverse("networks:source", args=[pk, source]),
        reverse("networks:source_progress", args=[pk, source]),
        reverse("networks:source_cases", args=[pk]),
        reverse("networks:export_ftm", args=[pk]),
        reverse("networks:export_csv", args=[pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert upload(client, inquiry.investigation, GOOD).status_code == 404
    assert (
        client.post(reverse("networks:source_remove", args=[pk, source]), {"confirm": "yes"}).status_code
        == 404
    )
    assert Source.objects.filter(investigation=inquiry.investigation).count() == 2


def test_the_downloads_hold_the_entities_and_are_audited(inquiry):  # noqa: F811
    import io
    import json
    import zipfile

    from palermo.core.models import AuditEntry

    small_network(inquiry)
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["viewer"])
    response = client.get(reverse("networks:export_ftm", args=[investigation.pk]))
    assert response.status_code == 200
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert {line["schema"] for line in lines} == {"Person", "Company", "Ownership"}
    response = client.get(reverse("networks:export_csv", args=[investigation.pk]))
    assert response.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    audited = AuditEntry.objects.filter(action="networks.investigation.exported").values_list(
        "data", flat=True
    )
    assert sorted(entry["format"] for entry in audited) == ["csv", "ftm"]
