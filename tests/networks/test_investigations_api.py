"""Investigations through the API: the same rules as the pages, 404 for every outsider."""

import pytest
from django.test import Client

from palermo.networks.models import Investigation
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS

pytestmark = pytest.mark.django_db
API = "/api/v1/networks/investigations/"


def test_a_member_lists_and_reads_the_investigation(inquiry):
    client = signed_in(Client(), inquiry["partner analyst"])
    listed = client.get(API).json()
    assert [row["title"] for row in listed] == ["Operation Lupa"]
    detail = client.get(f"{API}{inquiry.investigation.pk}/").json()
    assert detail["reference"] == "RG 123/26" and detail["state"] == "ITA"
    members = client.get(f"{API}{inquiry.investigation.pk}/members/").json()
    assert sorted(row["role"] for row in members) == ["analyst", "analyst", "lead", "viewer", "viewer"]


@pytest.mark.parametrize("name", OUTSIDERS)
def test_every_call_is_404_for_an_outsider(inquiry, name):
    client = signed_in(Client(), inquiry[name])
    base = f"{API}{inquiry.investigation.pk}/"
    membership = inquiry.investigation.memberships.first()
    share = inquiry.investigation.shares.first()
    for url in (base, f"{base}members/", f"{base}shares/"):
        assert client.get(url).status_code == 404, url
    assert client.put(base, {"title": "x"}, content_type="application/json").status_code == 404
    assert (
        client.post(
            f"{base}members/", {"user": 1, "role": "lead"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.patch(
            f"{base}members/{membership.pk}/", {"role": "viewer"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.delete(f"{base}members/{membership.pk}/").status_code == 404
    assert client.post(f"{base}shares/", {"authority": 1}, content_type="application/json").status_code == 404
    assert client.post(f"{base}shares/{share.pk}/revoke/").status_code == 404


def test_the_lead_manages_members_and_shares_through_the_api(inquiry, world):
    client = signed_in(Client(), inquiry["lead"])
    base = f"{API}{inquiry.investigation.pk}/"
    focal = world["brazilian focal point"]
    added = client.post(
        f"{base}members/", {"user": focal.pk, "role": "viewer"}, content_type="application/json"
    )
    assert added.status_code == 201 and added.json()["role"] == "viewer"
    again = client.post(
        f"{base}members/", {"user": focal.pk, "role": "viewer"}, content_type="application/json"
    )
    assert again.status_code == 400 and "not members yet" in again.json()["detail"]
    lead_membership = inquiry.investigation.memberships.get(user=inquiry["lead"])
    refused = client.delete(f"{base}members/{lead_membership.pk}/")
    assert (
        refused.status_code == 400 and refused.json()["detail"] == "An investigation keeps at least one lead."
    )
    france = world.authorities["france"]  # does not use Palermo
    assert (
        client.post(f"{base}shares/", {"authority": france.pk}, content_type="application/json").status_code
        == 400
    )


def test_an_analyst_cannot_manage_and_a_practitioner_opens_one(inquiry, world):
    client = signed_in(Client(), inquiry["analyst"])
    base = f"{API}{inquiry.investigation.pk}/"
    assert client.put(base, {"title": "Renamed"}, content_type="application/json").status_code == 404
    opened = signed_in(Client(), world["ministry"]).post(
        API, {"title": "Operation Maestrale"}, content_type="application/json"
    )
    assert opened.status_code == 201
    assert Investigation.objects.get(pk=opened.json()["id"]).authority == world.authorities["ministry"]
    assert (
        signed_in(Client(), world["secretariat"])
        .post(API, {"title": "x"}, content_type="application/json")
        .status_code
        == 404
    )
