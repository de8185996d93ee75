"""Screening against watch lists: a list loaded as FtM JSON lines (all or nothing, problems by line), the
authority's investigations screened by the entity-resolution matcher, hits on the screening page, the
entity page, the chart and the API; analysts' decisions kept by a new screening; the authority's lists
seen by its practitioners only, the hits by the investigation's members only."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from palermo.core.jobs import run_pending
from palermo.core.models import AuditEntry
from palermo.networks.models import Decision, ListedEntity, ListedKey, ScreeningHit, WatchList
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.django_db

LISTED = [
    {
        "id": "os-lorusso",
        "schema": "Person",
        "caption": "Giuseppe Lo Russo",
        "datasets": ["demo"],
        "properties": {"name": ["Giuseppe LO RUSSO"], "nationality": ["it"], "topics": ["crime"]},
    },
    {
        "id": "os-lorusso-sanction",
        "schema": "Sanction",
        "properties": {"entity": ["os-lorusso"], "program": ["Invented programme"]},
    },
    {
        "id": "os-wallet",
        "schema": "CryptoWallet",
        # The graph world's wallet, written in capitals: the same Bech32 address.
        "properties": {"publicKey": ["BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"], "topics": ["sanction"]},
    },
    {"id": "os-other", "schema": "Company", "properties": {"name": ["Ostrov Shipping Ltd"]}},
]


def list_file(entities=LISTED, name: str = "sanctions.ftm.json") -> SimpleUploadedFile:
    lines = "\n".join(json.dumps(item, ensure_ascii=False) for item in entities) + "\n"
    return SimpleUploadedFile(name, lines.encode())


def load(client, upload=None, name: str = "Consolidated sanctions"):
    return client.post(
        reverse("networks:watch_lists"),
        {"name": name, "publisher": "OpenSanctions, 2026-11-30", "file": upload or list_file()},
    )


def test_a_loaded_list_screens_the_authoritys_investigations(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    response = load(analyst)
    assert response.status_code == 302
    run_pending()  # the load, then the screening it queues
    watch_list = WatchList.objects.get()
    assert (watch_list.state, watch_list.entity_count, watch_list.skipped_count) == ("ready", 3, 1)
    assert watch_list.authority == inquiry.investigation.authority
    hits = {hit.canonical_id: hit for hit in ScreeningHit.objects.filter(investigation=inquiry.investigation)}
    assert set(hits) == {"lorusso", "wallet"}
    assert hits["wallet"].score >= 0.98
    page = analyst.get(reverse("networks:screening", args=[inquiry.investigation.pk])).content.decode()
    assert "Giuseppe LO RUSSO" in page and "Consolidated sanctions" in page
    assert "Same crypto address" in page and "crime" in page
    assert "Ostrov" not in page  # listed, but in no investigation
    entity_page = analyst.get(reverse("networks:entity", args=[inquiry.investigation.pk, "lorusso"]))
    assert "On watch lists" in entity_page.content.decode()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "networks.watch_list.loading",
        "networks.watch_list.loaded",
        "networks.screening.finished",
    } <= actions


def test_hits_are_marked_on_the_chart_until_dismissed(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    load(analyst)
    run_pending()
    url = reverse("networks:chart_elements", args=[inquiry.investigation.pk])
    nodes = analyst.post(url, {"expand": ["lorusso"], "depth": 1}, content_type="application/json").json()[
        "nodes"
    ]
    listed = {node["data"]["id"]: node["data"]["listed"] for node in nodes}
    assert listed["lorusso"] is True and listed["sole"] is False
    hit = ScreeningHit.objects.get(canonical_id="lorusso")
    decide = reverse("networks:screening_decide", args=[inquiry.investigation.pk, hit.pk])
    assert analyst.post(decide, {"decision": "dismissed"}).status_code == 302
    nodes = analyst.post(url, {"expand": ["lorusso"], "depth": 1}, content_type="application/json").json()[
        "nodes"
    ]
    assert not next(node for node in nodes if node["data"]["id"] == "lorusso")["data"]["listed"]
    assert AuditEntry.objects.filter(action="networks.screening.decided").exists()


def test_a_new_screening_keeps_decisions_and_drops_unreviewed_hits_gone(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    load(analyst)
    run_pending()
    confirmed = ScreeningHit.objects.get(canonical_id="wallet")
    confirmed.decision = Decision.CONFIRMED
    confirmed.save()
    ListedKey.objects.filter(listed__entity_id__in=["os-lorusso", "os-wallet"]).delete()  # no longer found
    start = reverse("networks:screening_start", args=[inquiry.investigation.pk])
    assert analyst.post(start).status_code == 302
    run_pending()
    assert list(ScreeningHit.objects.values_list("canonical_id", "decision")) == [("wallet", "confirmed")]


def test_a_bad_file_is_not_loaded_and_its_problems_are_named(inquiry):  # noqa: F811
    analyst = signed_in(Client(), inquiry["analyst"])
    bad = [*LISTED[:1], {"id": "x", "schema": "Person", "properties": {"colour": ["red"]}}]
    upload = SimpleUploadedFile(
        "bad.jsonl", ("\n".join(json.dumps(item) for item in bad) + "\n{not json\n").encode()
    )
    load(analyst, upload)
    run_pending()
    watch_list = WatchList.objects.get()
    assert watch_list.state == "failed" and not ListedEntity.objects.exists()
    page = analyst.get(reverse("networks:watch_lists")).content.decode()
    assert "2 problems; nothing was loaded." in page
    assert "The schema Person has no property colour." in page and "<td>3</td>" in page
    # The same file may be loaded again once fixed; a loaded file is refused a second time.
    load(analyst)
    run_pending()
    again = load(analyst, name="Again")
    assert again.status_code == 400 and "This file was loaded already" in again.content.decode()
    empty = load(analyst, SimpleUploadedFile("list.csv", b"a,b\n"), name="Table")
    assert "A watch list is a file of FtM JSON lines" in empty.content.decode()


def test_the_command_line_loads_a_list_and_names_bad_lines(inquiry, tmp_path):  # noqa: F811
    path = tmp_path / "list.ftm.json"
    path.write_text('{"id": "a", "schema": "Person", "properties": {"birthDate": ["yesterday"]}}\n')
    email = inquiry["analyst"].email
    with pytest.raises(CommandError, match="problems"):
        call_command("load_watch_list", str(path), name="National list", user=email)
    path.write_text(json.dumps(LISTED[0]) + "\n")
    call_command("load_watch_list", str(path), name="National list", user=email)
    assert WatchList.objects.filter(state="ready").count() == 1


def test_lists_and_hits_are_seen_only_by_those_entitled(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    load(analyst)
    run_pending()
    watch_list = WatchList.objects.get()
    hit = ScreeningHit.objects.first()
    pk = inquiry.investigation.pk
    urls = [
        reverse("networks:screening", args=[pk]),
        f"/api/v1/networks/investigations/{pk}/screening/",
    ]
    clients = {}
    for name in OUTSIDERS:
        client = clients[name] = signed_in(Client(), inquiry[name]) if name != "public" else Client()
        for url in urls:
            assert client.get(url).status_code in (302, 404), (name, url)
        posted = client.post(
            reverse("networks:screening_decide", args=[pk, hit.pk]), {"decision": "dismissed"}
        )
        assert posted.status_code in (302, 404) and ScreeningHit.objects.get(pk=hit.pk).decision == "open"
    # Another authority's practitioner (the partner, a member of the investigation) sees the hits but not
    # the Italian office's list, and cannot remove it.
    partner = signed_in(Client(), inquiry["partner analyst"])
    assert partner.get(urls[0]).status_code == 200
    assert "Consolidated sanctions" not in partner.get(reverse("networks:watch_lists")).content.decode()
    delete = reverse("networks:watch_list_delete", args=[watch_list.pk])
    assert partner.post(delete, {"confirm": "yes"}).status_code == 404
    assert partner.get("/api/v1/networks/watch-lists/").json() == {"results": []}
    for name in ("secretariat", "public"):
        assert clients[name].get(reverse("networks:watch_lists")).status_code in (302, 404)
    # A viewer reads the hits but decides nothing.
    viewer = signed_in(Client(), inquiry["viewer"])
    assert viewer.get(urls[0]).status_code == 200
    assert (
        viewer.post(reverse("networks:screening_decide", args=[pk, hit.pk]), {"decision": "x"}).status_code
        == 404
    )
    # Removing the list asks first, then removes its hits.
    assert analyst.post(delete).status_code == 200 and WatchList.objects.exists()
    assert analyst.post(delete, {"confirm": "yes"}).status_code == 302
    assert not WatchList.objects.exists() and not ScreeningHit.objects.exists()
    assert AuditEntry.objects.filter(action="networks.watch_list.deleted").exists()


def test_the_api_lists_hits_and_records_decisions(inquiry):  # noqa: F811
    graph_world(inquiry)
    analyst = signed_in(Client(), inquiry["analyst"])
    base = f"/api/v1/networks/investigations/{inquiry.investigation.pk}/screening/"
    assert analyst.post(base).status_code == 400  # no list yet
    load(analyst)
    run_pending()
    answer = analyst.get(base).json()
    assert answer["state"] == "done" and [item["name"] for item in answer["lists"]] == [
        "Consolidated sanctions"
    ]
    by_entity = {hit["entity"]["id"]: hit for hit in answer["hits"]}
    assert by_entity["lorusso"]["listed"]["properties"]["topics"] == ["crime"]
    decided = analyst.post(
        f"{base}hits/{by_entity['lorusso']['id']}/decision/",
        {"decision": "confirmed"},
        content_type="application/json",
    )
    assert decided.json() == {"decision": "confirmed"}
    bad = analyst.post(
        f"{base}hits/{by_entity['lorusso']['id']}/decision/",
        {"decision": "maybe"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "decision" in bad.json()
    assert analyst.post(base).status_code == 202
    assert [item["entities"] for item in analyst.get("/api/v1/networks/watch-lists/").json()["results"]] == [
        3
    ]


def test_a_list_larger_than_a_form_loads_from_the_page_and_the_api(inquiry, settings):  # noqa: F811
    """A watch list is as large as an import may be, not as a form: the request size check lets it in."""
    analyst = signed_in(Client(), inquiry["analyst"])
    note = "Invented listing for a test. " * 40
    many = [
        {
            "id": f"os-{n}",
            "schema": "Person",
            "properties": {"name": [f"Person {n} Testname"], "notes": [note]},
        }
        for n in range(settings.DATA_UPLOAD_MAX_MEMORY_SIZE // len(note) + 200)
    ]
    upload = list_file(many)
    assert upload.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert load(analyst, upload, name="Large list").status_code == 302
    api = "/api/v1/networks/watch-lists/"
    answer = analyst.post(api, {"name": "Second", "file": list_file(name="second.jsonl")})
    assert answer.status_code == 202 and answer.json()["state"] == "loading"
    refused = analyst.post(api, {"name": "Third", "file": SimpleUploadedFile("x.csv", b"a\n")})
    assert refused.status_code == 400 and "FtM JSON lines" in refused.json()["detail"]
    assert analyst.post(api, {"file": list_file(name="third.jsonl")}).status_code == 400  # no name
    run_pending()
    assert dict(WatchList.objects.values_list("name", "state")) == {"Large list": "ready", "Second": "ready"}
    public = signed_in(Client(), inquiry["secretariat"])
    assert public.post(api, {"name": "X", "file": list_file(name="x.jsonl")}).status_code == 404
