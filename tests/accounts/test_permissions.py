"""Outsiders see nothing: every secretariat page is a 404 for every other role, and for an unverified session."""

import pytest
from django.urls import reverse

from palermo.accounts.models import Role
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db
SECRETARIAT_PAGES = ["accounts:users", "accounts:audit_log", "accounts:organisation_add"]


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SECRETARIAT_ADMIN])
@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_other_roles_get_404(client, role, page):
    signed_in(client, UserFactory(role=role))
    assert client.get(reverse(page)).status_code == 404


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_user_pages_of_others_are_404(client):
    other = UserFactory()
    signed_in(client, UserFactory(role=Role.FOCAL_POINT))
    for url in (
        reverse("accounts:user", args=[other.pk]),
        reverse("accounts:change_role", args=[other.pk]),
        *(reverse("accounts:user_action", args=[other.pk, action]) for action in ("approve", "suspend")),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_an_unapproved_secretariat_user_has_no_power(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN, approved_at=None))
    assert client.get(reverse("accounts:audit_log")).status_code == 404


def test_secretariat_without_second_factor_is_sent_to_enrol(client):
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, user, verified=False)
    assert client.get(reverse("accounts:audit_log")).url == reverse("accounts:two_factor_setup")


def test_secretariat_sees_users_and_audit_log(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    assert client.get(reverse("accounts:users")).status_code == 200
    content = client.get(reverse("accounts:audit_log")).content.decode()
    assert "auth.login" in content


def test_the_user_directory_query_knows_the_user():
    from django.contrib.auth.models import AnonymousUser

    from palermo.accounts.models import User

    person = UserFactory()
    UserFactory()
    assert list(User.objects.visible_to(AnonymousUser())) == []
    assert list(User.objects.visible_to(person)) == [person]
