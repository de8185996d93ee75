# ruff: noqa: RUF001, RUF002 (names in Cyrillic on purpose)
"""What the walk-through found on the networks pages: a merged entity's judgements are named by its
caption, not its "pal-…" id; a hit names the authority to contact in the reader's language; the home
page's cooperation part leads investigators to their investigations; the lead's forms of the members page
still answer a problem with the page and its two forms."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from palermo.networks.domain import investigations as domain
from palermo.networks.models import Candidate, Entity, Verdict
from tests.cooperation.conftest import verified
from tests.factories import UserFactory, signed_in
from tests.networks.resolution_world import judging, person, ready_source, search

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def merged(inquiry):
    """Two records of Zakharov judged the same: one entity with a "pal-…" canonical id."""
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "italy.ftm.json")
    person(investigation, analyst, source, "it-1", "Aleksandr Zakharov", line=1, birthDate="1971-03-02")
    person(investigation, analyst, source, "it-2", "Zakharov, A.", line=2, birthDate="1971-03-02")
    search(investigation, analyst)
    pair = Candidate.objects.get(investigation=investigation, left_id="it-1", right_id="it-2")
    judging.judge(candidate=pair, verdict=Verdict.POSITIVE, user=analyst)
    inquiry.canonical_id = Entity.objects.get(investigation=investigation, entity_id="it-1").canonical_id
    assert inquiry.canonical_id.startswith("pal-")
    return inquiry


def test_the_judgements_of_a_merged_entity_name_it_by_its_caption(merged):
    investigation, canonical_id = merged.investigation, merged.canonical_id
    client = signed_in(Client(), merged["viewer"])
    page = text_of(
        client.get(reverse("networks:judgements", args=[investigation.pk]), {"entity": canonical_id})
    )
    entity_url = reverse("networks:entity", args=[investigation.pk, canonical_id])
    assert f'Judgements of the entity <a href="{entity_url}"><bdi>Aleksandr Zakharov</bdi></a>.' in page
    assert canonical_id not in page.replace(entity_url, "").replace(f"entity={canonical_id}", "")


def test_the_judgements_of_one_entity_ask_the_database_the_same_number_of_times_for_more_rows(merged):
    investigation, analyst = merged.investigation, merged["analyst"]
    client = signed_in(Client(), analyst)
    url = reverse("networks:judgements", args=[investigation.pk]) + f"?entity={merged.canonical_id}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            text_of(client.get(url))
        return len(captured)

    before = queries()
    source = ready_source(investigation, analyst, "more.ftm.json")
    person(investigation, analyst, source, "it-3", "Alexandr Zakharov", line=1, birthDate="1971-03-02")
    person(investigation, analyst, source, "it-4", "Zakharov Aleksandr", line=2, birthDate="1971-03-02")
    search(investigation, analyst)
    for pair in Candidate.objects.filter(investigation=investigation, judgement__isnull=True):
        judging.judge(candidate=pair, verdict=Verdict.NEGATIVE, user=analyst)
    assert queries() == before


@pytest.fixture
def hit_in_brazil(inquiry, world):
    """Italy's investigation holds ЗАХАРОВ Александр; Brazil's own investigation holds Zakharov and has
    searched already; Italy's search then finds a hit with Brazil's central authority."""
    italy, analyst = inquiry.investigation, inquiry["analyst"]
    person(italy, analyst, ready_source(italy, analyst), "it-1", "ЗАХАРОВ Александр", line=1)
    brazil_lead = verified(world["brazilian focal point"])
    brazil = domain.create_investigation(user=brazil_lead, title="Operação Condor")
    person(brazil, brazil_lead, ready_source(brazil, brazil_lead), "br-1", "Zakharov Aleksandr", line=1)
    search(brazil, brazil_lead)
    assert search(italy, analyst).hit_count == 1
    return inquiry


def test_a_hit_names_the_authority_to_contact_in_the_readers_language(hit_in_brazil, world):
    brazil = world.authorities["brazil"]
    client = signed_in(Client(), hit_in_brazil["viewer"])
    with translation.override("fr"):
        url = reverse("networks:hits", args=[hit_in_brazil.investigation.pk])
        authority_url = reverse("cooperation:authority", args=[brazil.pk])
    assert url.startswith("/fr/")
    page = text_of(client.get(url))
    named = re.search(rf'<a href="{authority_url}">([^<]*)</a> \(([^)]*)\)', page)
    assert named is not None
    assert named.groups() == ("Department of Asset Recovery and International Legal Cooperation", "Brésil")


def home_cooperation_part(client) -> str:
    page = text_of(client.get("/en/"))
    return re.search(r'<section class="part" aria-labelledby="part-cooperation">.*?</section>', page, re.S)[0]


def test_the_home_page_leads_an_investigator_to_the_investigations(inquiry):
    investigations = reverse("networks:investigations")
    assert f'href="{investigations}"' in home_cooperation_part(signed_in(Client(), inquiry["analyst"]))


def test_the_home_page_offers_investigations_only_to_who_may_open_them(inquiry):
    investigations = reverse("networks:investigations")
    for client in (
        Client(),
        signed_in(Client(), inquiry["observer of the office"]),
        signed_in(Client(), UserFactory()),
    ):
        assert investigations not in home_cooperation_part(client)


def test_sharing_with_no_authority_shows_the_page_again_with_the_problem(inquiry):
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["lead"])
    response = client.post(reverse("networks:share_add", args=[investigation.pk]), {"authority": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert 'action="{}"'.format(reverse("networks:member_add", args=[investigation.pk])) in page
    assert investigation.shares.filter(revoked_at__isnull=True).count() == 1


def test_the_lead_adds_a_member_and_shares_through_the_folded_forms(inquiry, world):
    investigation, lead = inquiry.investigation, inquiry["lead"]
    client = signed_in(Client(), lead)
    members_url = reverse("networks:members", args=[investigation.pk])
    shared = client.post(
        reverse("networks:share_add", args=[investigation.pk]),
        {"authority": world.authorities["ministry"].pk, "note": "JIT 2026/4"},
    )
    assert shared.status_code == 302 and shared["Location"] == members_url
    assert investigation.shares.get(
        authority=world.authorities["ministry"], revoked_at__isnull=True
    ).note == ("JIT 2026/4")
    added = client.post(
        reverse("networks:member_add", args=[investigation.pk]),
        {"member": world["ministry"].pk, "role": "viewer"},
    )
    assert added.status_code == 302 and added["Location"] == members_url
    assert investigation.memberships.get(user=world["ministry"]).role == "viewer"
