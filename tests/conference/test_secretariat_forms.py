"""The secretariat records a meeting and a meeting's document from the pages; bad input (a meeting that
ends before it starts, a number already taken, a symbol that is not a UN symbol or is taken, no English
title) is named beside its field and writes nothing; anyone else gets a 404 and sees no link."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.conference.models import Body, Document, Meeting
from palermo.core.models import AuditEntry
from tests.conference.test_pages import demo  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
NEW = reverse("conference:meeting_new")
MEETING = {
    "body": Body.SMUGGLING,
    "number": "12",
    "starts": "2026-07-06",
    "ends": "2026-07-08",
    "place": "Vienna",
    "host": "AUT",
}


def test_the_secretariat_records_a_meeting_and_its_document(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    assert "Record a meeting" in secretariat.get(reverse("conference:meetings")).content.decode()
    response = secretariat.post(NEW, MEETING)
    meeting = Meeting.objects.get(body=Body.SMUGGLING, number=12)
    assert response.status_code == 302 and response.url == reverse("conference:meeting", args=[meeting.pk])
    assert (
        meeting.host_id == "AUT" and AuditEntry.objects.filter(action="conference.meeting.created").exists()
    )
    url = reverse("conference:document_new", args=[meeting.pk])
    assert "Record a document" in secretariat.get(response.url).content.decode()
    posted = secretariat.post(
        url,
        {
            "symbol": "CTOC/COP/WG.7/2026/2",
            "kind": "note",
            "title_en": "Smuggling by sea",
            "title_fr": "Le trafic par mer",
        },
    )
    assert posted.status_code == 302
    document = Document.objects.get(symbol="CTOC/COP/WG.7/2026/2")
    assert (
        document.titles == {"en": "Smuggling by sea", "fr": "Le trafic par mer"}
        and document.meeting == meeting
    )


def test_bad_input_is_named_beside_its_field_and_writes_nothing(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    meetings = Meeting.objects.count()
    backwards = secretariat.post(NEW, {**MEETING, "ends": "2026-07-01"})
    assert backwards.status_code == 400 and "ends" in backwards.context["form"].errors
    taken = secretariat.post(NEW, {**MEETING, "body": Body.FIREARMS, "number": "11"})  # the demo's
    assert taken.status_code == 400 and "number" in taken.context["form"].errors
    assert Meeting.objects.count() == meetings
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    url = reverse("conference:document_new", args=[session.pk])
    documents = Document.objects.count()
    for data, field in [
        ({"symbol": "not a symbol", "kind": "note", "title_en": "A note"}, "symbol"),
        ({"symbol": "CTOC/COP/2024/L.4", "kind": "note", "title_en": "Again"}, "symbol"),
        ({"symbol": "CTOC/COP/2024/9", "kind": "note", "title_en": ""}, "title_en"),
    ]:
        refused = secretariat.post(url, data)
        assert refused.status_code == 400 and field in refused.context["form"].errors, data
    assert Document.objects.count() == documents


def test_anyone_else_gets_a_404_and_no_link(demo):  # noqa: F811
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    for client in (Client(), signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))):
        assert "Record a meeting" not in client.get(reverse("conference:meetings")).content.decode()
        assert (
            "Record a document"
            not in client.get(reverse("conference:meeting", args=[session.pk])).content.decode()
        )
        for url in (NEW, reverse("conference:document_new", args=[session.pk])):
            assert client.get(url).status_code in (302, 404)
            assert client.post(url, MEETING).status_code in (302, 404)
    assert not Meeting.objects.filter(body=Body.SMUGGLING, number=12).exists()
