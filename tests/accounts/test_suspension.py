"""A suspended person stays out: no old activation link, no live session, no second factor brings them
back; only the secretariat's reactivation does, audited each time."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.domain import InvitationError, activate_account, invite_user, set_active
from palermo.accounts.mail import wait_for_mail
from palermo.accounts.models import Organisation, Role, User
from palermo.core.models import AuditEntry
from palermo.register.models import Party
from tests.factories import PASSWORD, UserFactory, signed_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def secretariat():
    return UserFactory(role=Role.SECRETARIAT_ADMIN)


@pytest.fixture
def invited(secretariat, django_capture_on_commit_callbacks):
    authority = Organisation.objects.create(
        name="Italy, MoJ", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )
    with django_capture_on_commit_callbacks(execute=True):
        person, _url = invite_user(
            actor=secretariat,
            email="expert@example.org",
            first_name="Luca",
            last_name="Bianchi",
            organisation=authority,
            role=Role.GOVERNMENTAL_EXPERT,
            nomination_reference="NV/1",
        )
    return person


def link_path() -> str:
    return re.search(r"/\w\w/accounts/activate/\S+/", mail.outbox[-1].body).group(0)


def test_the_old_invitation_link_of_a_suspended_person_is_refused(secretariat, invited):
    path = link_path()
    set_active(actor=secretariat, user=invited, active=False)
    page = Client().get(path)
    assert page.status_code == 410 and "suspended" in page.content.decode()
    response = Client().post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    invited.refresh_from_db()
    assert not invited.is_active and not invited.has_usable_password()
    assert AuditEntry.objects.filter(action="accounts.user.activation_refused").count() == 2
    suspended = AuditEntry.objects.get(action="accounts.user.suspended")
    assert suspended.data == {"invitations_revoked": 1, "sessions_ended": 0}


def test_activation_refuses_a_suspended_account_even_with_a_live_token(secretariat, invited):
    token = link_path().rstrip("/").rsplit("/", 1)[1]
    User.objects.filter(pk=invited.pk).update(suspended_at="2026-01-01T00:00:00Z")
    with pytest.raises(InvitationError):
        activate_account(token=token, password=NEW_PASSWORD)


def test_suspension_ends_every_session_of_the_person(secretariat):
    person = UserFactory(role=Role.GOVERNMENTAL_EXPERT)
    on_laptop = signed_in(Client(), person)
    TOTPDevice.objects.filter(user=person).update(last_t=-1)  # a code works once: the next one
    on_phone = signed_in(Client(), person)
    bystander = signed_in(Client(), UserFactory(role=Role.OBSERVER))
    set_active(actor=secretariat, user=person, active=False)
    for client in (on_laptop, on_phone):
        assert client.get(reverse("accounts:profile")).status_code == 302
    assert bystander.get(reverse("accounts:profile")).status_code == 200
    assert AuditEntry.objects.get(action="accounts.user.suspended").data["sessions_ended"] == 2


def test_a_suspended_person_cannot_sign_in_nor_get_a_new_password(secretariat):
    person = UserFactory(role=Role.PUBLIC)
    set_active(actor=secretariat, user=person, active=False)
    response = Client().post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 200
    Client().post(reverse("accounts:password_reset"), {"email": person.email})
    wait_for_mail()
    assert mail.outbox == []


def test_no_new_link_for_a_suspended_person_until_reactivated(secretariat, invited):
    set_active(actor=secretariat, user=invited, active=False)
    with pytest.raises(InvitationError):
        from palermo.accounts.domain import resend_invitation

        resend_invitation(actor=secretariat, user=invited)


def test_only_reactivation_brings_the_person_back(secretariat, invited, django_capture_on_commit_callbacks):
    client = signed_in(Client(), secretariat)
    suspend = reverse("accounts:user_action", args=[invited.pk, "suspend"])
    reactivate = reverse("accounts:user_action", args=[invited.pk, "reactivate"])
    client.post(suspend, {"confirm": "yes"})
    invited.refresh_from_db()
    assert invited.is_suspended
    assert "suspended on" in client.get(reverse("accounts:user", args=[invited.pk])).content.decode()
    client.post(reactivate)
    invited.refresh_from_db()
    # Never activated: reactivation lifts the suspension; a new link lets the person in.
    assert not invited.is_suspended and not invited.is_active
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:user_action", args=[invited.pk, "resend-invitation"]))
    response = Client().post(link_path(), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.is_active
    actions = list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(invited.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "accounts.user.invited",
        "accounts.user.suspended",
        "accounts.user.reactivated",
        "accounts.user.invitation_resent",
        "accounts.user.activated",
    ]


def test_an_activated_person_is_active_again_after_reactivation(secretariat):
    person = UserFactory(role=Role.OBSERVER)
    set_active(actor=secretariat, user=person, active=False)
    set_active(actor=secretariat, user=person, active=True)
    person.refresh_from_db()
    assert person.is_active and not person.is_suspended
    assert signed_in(Client(), person).get(reverse("accounts:profile")).status_code == 200
