"""Saved searches: a signed-in user saves the search on screen, runs it again, follows its feed and deletes
it, in the browser's pages and through the API; nobody else sees or deletes it; every write is audited."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.models import AuditEntry
from palermo.knowledge.models import SavedSearch
from tests.factories import UserFactory, published_case, signed_in

pytestmark = pytest.mark.django_db

SAVED = reverse("knowledge:saved_searches")
API = "/api/v1/saved-searches/"


@pytest.fixture
def owner_client():
    return signed_in(Client(), UserFactory(role=Role.PRACTITIONER))


@pytest.fixture
def other_client():
    return signed_in(Client(), UserFactory(role=Role.PUBLIC))


def test_a_search_is_saved_from_its_page_and_listed_with_its_feed(owner_client):
    published_case("Boat case", "Migrants were smuggled by sea to the coast.", jurisdiction="SEN")
    page = owner_client.get(reverse("knowledge:search"), {"q": "smuggled", "group": "AFRICAN", "page": "1"})
    assert f"{SAVED}?query=q%3Dsmuggled%26group%3DAFRICAN%26page%3D1".encode() in page.content

    form = owner_client.get(SAVED, {"query": "q=smuggled&group=AFRICAN&page=1"})
    assert b'value="smuggled"' in form.content  # the name is offered: the words searched
    assert "African Group" in form.content.decode()

    response = owner_client.post(
        SAVED, {"name": "Boats  in Africa ", "query": "q=smuggled&group=AFRICAN&page=1"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert (saved.name, saved.query) == ("Boats in Africa", "q=smuggled&group=AFRICAN")
    listing = owner_client.get(SAVED).content.decode()
    assert "Boats in Africa" in listing and "/knowledge/feed/?q=smuggled&amp;group=AFRICAN" in listing
    feed = owner_client.get(reverse("knowledge:feed") + "?" + saved.query)
    assert b"Boat case" in feed.content
    entry = AuditEntry.objects.get(action="knowledge.search.saved")
    assert entry.data == {"name": "Boats in Africa", "query": "q=smuggled&group=AFRICAN"}


@pytest.mark.parametrize(
    ("name", "query", "problem"),
    [
        ("  ", "q=boats", "Give the search a name."),
        ("x" * 201, "q=boats", "The name is too long: at most 200 characters."),
        ("Years", "q=boats&year_from=nineteen", "year_from: Enter a whole number."),
        ("Kinds", "kind=novel", "kind: Select a valid choice. novel is not one of the available choices."),
    ],
)
def test_a_bad_name_or_search_is_explained_and_nothing_is_saved(owner_client, name, query, problem):
    response = owner_client.post(SAVED, {"name": name, "query": query})
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert f'value="{query.replace("&", "&amp;")}"' in response.content.decode()  # the form keeps the search
    assert not SavedSearch.objects.exists()
    assert not AuditEntry.objects.filter(action="knowledge.search.saved").exists()


def test_a_name_is_used_once_per_user(owner_client, other_client):
    owner_client.post(SAVED, {"name": "Boats", "query": "q=boats"})
    again = owner_client.post(SAVED, {"name": "Boats", "query": "q=ships"})
    assert "You already have a saved search named “Boats”." in again.content.decode()
    assert other_client.post(SAVED, {"name": "Boats", "query": "q=boats"}).status_code == 302
    assert SavedSearch.objects.count() == 2


def test_nobody_else_sees_or_deletes_a_saved_search(owner_client, other_client):
    owner_client.post(SAVED, {"name": "Private interest", "query": "q=confidential"})
    saved = SavedSearch.objects.get()
    assert "Private interest" not in other_client.get(SAVED).content.decode()
    delete = reverse("knowledge:saved_search_delete", args=[saved.pk])
    assert other_client.post(delete).status_code == 404
    assert other_client.get(f"{API}{saved.pk}/").status_code == 404
    assert other_client.delete(f"{API}{saved.pk}/").status_code == 404
    assert other_client.get(API).json() == []
    anonymous = Client()
    assert anonymous.get(SAVED).status_code == 302  # to the sign-in page
    assert anonymous.post(delete).status_code == 302
    assert anonymous.get(API).status_code == 403
    assert anonymous.post(API, {"name": "x", "query": ""}).status_code == 403
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_a_half_signed_in_user_cannot_save(db):
    client = signed_in(Client(), UserFactory(role=Role.GOVERNMENTAL_EXPERT), verified=False)
    response = client.post(SAVED, {"name": "x", "query": ""})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_factor_setup")
    assert not SavedSearch.objects.exists()


def test_the_owner_deletes_a_saved_search(owner_client):
    owner_client.post(SAVED, {"name": "Old", "query": "q=old"})
    saved = SavedSearch.objects.get()
    assert owner_client.get(reverse("knowledge:saved_search_delete", args=[saved.pk])).status_code == 405
    response = owner_client.post(
        reverse("knowledge:saved_search_delete", args=[saved.pk]), {"confirm": "yes"}, follow=True
    )
    assert "The search “Old” is deleted." in response.content.decode()
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.get(action="knowledge.search.deleted").data == {"name": "Old", "query": "q=old"}


def test_saved_searches_through_the_api(owner_client):
    published_case("Boat case", "Migrants were smuggled by sea to the coast.", jurisdiction="SEN")
    created = owner_client.post(
        API, {"name": "Sea", "query": "q=smuggled&page=3"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["name"], body["query"]) == ("Sea", "q=smuggled")
    assert body["search"].endswith("/api/v1/search/?q=smuggled")
    assert owner_client.get(body["search"]).json()["total"] == 1
    assert [s["name"] for s in owner_client.get(API).json()] == ["Sea"]

    refused = owner_client.post(API, {"name": "Sea", "query": ""}, content_type="application/json")
    assert refused.status_code == 400 and "already" in refused.json()["detail"]
    invalid = owner_client.post(API, {"name": "Bad", "query": "year_to=x"}, content_type="application/json")
    assert invalid.status_code == 400 and invalid.json()["detail"] == "year_to: Enter a whole number."

    assert owner_client.delete(f"{API}{body['id']}/").status_code == 204
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="knowledge.search.").count() == 2


def test_the_api_checks_csrf_for_a_session(db):
    client = Client(enforce_csrf_checks=True)
    client.cookies = signed_in(Client(), UserFactory(role=Role.PRACTITIONER)).cookies
    assert client.get(API).status_code == 200  # signed in: only the write lacks its token
    assert client.post(API, {"name": "x", "query": ""}, content_type="application/json").status_code == 403
    assert not SavedSearch.objects.exists()
