# ruff: noqa: RUF001, RUF002 (names in Cyrillic on purpose)
"""Hit/no-hit across investigations: the searching side learns only that there is a hit and whom to
contact; the other side's lead is told the same in the app and by e-mail; neither ever sees the other's
entity or investigation. Investigations that opt out are neither searched nor searchable."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from palermo.networks.domain import investigations as domain
from palermo.networks.domain.resolution import judge
from palermo.networks.models import Candidate, Entity, Hit, Verdict
from tests.cooperation.conftest import verified
from tests.factories import signed_in
from tests.networks.resolution_world import person, ready_source, search

pytestmark = pytest.mark.django_db

# What Brazil's investigation holds, which Italy's side must never see.
THEIR_SECRETS = ("Ivanovich", "Operação Condor", "br-secret-1", "Rua das Flores")
# What Italy's investigation holds, which Brazil's side must never see.
OUR_SECRETS = ("ЗАХАРОВ", "Operation Lupa", "it-secret-1")


@pytest.fixture
def two_sides(inquiry, world):
    """Italy's 'Operation Lupa' holds ЗАХАРОВ Александр; Brazil's own investigation, which nobody in
    Italy may see, holds Zakharov Aleksandr Ivanovich and has searched already (its keys are known)."""
    italy, analyst = inquiry.investigation, inquiry["analyst"]
    person(italy, analyst, ready_source(italy, analyst), "it-secret-1", "ЗАХАРОВ Александр", line=1)
    brazil_lead = verified(world["brazilian focal point"])
    brazil = domain.create_investigation(user=brazil_lead, title="Operação Condor")
    source = ready_source(brazil, brazil_lead, "rio.ftm.json")
    person(
        brazil,
        brazil_lead,
        source,
        "br-secret-1",
        "Zakharov Aleksandr Ivanovich",
        line=1,
        address="Rua das Flores 12",
    )
    search(brazil, brazil_lead)
    mail.outbox.clear()
    inquiry.brazil, inquiry.brazil_lead = brazil, brazil_lead
    return inquiry


def text_of(response) -> str:
    return response.content.decode()


def test_a_hit_tells_the_searching_side_only_whom_to_contact(two_sides):
    italy = two_sides.investigation
    run = search(italy, two_sides["analyst"])
    assert run.hit_count == 1
    hit = Hit.objects.get()
    assert (hit.investigation, hit.canonical_id, hit.other_investigation) == (
        italy,
        "it-secret-1",
        two_sides.brazil,
    )
    client = signed_in(Client(), two_sides["viewer"])
    page = text_of(client.get(reverse("networks:hits", args=[italy.pk])))
    api = text_of(client.get(f"/api/v1/networks/investigations/{italy.pk}/hits/"))
    assert "There is a hit for" in page and "ЗАХАРОВ Александр" in page
    brazil_authority = two_sides.brazil.authority
    assert (
        brazil_authority.name in page and reverse("cooperation:authority", args=[brazil_authority.pk]) in page
    )
    for secret in THEIR_SECRETS:
        assert secret not in page and secret not in api, secret
    candidates = text_of(client.get(reverse("networks:candidates", args=[italy.pk])))
    assert not any(secret in candidates for secret in THEIR_SECRETS)


def test_the_other_sides_lead_is_told_without_any_content(two_sides):
    italy, brazil = two_sides.investigation, two_sides.brazil
    search(italy, two_sides["analyst"])
    assert [message.to for message in mail.outbox] == [[two_sides.brazil_lead.email]]
    message = mail.outbox[0]
    written = message.subject + message.body
    assert f"investigation #{brazil.pk}" in written
    assert str(italy.authority) in written  # its English name, as the hits page names it first
    for secret in OUR_SECRETS + THEIR_SECRETS:
        assert secret not in written, secret
    page = text_of(signed_in(Client(), two_sides.brazil_lead).get(reverse("networks:hits", args=[brazil.pk])))
    assert "Zakharov Aleksandr Ivanovich" in page and italy.authority.name in page
    for secret in OUR_SECRETS:
        assert secret not in page, secret


def test_a_second_search_tells_nobody_again(two_sides):
    search(two_sides.investigation, two_sides["analyst"])
    search(two_sides.investigation, two_sides["analyst"])
    assert len(mail.outbox) == 1 and Hit.objects.count() == 1


def test_an_investigation_that_opts_out_is_not_searched(two_sides):
    italy = two_sides.investigation
    italy.hit_notices = False
    italy.save(update_fields=["hit_notices"])
    run = search(italy, two_sides["analyst"])
    assert (run.hit_count, Hit.objects.count(), len(mail.outbox)) == (0, 0, 0)


def test_an_investigation_that_opts_out_is_not_searchable(two_sides):
    brazil = two_sides.brazil
    brazil.hit_notices = False
    brazil.save(update_fields=["hit_notices"])
    run = search(two_sides.investigation, two_sides["analyst"])
    assert (run.hit_count, Hit.objects.count(), len(mail.outbox)) == (0, 0, 0)


def test_opting_out_later_hides_the_hits_on_both_sides(two_sides):
    italy, brazil = two_sides.investigation, two_sides.brazil
    search(italy, two_sides["analyst"])
    brazil.hit_notices = False
    brazil.save(update_fields=["hit_notices"])
    page = text_of(signed_in(Client(), two_sides["analyst"]).get(reverse("networks:hits", args=[italy.pk])))
    assert "There is a hit for" not in page
    theirs = text_of(
        signed_in(Client(), two_sides.brazil_lead).get(reverse("networks:hits", args=[brazil.pk]))
    )
    assert "There is a hit for" not in theirs


def test_no_hit_with_an_investigation_the_searcher_may_see(two_sides, world):
    """A member of both needs no notice: the search leaves the investigations they see alone."""
    brazil = two_sides.brazil
    domain.share_investigation(
        investigation=brazil, user=two_sides.brazil_lead, authority=two_sides.investigation.authority
    )
    domain.add_member(
        investigation=brazil, user=two_sides.brazil_lead, member=two_sides["analyst"], role="viewer"
    )
    run = search(two_sides.investigation, two_sides["analyst"])
    assert run.hit_count == 0 and len(mail.outbox) == 0


def test_merging_two_entities_with_a_hit_on_the_same_entity_keeps_one_hit(two_sides):
    """Found in the walk-through: judging the same two records that each had a hit on one entity of
    another investigation failed on the uniqueness of hits (a server error)."""
    italy, analyst = two_sides.investigation, two_sides["analyst"]
    person(
        italy,
        analyst,
        ready_source(italy, analyst, "second.ftm.json"),
        "it-secret-2",
        "Zakharov Aleksandr",
        line=1,
    )
    search(italy, analyst)
    assert Hit.objects.filter(investigation=italy).count() == 2
    candidate = Candidate.objects.get(investigation=italy, left_id="it-secret-1", right_id="it-secret-2")
    judge(candidate=candidate, verdict=Verdict.POSITIVE, user=analyst)
    hit = Hit.objects.get(investigation=italy)
    merged = Entity.objects.get(investigation=italy, entity_id="it-secret-1").canonical_id
    assert hit.canonical_id == merged and hit.other_investigation == two_sides.brazil


def test_the_entity_search_finds_a_name_across_scripts_once_searched(two_sides):
    """Found in the walk-through: "Zakharov" found only the Latin spellings, "захаров" nothing."""
    italy, analyst = two_sides.investigation, two_sides["analyst"]
    client = signed_in(Client(), analyst)
    url = reverse("networks:entities", args=[italy.pk])
    assert "ЗАХАРОВ Александр" not in text_of(client.get(url, {"q": "Zakharov"}))  # no keys yet
    search(italy, analyst)
    for query in ("Zakharov", "захаров", "aleksandr zakharov"):
        assert "ЗАХАРОВ Александр" in text_of(client.get(url, {"q": query})), query
    assert "ЗАХАРОВ Александр" not in text_of(client.get(url, {"q": "Ivanov"}))
