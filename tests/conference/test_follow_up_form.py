"""Recording follow-up from a resolution's page: a State's focal point records for its own State on a
paragraph that asks it (the form offers no other State), the secretariat for any State or itself; bad input
shows the page again with the problem beside its field and writes nothing; a visitor, a focal point of a
State not asked, or a GET record nothing. Each write is audited."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.conference.models import Decision, FollowUp
from palermo.core.models import AuditEntry
from tests.conference.test_pages import demo  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def paragraph(number: int):
    return Decision.objects.get(number="12/1").paragraphs.get(number=number)


def page_of(client) -> str:
    return client.get(
        reverse("conference:decision", args=[Decision.objects.get(number="12/1").pk])
    ).content.decode()


def test_a_focal_point_records_for_their_own_state_on_a_paragraph_that_asks_it(demo):  # noqa: F811
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    page = page_of(italy)
    assert page.count("Record what was done") == 2  # paragraph 1 (all States) and 2 (names Italy), not 3
    assert 'name="party"' not in page  # they record for Italy alone
    url = reverse("conference:follow_up", args=[paragraph(2).pk])
    response = italy.post(url, {"status": "done", "text": "Two joint teams set up.", "language": "fr"})
    assert response.status_code == 302 and response.url.endswith("#para-2")
    recorded = FollowUp.objects.get(paragraph=paragraph(2))
    assert (recorded.party_id, recorded.status, recorded.language) == ("ITA", "done", "fr")
    assert AuditEntry.objects.filter(
        action="conference.follow_up.recorded", object_id=str(recorded.pk)
    ).exists()
    assert "Two joint teams set up." in page_of(italy)


def test_bad_input_names_its_field_and_writes_nothing(demo):  # noqa: F811
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    before = FollowUp.objects.count()
    url = reverse("conference:follow_up", args=[paragraph(1).pk])
    response = italy.post(url, {"status": "finished", "text": "  ", "language": "xx"})
    assert response.status_code == 400
    form = response.context["paragraphs"][0][2]
    assert set(form.errors) == {"status", "text", "language"}
    assert '<details class="follow-up-form" open>' in response.content.decode()
    assert FollowUp.objects.count() == before


def test_the_secretariat_records_for_any_state_or_for_itself(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    assert page_of(secretariat).count("Record what was done") == 3
    first = paragraph(1)
    secretariat.post(
        reverse("conference:follow_up", args=[first.pk]),
        {"party": "EGY", "status": "under_way", "text": "Asked.", "language": "en"},
    )
    secretariat.post(
        reverse("conference:follow_up", args=[first.pk]),
        {"party": "", "status": "done", "text": "Compiled.", "language": "en"},
    )
    assert set(
        FollowUp.objects.filter(paragraph=first, text__in=["Asked.", "Compiled."]).values_list(
            "party_id", flat=True
        )
    ) == {"EGY", None}
    named = paragraph(2)  # names Italy and Brazil: no other State may be chosen
    response = secretariat.post(
        reverse("conference:follow_up", args=[named.pk]),
        {"party": "EGY", "status": "done", "text": "x", "language": "en"},
    )
    assert (
        response.status_code == 400 and not FollowUp.objects.filter(paragraph=named, party_id="EGY").exists()
    )


def test_whoever_may_not_record_gets_no_form_and_their_post_is_refused(demo):  # noqa: F811
    url = reverse("conference:follow_up", args=[paragraph(2).pk])
    data = {"status": "done", "text": "x", "language": "en"}
    before = FollowUp.objects.count()
    visitor = Client()
    assert "Record what was done" not in page_of(visitor)
    assert visitor.post(url, data).status_code == 302  # to sign in
    egypt = signed_in(Client(), person(Role.FOCAL_POINT, "EGY"))
    assert page_of(egypt).count("Record what was done") == 1  # paragraph 1 only: 2 names Italy and Brazil
    assert egypt.post(url, data).status_code == 403
    expert = signed_in(Client(), person(Role.GOVERNMENTAL_EXPERT, "ITA"))
    assert "Record what was done" not in page_of(expert)
    assert expert.post(url, data).status_code == 403
    assert signed_in(Client(), person(Role.FOCAL_POINT, "ITA")).get(url).status_code == 405
    assert FollowUp.objects.count() == before


def test_a_new_report_replaces_the_states_latest_and_the_history_is_kept(demo):  # noqa: F811
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    url = reverse("conference:follow_up", args=[paragraph(2).pk])
    italy.post(url, {"status": "under_way", "text": "Team being set up.", "language": "en"})
    italy.post(url, {"status": "done", "text": "Team set up.", "language": "en"})
    entries = FollowUp.objects.filter(paragraph=paragraph(2), party_id="ITA")
    assert entries.count() == 2 and list(entries.filter(is_latest=True).values_list("status", flat=True)) == [
        "done"
    ]
    page = page_of(italy)
    assert "Team set up." in page and "Team being set up." not in page  # the page shows the latest
    overview = Client().get(reverse("conference:follow_up_overview"), {"state": "ITA"}).content.decode()
    assert overview.count(">Done<") == 2  # paragraphs 1 and 2, both done for Italy
