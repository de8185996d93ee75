"""Investigations: who sees them (members while their authority owns it or has an active share), who
manages members and shares (the lead), and that everyone else gets a 404 — the secretariat included."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.networks.domain import investigations as domain
from palermo.networks.models import Investigation, MemberRole, Membership
from palermo.networks.queries import investigations_visible_to
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS

pytestmark = pytest.mark.django_db

PAGES = ("networks:investigation", "networks:members")
LEAD_PAGES = ("networks:investigation_edit",)


def test_members_see_the_investigation_and_outsiders_do_not(inquiry):
    investigation = inquiry.investigation
    for name in ("lead", "analyst", "viewer", "partner analyst"):
        assert list(investigations_visible_to(inquiry[name])) == [investigation], name
    for name in OUTSIDERS:
        assert not investigations_visible_to(inquiry[name]).exists(), name


@pytest.mark.parametrize("name", OUTSIDERS)
def test_every_page_of_an_investigation_is_404_for_an_outsider(inquiry, name):
    client = signed_in(Client(), inquiry[name])
    pk = inquiry.investigation.pk
    membership = Membership.objects.filter(investigation=inquiry.investigation).first()
    share = inquiry.investigation.shares.first()
    for page in PAGES + LEAD_PAGES:
        assert client.get(reverse(page, args=[pk])).status_code == 404, page
    posts = [
        reverse("networks:member_add", args=[pk]),
        reverse("networks:member_role", args=[pk, membership.pk]),
        reverse("networks:member_remove", args=[pk, membership.pk]),
        reverse("networks:share_add", args=[pk]),
        reverse("networks:share_revoke", args=[pk, share.pk]),
    ]
    for url in posts:
        assert client.post(url, {"confirm": "yes", "role": "lead"}).status_code == 404, url
    assert Membership.objects.filter(pk=membership.pk, role=membership.role).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(inquiry):
    response = Client().get(reverse("networks:investigation", args=[inquiry.investigation.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_shows_a_member_their_investigations_and_is_404_for_the_secretariat(inquiry):
    page = signed_in(Client(), inquiry["partner analyst"]).get(reverse("networks:investigations"))
    assert page.status_code == 200
    assert "Operation Lupa" in page.content.decode()
    assert (
        signed_in(Client(), inquiry["secretariat"]).get(reverse("networks:investigations")).status_code == 404
    )
    other = signed_in(Client(), inquiry["ministry"]).get(reverse("networks:investigations"))
    assert other.status_code == 200 and "Operation Lupa" not in other.content.decode()


def test_a_practitioner_opens_an_investigation_and_becomes_its_lead(world):
    client = signed_in(Client(), world["ministry"])
    response = client.post(
        reverse("networks:investigation_new"),
        {"title": "Operation Scirocco", "reference": "MG-7", "summary": "", "hit_notices": "on"},
    )
    investigation = Investigation.objects.get(title="Operation Scirocco")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/investigations/{investigation.pk}/"
    )
    assert investigation.authority == world.authorities["ministry"]
    assert list(investigation.memberships.values_list("user", "role")) == [(world["ministry"].pk, "lead")]
    entry = AuditEntry.objects.get(action="networks.investigation.created")
    assert entry.object_repr == f"#{investigation.pk}"  # never the title in the secretariat's log


def test_viewers_and_analysts_cannot_manage_members(inquiry):
    pk = inquiry.investigation.pk
    for name in ("viewer", "analyst", "partner analyst"):
        client = signed_in(Client(), inquiry[name])
        assert client.get(reverse("networks:members", args=[pk])).status_code == 200
        assert client.get(reverse("networks:investigation_edit", args=[pk])).status_code == 404
        assert client.post(reverse("networks:share_add", args=[pk]), {}).status_code == 404


def test_the_lead_adds_only_users_of_the_owner_or_a_sharing_authority(inquiry, world):
    investigation, lead = inquiry.investigation, inquiry["lead"]
    eligible = set(domain.eligible_users(investigation))
    assert world["brazilian focal point"] in eligible
    assert world["italian focal point"] not in eligible  # the ministry's share was revoked
    assert world["secretariat"] not in eligible and world["observer of the office"] not in eligible
    with pytest.raises(domain.InvestigationError):
        domain.add_member(investigation=investigation, user=lead, member=world["ministry"], role="viewer")
    client = signed_in(Client(), lead)
    response = client.post(
        reverse("networks:member_add", args=[investigation.pk]),
        {"member": world["italian expert elsewhere"].pk, "role": "viewer"},
    )
    assert response.status_code == 400
    assert not investigation.memberships.filter(user=world["italian expert elsewhere"]).exists()


def test_revoking_a_share_takes_access_away_at_once_and_sharing_again_restores_it(inquiry, world):
    investigation, lead = inquiry.investigation, inquiry["lead"]
    partner = inquiry["partner analyst"]
    share = investigation.shares.get(authority=world.authorities["brazil"], revoked_at__isnull=True)
    client = signed_in(Client(), lead)
    url = reverse("networks:share_revoke", args=[investigation.pk, share.pk])
    assert "Nothing has been done yet." in client.post(url).content.decode()  # asks first
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    partner_client = signed_in(Client(), partner)
    assert partner_client.get(reverse("networks:investigation", args=[investigation.pk])).status_code == 404
    domain.share_investigation(investigation=investigation, user=lead, authority=world.authorities["brazil"])
    assert partner_client.get(reverse("networks:investigation", args=[investigation.pk])).status_code == 200
    actions = list(
        AuditEntry.objects.filter(object_id=str(investigation.pk)).values_list("action", flat=True)
    )
    assert actions.count("networks.investigation.share_revoked") == 2  # the fixture's and this one


def test_an_investigation_keeps_one_lead(inquiry):
    lead_membership = inquiry.investigation.memberships.get(role=MemberRole.LEAD)
    with pytest.raises(domain.InvestigationError):
        domain.change_role(membership=lead_membership, user=inquiry["lead"], role="viewer")
    with pytest.raises(domain.InvestigationError):
        domain.remove_member(membership=lead_membership, user=inquiry["lead"])


def test_the_lead_changes_a_role_and_removes_a_member(inquiry):
    investigation = inquiry.investigation
    viewer = investigation.memberships.get(user=inquiry["viewer"])
    client = signed_in(Client(), inquiry["lead"])
    client.post(reverse("networks:member_role", args=[investigation.pk, viewer.pk]), {"role": "analyst"})
    viewer.refresh_from_db()
    assert viewer.role == "analyst"
    remove = reverse("networks:member_remove", args=[investigation.pk, viewer.pk])
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not investigation.memberships.filter(pk=viewer.pk).exists()
    assert (
        signed_in(Client(), inquiry["viewer"])
        .get(reverse("networks:investigation", args=[investigation.pk]))
        .status_code
        == 404
    )
