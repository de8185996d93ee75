"""Technical assistance (issue 16, §4): a focal point records its own State's needs and chooses to publish
them; the secretariat records any State's needs and the activities, a need being met once an activity that
meets it is completed; the public dashboard and map show only published needs (a State's people also see
their own, the secretariat all); bad input is named and writes nothing; outsiders record nothing."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.demo import create_demo_accounts
from palermo.accounts.models import Role
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference.demo import create_demo_conference
from palermo.conference.domain import assistance
from palermo.conference.domain.records import RecordError
from palermo.conference.models import AssistanceActivity, AssistanceNeed
from palermo.core.models import AuditEntry
from palermo.register.models import Article, Party
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
URL = reverse("conference:assistance")


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    create_demo_accounts()
    create_demo_conference()


def article(instrument: str, number: str) -> Article:
    return Article.objects.get(instrument_id=instrument, number=number)


def test_a_focal_point_records_a_need_of_its_own_state(demo):
    italy = person(Role.FOCAL_POINT, "ITA")
    need = assistance.record_need(
        user=italy,
        party=Party.objects.get(pk="ITA"),
        source="review",  # a focal point's needs are requested directly, whatever it says
        description="Forensic accounting training.",
        language="fr",
        articles=[article("UNTOC", "7")],
        crime_types=[],
        publish=False,
    )
    assert (need.source, need.publish) == ("direct", False)
    with pytest.raises(assistance.PermissionDenied):
        assistance.record_need(
            user=italy,
            party=Party.objects.get(pk="BRA"),
            source="direct",
            description="Not ours.",
            language="en",
            articles=[article("UNTOC", "7")],
            crime_types=[],
            publish=True,
        )
    with pytest.raises(RecordError) as refused:
        assistance.record_need(
            user=italy,
            party=Party.objects.get(pk="ITA"),
            source="direct",
            description=" ",
            language="xx",
            articles=[],
            crime_types=[],
            publish=True,
        )
    assert dict(refused.value.problems).keys() == {"description", "language", "articles"}
    assert AssistanceNeed.objects.filter(party_id="ITA", is_demo=False).count() == 1
    assert AuditEntry.objects.filter(action="conference.need.recorded", actor=italy).count() == 1


def test_a_need_is_met_once_an_activity_that_meets_it_is_completed(demo):
    secretariat = person(Role.SECRETARIAT_ADMIN)
    needs = {
        need.party_id: need
        for need in dashboard.visible_needs(secretariat)
        if need.party_id in ("ITA", "BRA")
    }
    assert needs["BRA"].met and not needs["ITA"].met  # the demo: Brazil's met by the completed workshop
    with pytest.raises(RecordError) as refused:
        assistance.record_activity(
            user=secretariat,
            titles={"en": "Mentoring"},
            provider="",
            status="completed",
            starts=date(2026, 5, 2),
            ends=date(2026, 5, 1),
            beneficiaries=[Party.objects.get(pk="BRA")],
            articles=[],
            crime_types=[],
            outputs="",
            needs=[needs["ITA"]],
        )
    assert dict(refused.value.problems).keys() == {"provider", "ends", "needs"}
    assistance.record_activity(
        user=secretariat,
        titles={"en": "Mentoring"},
        provider="A donor",
        status="completed",
        starts=date(2026, 5, 1),
        ends=None,
        beneficiaries=[Party.objects.get(pk="ITA")],
        articles=[],
        crime_types=[],
        outputs="Two mentors.",
        needs=[needs["ITA"]],
    )
    assert dashboard.visible_needs(secretariat).get(pk=needs["ITA"].pk).met
    with pytest.raises(assistance.PermissionDenied):
        assistance.record_activity(
            user=person(Role.FOCAL_POINT, "ITA"),
            titles={"en": "Mine"},
            provider="Me",
            status="planned",
            starts=None,
            ends=None,
            beneficiaries=[Party.objects.get(pk="ITA")],
            articles=[],
            crime_types=[],
            outputs="",
            needs=[],
        )


def test_the_dashboard_shows_published_needs_only_their_state_and_the_secretariat_see_more(demo):
    public = Client().get(URL).content.decode()
    assert "Record-keeping software for firearms (demo)." in public
    assert "Witness protection programme (demo)." not in public  # Mexico did not publish it
    assert 'id="needs-MEX"' not in public and "need-unmet" in public
    assert "Regional workshop on the marking of firearms (demo)" in public
    mexico = signed_in(Client(), person(Role.FOCAL_POINT, "MEX"))
    assert "Witness protection programme (demo)." in mexico.get(URL).content.decode()
    office = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    page = office.get(URL).content.decode()
    assert "Witness protection programme (demo)." in page and "not published" in page
    groups = {
        tally.label: tally
        for tally in dashboard.by_group(list(dashboard.visible_needs(Client().get(URL).wsgi_request.user)))
    }
    assert (groups["African Group"].met, groups["African Group"].unmet) == (1, 1)


def test_the_pages_record_needs_and_activities_and_refuse_outsiders(demo):
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    refused = italy.post(reverse("conference:need_new"), {"description": "", "language": "en"})
    assert refused.status_code == 400
    response = italy.post(
        reverse("conference:need_new"),
        {
            "description": "Asset recovery training.",
            "kind": "training",
            "language": "en",
            "articles": [article("UNTOC", "14").pk],
            "publish": "on",
        },
    )
    assert response.status_code == 302
    need = AssistanceNeed.objects.get(description="Asset recovery training.")
    assert (need.party_id, need.publish) == ("ITA", True)
    italy.post(reverse("conference:need_publication", args=[need.pk]), {})
    need.refresh_from_db()
    assert need.publish is False
    brazil = signed_in(Client(), person(Role.FOCAL_POINT, "BRA"))
    assert (
        brazil.post(reverse("conference:need_publication", args=[need.pk]), {"publish": "on"}).status_code
        == 404
    )
    assert Client().get(reverse("conference:need_new")).status_code in (302, 404)
    assert italy.get(reverse("conference:activity_new")).status_code == 404
    office = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    response = office.post(
        reverse("conference:activity_new"),
        {
            "title_en": "Asset recovery course",
            "provider": "UNODC (test)",
            "status": "planned",
            "beneficiaries": ["ITA"],
            "needs": [need.pk],
        },
    )
    assert response.status_code == 302
    assert AssistanceActivity.objects.get(titles__en="Asset recovery course").needs.get() == need


def test_the_api_lists_what_each_caller_may_see_and_records_a_need(demo):
    public = Client().get("/api/v1/conference/assistance/needs/").json()["results"]
    assert {need["state"] for need in public} == {"ITA", "BRA", "NGA"}  # not Mexico's unpublished one
    assert next(need for need in public if need["state"] == "BRA")["met"] is True
    activities = Client().get("/api/v1/conference/assistance/activities/").json()["results"]
    assert {activity["status"] for activity in activities} == {"completed", "planned"}
    mexico = signed_in(Client(), person(Role.FOCAL_POINT, "MEX"))
    own = mexico.get("/api/v1/conference/assistance/needs/").json()["results"]
    assert "MEX" in {need["state"] for need in own}
    created = mexico.post(
        "/api/v1/conference/assistance/needs/",
        {
            "description": "Cybercrime investigators.",
            "language": "es",
            "articles": ["UNTOC 18"],
            "publish": True,
        },
        content_type="application/json",
    )
    assert (
        created.status_code == 201
        and created.json()["state"] == "MEX"
        and created.json()["source"] == "direct"
    )
    bad = mexico.post(
        "/api/v1/conference/assistance/needs/",
        {"description": "x", "language": "es", "articles": ["UNTOC 999"]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "articles" in bad.json()["errors"]
    other = mexico.post(
        "/api/v1/conference/assistance/needs/",
        {"state": "BRA", "description": "Not ours.", "language": "es", "articles": ["UNTOC 18"]},
        content_type="application/json",
    )
    assert other.status_code == 403
    assert (
        Client()
        .post("/api/v1/conference/assistance/needs/", {"description": "x"}, content_type="application/json")
        .status_code
        == 403
    )
