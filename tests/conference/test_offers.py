"""Offers of technical assistance matched to needs (issue 16, §4): who may record and withdraw an offer, the
matching rules (open offers, unmet needs, the regional groups offered to, not the offering State itself,
shared articles or crime types, a general offer by its kind), the pages and the API showing only the needs a
reader may see, an activity planned from a match, and bad input named with nothing written."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.models import Role
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference import assistance_matching as matching
from palermo.conference.domain import offers
from palermo.conference.domain.records import RecordError
from palermo.conference.models import AssistanceActivity, AssistanceNeed, AssistanceOffer
from palermo.core.models import AuditEntry
from palermo.register.models import Party
from tests.conference.test_assistance import article, demo  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def offer_of(provider: str) -> AssistanceOffer:
    return AssistanceOffer.objects.get(provider__startswith=provider)


def needs_seen_by(user) -> list[AssistanceNeed]:
    return list(dashboard.visible_needs(user).prefetch_related("articles__instrument", "crime_types"))


def new_offer(user, **changes) -> AssistanceOffer:
    given = {
        "provider_kind": "donor",
        "provider": "A test donor",
        "party": None,
        "kind": "training",
        "description": "Training of central authorities.",
        "language": "en",
        "articles": [article("UNTOC", "19")],
        "crime_types": [],
        "regions": [],
        "until": None,
    } | changes
    return offers.record_offer(user=user, **given)


def test_an_offer_matches_open_unmet_needs_of_its_regions_sharing_what_they_are_about(demo):  # noqa: F811
    secretariat = person(Role.SECRETARIAT_ADMIN)
    needs = needs_seen_by(secretariat)
    found = {m.need.party_id: m for m in matching.needs_for(offer_of("A donor State"), needs)}
    assert set(found) == {"ITA"}  # UNTOC 19, offered to WEOG and EEG
    assert (found["ITA"].score, found["ITA"].same_kind) == (5, True)  # one article (3) and the kind (2)
    assert [m.need.party_id for m in matching.needs_for(offer_of("Spain"), needs)] == ["MEX"]
    # The firearms programme: Brazil's and Nigeria's firearms needs are met already.
    assert matching.needs_for(offer_of("UNODC Global Firearms"), needs) == []
    everywhere = new_offer(secretariat, regions=[])
    assert {m.need.party_id for m in matching.needs_for(everywhere, needs)} == {"ITA"}
    italian = new_offer(secretariat, provider_kind="state", provider="", party=Party.objects.get(pk="ITA"))
    assert matching.needs_for(italian, needs) == []  # a State does not meet its own need
    general = new_offer(secretariat, kind="institutions", articles=[])
    assert [m.need.party_id for m in matching.needs_for(general, needs)] == ["MEX"]  # by its kind alone
    expired = new_offer(secretariat, until=timezone.localdate())
    assert matching.needs_for(expired, needs, today=timezone.localdate() + timedelta(days=1)) == []
    offers.withdraw_offer(user=secretariat, offer=everywhere)
    assert matching.needs_for(everywhere, needs) == []
    by_need = matching.offers_by_need(
        list(AssistanceOffer.objects.prefetch_related("articles", "crime_types")), needs
    )
    italy = next(need for need in needs if need.party_id == "ITA")
    ranked = [m.offer for m in by_need[italy.pk]]
    assert offer_of("A donor State") in ranked and everywhere not in ranked and general not in ranked
    assert [m.score for m in by_need[italy.pk]] == sorted((m.score for m in by_need[italy.pk]), reverse=True)


def test_a_focal_point_offers_its_own_states_assistance_and_bad_offers_are_refused(demo):  # noqa: F811
    spain = person(Role.FOCAL_POINT, "ESP")
    offer = new_offer(
        spain, provider_kind="donor", provider="Someone else", party=Party.objects.get(pk="ESP")
    )
    assert (offer.provider_kind, offer.provider, offer.party_id) == ("state", "Spain", "ESP")
    assert AuditEntry.objects.filter(action="conference.offer.recorded", actor=spain).count() == 1
    with pytest.raises(offers.PermissionDenied):
        new_offer(person(Role.PRACTITIONER, "ESP"), party=Party.objects.get(pk="ESP"))
    with pytest.raises(offers.PermissionDenied):
        new_offer(spain, party=Party.objects.get(pk="FRA"))
    secretariat = person(Role.SECRETARIAT_ADMIN)
    before = AssistanceOffer.objects.count()
    with pytest.raises(RecordError) as refused:
        new_offer(
            secretariat,
            provider_kind="state",
            provider="",
            kind="gifts",
            description=" ",
            language="xx",
            regions=["MARS"],
            until=date(2020, 1, 1),
        )
    assert dict(refused.value.problems).keys() == {
        "party",
        "provider",
        "kind",
        "description",
        "language",
        "regions",
        "until",
    }
    assert AssistanceOffer.objects.count() == before
    with pytest.raises(offers.PermissionDenied):
        offers.withdraw_offer(user=person(Role.FOCAL_POINT, "ITA"), offer=offer)


def test_the_pages_show_offers_with_only_the_needs_a_reader_may_see(demo):  # noqa: F811
    spain_offer = offer_of("Spain")
    url = reverse("conference:offer", args=[spain_offer.pk])
    public = Client().get(url).content.decode()
    assert "Witness protection programme (demo)." not in public  # Mexico did not publish it
    assert "No need shown here matches this offer." in public and "demo data" in public
    office = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    page = office.get(url).content.decode()
    assert "Witness protection programme (demo)." in page and "Plan an activity with this offer" in page
    mexico = signed_in(Client(), person(Role.FOCAL_POINT, "MEX"))
    assert "Witness protection programme (demo)." in mexico.get(url).content.decode()
    assert "Plan an activity" not in mexico.get(url).content.decode()
    dashboard_page = Client().get(reverse("conference:assistance")).content.decode()
    assert 'id="offers"' in dashboard_page and "Offers that can meet it" in dashboard_page
    assert "UNODC Global Programme against Trafficking in Persons (demo)" in dashboard_page
    assert Client().get(reverse("conference:offer", args=[2**40])).status_code == 404


def test_an_offer_is_recorded_withdrawn_after_asking_and_carried_out_by_an_activity(demo):  # noqa: F811
    spain = signed_in(Client(), person(Role.FOCAL_POINT, "ESP"))
    refused = spain.post(reverse("conference:offer_new"), {"kind": "training", "language": "en"})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    response = spain.post(
        reverse("conference:offer_new"),
        {
            "kind": "training",
            "description": "Courses for judges (test).",
            "language": "en",
            "articles": [article("UNTOC", "24").pk],
            "regions": ["GRULAC"],
        },
    )
    offer = AssistanceOffer.objects.get(description="Courses for judges (test).")
    assert response.status_code == 302 and (offer.party_id, offer.regions) == ("ESP", ["GRULAC"])
    assert (
        signed_in(Client(), person(Role.PRACTITIONER)).get(reverse("conference:offer_new")).status_code == 404
    )
    withdraw = reverse("conference:offer_withdraw", args=[offer.pk])
    assert signed_in(Client(), person(Role.FOCAL_POINT, "ITA")).post(withdraw).status_code == 404
    asks = spain.post(withdraw)
    assert asks.status_code == 200 and "Nothing has been done yet." in asks.content.decode()
    offer.refresh_from_db()
    assert not offer.withdrawn
    assert spain.post(withdraw, {"confirm": "yes"}).status_code == 302
    offer.refresh_from_db()
    assert offer.withdrawn and not matching.is_open(offer)
    office = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    trafficking = offer_of("UNODC Global Programme against Trafficking")
    nigeria = AssistanceNeed.objects.get(party_id="NGA", articles__instrument_id="TIP")
    form = office.get(
        reverse("conference:activity_new") + f"?offer={trafficking.pk}&need={nigeria.pk}"
    ).content.decode()
    assert 'value="UNODC Global Programme against Trafficking in Persons (demo)"' in form
    assert f'<option value="{nigeria.pk}" selected>' in form and '<option value="NGA" selected>' in form
    assert office.get(reverse("conference:activity_new") + "?offer=99999999999&need=x").status_code == 200
    office.post(
        reverse("conference:activity_new"),
        {
            "title_en": "Judicial training on victims (test)",
            "provider": trafficking.provider,
            "status": "completed",
            "beneficiaries": ["NGA"],
            "needs": [nigeria.pk],
            "offer": trafficking.pk,
        },
    )
    activity = AssistanceActivity.objects.get(titles__en="Judicial training on victims (test)")
    assert activity.offer == trafficking
    assert dashboard.visible_needs(person(Role.SECRETARIAT_ADMIN)).get(pk=nigeria.pk).met
    assert (
        "Judicial training on victims (test)"
        in Client().get(reverse("conference:offer", args=[trafficking.pk])).content.decode()
    )


def test_the_api_lists_offers_and_their_matches_for_each_caller_and_records_one(demo):  # noqa: F811
    listed = Client().get("/api/v1/conference/assistance/offers/").json()["results"]
    assert len(listed) == 4 and all(offer["open"] for offer in listed)
    spain_offer = offer_of("Spain")
    detail = f"/api/v1/conference/assistance/offers/{spain_offer.pk}/"
    assert Client().get(detail).json()["matching_needs"] == []
    mexico = signed_in(Client(), person(Role.FOCAL_POINT, "MEX"))
    assert [m["state"] for m in mexico.get(detail).json()["matching_needs"]] == ["MEX"]
    created = mexico.post(
        "/api/v1/conference/assistance/offers/",
        {"kind": "cooperation", "description": "Liaison magistrates (test).", "language": "es"},
        content_type="application/json",
    )
    assert created.status_code == 201 and (created.json()["state"], created.json()["provider_kind"]) == (
        "MEX",
        "state",
    )
    bad = mexico.post(
        "/api/v1/conference/assistance/offers/",
        {"kind": "cooperation", "description": "x", "language": "es", "articles": ["UNTOC 999"]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "articles" in bad.json()["errors"]
    anonymous = Client().post(
        "/api/v1/conference/assistance/offers/",
        {"kind": "cooperation", "description": "x", "language": "es"},
        content_type="application/json",
    )
    assert anonymous.status_code == 403
    outsider = signed_in(Client(), person(Role.PRACTITIONER)).post(
        "/api/v1/conference/assistance/offers/",
        {"kind": "cooperation", "description": "x", "language": "es"},
        content_type="application/json",
    )
    assert outsider.status_code == 403
