"""The follow-up page: every operative paragraph with the number of States (or the secretariat) whose
latest report is each status; chosen by meeting, by State (a paragraph that asks all States or names the
State, with that State's own latest status) and by topic; a bad choice is named and ignored; three queries
whatever the number of resolutions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palermo.conference.models import Body, Decision, Meeting
from tests.conference.test_pages import demo, text_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
URL = reverse("conference:follow_up_overview")


def rows(client, **choices) -> list[str]:
    html = client.get(URL, choices).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def test_every_paragraph_shows_how_many_report_each_status(client, demo):  # noqa: F811
    found = rows(client)
    assert len(found) == 3
    assert found[0].startswith("Resolution 12/1, paragraph 1 demo data")
    assert found[0].endswith("All States parties 30 June 2026 0 0 1")  # Italy: done
    assert found[2].endswith("The secretariat 1 October 2026 0 1 0")  # the secretariat: under way


def test_a_state_sees_the_paragraphs_that_ask_it_with_its_own_status(client, demo):  # noqa: F811
    italy = rows(client, state="ITA")
    assert [row.split(" demo data")[0] for row in italy] == [
        "Resolution 12/1, paragraph 1",
        "Resolution 12/1, paragraph 2",
    ]
    assert italy[0].endswith("Done") and italy[1].endswith("Nothing reported")
    assert len(rows(client, state="EGY")) == 1  # paragraph 2 names Italy and Brazil only


def test_paragraphs_are_chosen_by_topic_and_by_meeting(client, demo):  # noqa: F811
    assert len(rows(client, topic="special-investigative-techniques")) == 1
    assert len(rows(client, topic="international-cooperation")) == 2
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    assert len(rows(client, meeting=session.pk)) == 3
    page = text_of(client.get(URL, {"meeting": "999999", "topic": "no-such-topic"}))
    assert "Select a valid choice" in page and len(rows(client, meeting="999999")) == 3  # named, ignored


def test_the_page_makes_as_many_queries_for_many_resolutions(client, demo):  # noqa: F811
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    before = queries()
    resolution = Decision.objects.get(number="12/1")
    recorder = resolution.paragraphs.get(number=1).follow_ups.first().recorded_by
    for number in range(2, 6):
        copy = Decision.objects.create(
            meeting=resolution.meeting,
            kind="resolution",
            number=f"12/{number}",
            titles={"en": "More"},
            adopted=resolution.adopted,
        )
        paragraph = copy.paragraphs.create(number=1, texts={"en": "Asks."}, addressee="some_states")
        paragraph.states.add("ITA", "EGY")
        paragraph.follow_ups.create(
            party_id="ITA", status="done", text="x", language="en", recorded_by=recorder
        )
    assert queries() == before
