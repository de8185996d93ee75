"""The public pages of the Conference's record, read by a visitor who is not signed in: the meetings (with
a filter by body), a session with its agenda, documents, resolution and delegations, and the resolution
with its paragraphs, whom each asks and the latest follow-up of each State; the demo labelled as such."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palermo.accounts.demo import create_demo_accounts
from palermo.conference.demo import create_demo_conference
from palermo.conference.models import Body, Decision, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    create_demo_accounts()
    return create_demo_conference()


def text_of(response) -> str:
    """The page's text, its tags left out."""
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_visitor_reads_the_meetings_and_filters_them_by_body(client, demo):
    page = text_of(client.get(reverse("conference:meetings")))
    assert "Conference of the Parties, meeting 12" in page
    assert "Working Group on Firearms, meeting 11" in page
    assert page.count("demo data") == 4  # the label of the three meetings, and the demo's banner
    firearms = text_of(client.get(reverse("conference:meetings"), {"body": Body.FIREARMS}))
    assert "Working Group on Firearms, meeting 11" in firearms
    assert "meeting 12" not in firearms and "meeting 15" not in firearms
    assert "meeting 12" in text_of(client.get(reverse("conference:meetings"), {"body": "nonsense"}))


def test_a_session_shows_its_agenda_documents_resolution_and_delegations(client, demo):
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    page = text_of(client.get(reverse("conference:meeting", args=[session.pk])))
    for expected in [
        "14 October 2024 \u2013 18 October 2024",
        "Vienna (Austria)",
        "Review Mechanism (demo)",
        "CTOC/COP/2024/L.4",
        "Draft resolution or decision (L. document)",
        "none uploaded yet",
        "Resolution 12/1",
        "10 delegations took part",
    ]:
        assert expected in page, expected


def test_a_resolution_shows_whom_each_paragraph_asks_and_the_latest_follow_up(client, demo):
    resolution = Decision.objects.get(number="12/1")
    page = text_of(client.get(reverse("conference:decision", args=[resolution.pk])))
    for expected in [
        "Paragraph 1",
        "All States parties",
        "30 June 2026",
        "Brazil, Italy",
        "The secretariat",
        "Needs sent to the secretariat by note verbale (demo).",
        "Under way",
        "No follow-up is recorded yet.",
    ]:
        assert expected in page, expected


def test_an_unknown_meeting_or_resolution_is_not_found(client, demo):
    assert client.get(reverse("conference:meeting", args=[999999])).status_code == 404
    assert client.get(reverse("conference:decision", args=[999999])).status_code == 404


def test_the_pages_make_as_many_queries_whatever_they_hold(client, demo):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    resolution = Decision.objects.get(number="12/1")
    urls = [
        reverse("conference:meetings"),
        reverse("conference:meeting", args=[session.pk]),
        reverse("conference:decision", args=[resolution.pk]),
    ]
    before = [queries(url) for url in urls]
    for number in range(20, 25):
        copy = Meeting.objects.create(
            body=Body.FIREARMS, number=number, starts=session.starts, ends=session.ends, place="Vienna"
        )
        copy.delegations.create(party_id="ITA")
    for document in session.documents.all()[:1]:
        added = session.documents.create(
            symbol=document.symbol + "/Add.1", kind=document.kind, titles=document.titles
        )
        for position in range(10, 13):  # more agenda items, each with a document
            item = session.agenda.create(number=str(position), position=position, titles={"en": "More"})
            item.documents.add(added)
    paragraph = resolution.paragraphs.get(number=2)
    paragraph.follow_ups.create(
        party_id="BRA",
        status="done",
        text="Shared.",
        language="en",
        recorded_by=resolution.paragraphs.get(number=1).follow_ups.first().recorded_by,
    )
    assert [queries(url) for url in urls] == before


def test_delegations_are_listed_as_the_readers_language_sorts_and_separates_them(client, demo):
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    french = text_of(client.get(f"/fr/conference/meetings/{session.pk}/"))
    assert "Chine, Égypte, Espagne, Fédération de Russie, France" in french  # É among the E
    assert "Résolution 12/1 : " in french  # the colon as French writes it (a space before)
    arabic = client.get(f"/ar/conference/meetings/{session.pk}/").content.decode()
    delegations = re.sub(r"<[^>]+>", "", arabic.split("<h2>")[-1].split("</p>")[0])  # the last section
    assert "\u060c " in delegations and ", " not in delegations  # the Arabic comma
