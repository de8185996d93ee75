"""The API of requests: the same rules as the domain, 409 on a stale version, 400 naming what is missing,
and 404 for everyone not on the request (the secretariat and other users of the same States included)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.models import Request, RequestAttachment, RequestMessage, RequestState
from tests.cooperation.conftest import verified
from tests.cooperation.request_helpers import complete_content, draft, sent
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
S = RequestState
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OUTSIDERS = ["secretariat", "ministry", "italian focal point", "italian expert elsewhere", "public"]


def url(name, *args):
    return reverse(f"api:cooperation-request-{name}", args=args)


def client_of(client, world, who):
    return signed_in(client, world[who])


def test_the_way_of_a_request_through_the_api(client, world, django_user_model):
    drafter = client_of(client, world, "drafter")
    created = drafter.post(
        url("list"),
        {"kind": "mla", "requested_authority": world.authorities["brazil"].pk, "content": {"facts": "x"}},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    pk = body["id"]
    assert (body["state"], body["version"], body["direction"]) == ("draft", 1, "outgoing")
    assert body["requesting_authority"]["state"] == "ITA" and body["requested_authority"]["uses_palermo"]

    incomplete = drafter.post(url("mark-ready", pk))
    assert incomplete.status_code == 400
    missing = {item["key"]: item["reference"] for item in incomplete.json()["missing"]}
    assert missing["purpose"] == "art. 18(15)(f)" and incomplete.json()["complete"] is False

    saved = drafter.patch(
        url("detail", pk), {"version": 1, "content": complete_content()}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["version"] == 2
    stale = drafter.patch(url("detail", pk), {"version": 1, "content": {}}, content_type="application/json")
    assert stale.status_code == 409 and "version 2" in stale.json()["detail"]
    assert Request.objects.get(pk=pk).content == complete_content()

    assert drafter.post(url("mark-ready", pk)).json()["ready"] is True
    refused = drafter.post(url("approve", pk))
    assert refused.status_code == 400 and "second person" in refused.json()["detail"]
    drafter.logout()
    colleague = client_of(client, world, "colleague")
    approved = colleague.post(url("approve", pk))
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert approved.json()["allowed_moves"] == ["draft", "sent"]
    today = timezone.localdate().isoformat()
    assert (
        colleague.post(
            url("send", pk), {"on": today, "channel": "fax"}, content_type="application/json"
        ).status_code
        == 400
    )
    sent_ = colleague.post(
        url("send", pk), {"on": today, "channel": "direct"}, content_type="application/json"
    )
    assert sent_.json()["state"] == "sent"
    colleague.logout()

    brazil = client_of(client, world, "brazil")
    listed = brazil.get(url("list"), {"direction": "incoming"}).json()
    assert [row["id"] for row in listed["results"]] == [pk] and listed["results"][0][
        "direction"
    ] == "incoming"
    assert brazil.get(url("list"), {"direction": "outgoing"}).json()["count"] == 0
    for to_state in ("received", "in_execution"):
        moved = brazil.post(url("move", pk), {"to_state": to_state}, content_type="application/json")
        assert moved.status_code == 200 and moved.json()["state"] == to_state
    refusal = brazil.post(
        url("move", pk), {"to_state": "refused", "reasons": "No"}, content_type="application/json"
    )
    assert refusal.status_code == 400 and "18(21)" in refusal.json()["detail"]
    asked = brazil.post(
        url("move", pk),
        {"to_state": "more_information", "note": "Which branch?"},
        content_type="application/json",
    )
    assert (
        asked.json()["state"] == "more_information" and asked.json()["events"][-1]["note"] == "Which branch?"
    )
    posted = brazil.post(url("messages", pk), {"text": "Please hurry"}, content_type="application/json")
    assert posted.status_code == 201 and posted.json()["side"] == "requested"
    assert [m["text"] for m in brazil.get(url("messages", pk)).json()] == ["Please hurry"]
    uploaded = brazil.post(
        url("attachments", pk), {"file": SimpleUploadedFile("report.pdf", PDF), "title": "Execution report"}
    )
    assert uploaded.status_code == 201, uploaded.content
    attachment = uploaded.json()["id"]
    download = brazil.get(url("attachment", pk, attachment))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    not_pdf = brazil.post(
        url("attachments", pk), {"file": SimpleUploadedFile("x.pdf", b"MZ"), "title": "Bad"}
    )
    assert not_pdf.status_code == 400 and "not a PDF" in not_pdf.json()["detail"]


def test_outsiders_get_404_on_every_request_url_and_see_nothing_in_lists(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = sent(world)
    attachment = domain.attach_file(
        req=req, actor=verified(world["drafter"]), upload=SimpleUploadedFile("a.pdf", PDF), title="Annex"
    )
    domain.post_message(req=req, actor=verified(world["drafter"]), text="Hello")
    pk = req.pk
    gets = [
        url("detail", pk),
        url("messages", pk),
        url("attachments", pk),
        url("attachment", pk, attachment.pk),
    ]
    posts = [
        (url("mark-ready", pk), {}),
        (url("approve", pk), {}),
        (url("return-to-draft", pk), {}),
        (url("send", pk), {"on": "2026-01-01", "channel": "direct"}),
        (url("move", pk), {"to_state": "received"}),
        (url("messages", pk), {"text": "x"}),
    ]
    for who in [*OUTSIDERS, None]:
        if who is not None:
            signed_in(client, world[who])
        for address in gets:
            assert client.get(address).status_code == 404, (who, address)
        for address, data in posts:
            assert client.post(address, data, content_type="application/json").status_code == 404, (
                who,
                address,
            )
        assert (
            client.patch(
                url("detail", pk), {"version": 1, "content": {}}, content_type="application/json"
            ).status_code
            == 404
        )
        listed = client.get(url("list"))
        assert listed.status_code == 200 and listed.json()["count"] == 0, who
        client.logout()
    assert Request.objects.get(pk=pk).state == S.SENT
    assert RequestMessage.objects.count() == 1 and RequestAttachment.objects.count() == 1


def test_the_requested_side_reads_but_does_not_draft_someone_elses_request(client, world):
    req = draft(world)
    brazil = client_of(client, world, "brazil")
    assert brazil.get(url("detail", req.pk)).status_code == 404  # drafts are the requesting side's
    req = sent(world)
    body = brazil.get(url("detail", req.pk)).json()
    assert body["allowed_moves"] == ["received", "acknowledged"]
    assert (
        brazil.patch(
            url("detail", req.pk), {"version": req.version, "content": {}}, content_type="application/json"
        ).status_code
        == 400
    )


def test_create_refuses_unknown_authorities_and_bad_bodies_changing_nothing(client, world):
    drafter = client_of(client, world, "drafter")
    for data in (
        {"kind": "mla", "requested_authority": 999999},
        {"kind": "nonsense", "requested_authority": world.authorities["brazil"].pk},
        {"kind": "mla", "requested_authority": world.authorities["brazil"].pk, "content": [1, 2]},
        {"kind": "mla", "requested_authority": world.authorities["prosecution"].pk},
    ):
        assert drafter.post(url("list"), data, content_type="application/json").status_code == 400, data
    assert not Request.objects.exists()


def test_only_practitioners_of_an_authority_create_requests(client, world):
    for who in ("observer of the office", "italian expert elsewhere", "secretariat"):
        signed_in(client, world[who])
        response = client.post(
            url("list"),
            {"kind": "mla", "requested_authority": world.authorities["brazil"].pk},
            content_type="application/json",
        )
        assert response.status_code in (400, 404), who
        client.logout()
    assert not Request.objects.exists()


def test_the_check_answers_for_those_who_may_draft_and_nobody_else(client, world):
    drafter = client_of(client, world, "drafter")
    answer = drafter.post(url("check"), {"content": {"kind": "mla"}}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["complete"] is False
    full = drafter.post(url("check"), {"content": complete_content()}, content_type="application/json")
    assert full.json()["complete"] is True
    drafter.logout()
    for who in ("secretariat", "italian expert elsewhere", "public"):
        signed_in(client, world[who])
        assert client.post(url("check"), {"content": {}}, content_type="application/json").status_code == 404
        client.logout()


def test_statistics_are_the_secretariats_alone(client, world):
    for who in ("drafter", "brazil", "public"):
        signed_in(client, world[who])
        assert client.get(url("statistics")).status_code == 404
        client.logout()
    assert client.get(url("statistics")).status_code == 404
    signed_in(client, world["secretariat"])
    answer = client.get(url("statistics"))
    assert answer.status_code == 200 and answer.json()["min_cell"] == 5
    assert client.get(url("statistics"), {"year": "soon"}).status_code == 400


def test_the_list_filters_and_takes_the_same_queries_for_many_requests(client, world):
    sent(world)
    draft(world)
    drafter = client_of(client, world, "drafter")
    assert drafter.get(url("list"), {"state": "sent"}).json()["count"] == 1
    assert drafter.get(url("list"), {"state": "nonsense"}).status_code == 400
    assert drafter.get(url("list"), {"kind": "extradition"}).json()["count"] == 0
    with CaptureQueriesContext(connection) as few:
        drafter.get(url("list"))
    for _ in range(5):
        draft(world)
    with CaptureQueriesContext(connection) as many:
        assert drafter.get(url("list")).json()["count"] == 7
    assert len(many) == len(few)


def test_the_rows_of_the_list_are_what_the_list_serializer_says(world, rf):
    from palermo.api.cooperation_requests import RequestListSerializer, list_row

    req = sent(world)
    authority = world.authorities["brazil"]
    written = RequestListSerializer(Request.objects.get(pk=req.pk), context={"authority": authority}).data
    assert list_row(Request.objects.get(pk=req.pk), authority) == written
