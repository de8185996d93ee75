import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Invitation, Organisation, Role, User
from palermo.core.models import AuditEntry
from palermo.register.models import Party
from tests.factories import PASSWORD, UserFactory, signed_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def secretariat_client(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN, username="sec@example.org"))
    return client


@pytest.fixture
def italy():
    return Organisation.objects.create(
        name="Italy, MoJ", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Register a person as the secretariat does; the email goes out when the transaction commits."""

    def post(client, organisation, **overrides):
        data = {
            "email": "Focal@Example.org",
            "first_name": "Giulia",
            "last_name": "Rossi",
            "organisation": organisation.pk,
            "role": Role.FOCAL_POINT,
            "nomination_reference": "NV/2026/17",
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:invite"), data)

    return post


def test_the_whole_onboarding(secretariat_client, italy, invite):
    response = invite(secretariat_client, italy)
    assert response.status_code == 200
    invited = User.objects.get(email="focal@example.org")
    assert (
        not invited.is_active
        and not invited.has_usable_password()
        and invited.nomination_reference == "NV/2026/17"
    )
    link = re.search(r"http://\S+/activate/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[1]

    from django.test import Client

    person = Client()
    assert person.get(path).status_code == 200
    response = person.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:two_factor_setup")
    # Until the second factor is set up, nothing else can be reached.
    assert person.get("/en/register/parties/").url == reverse("accounts:two_factor_setup")
    page = person.get(reverse("accounts:two_factor_setup")).content.decode()
    assert not TOTPDevice.objects.filter(user=invited).exists()  # shown, not stored
    secret = re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page).group(1)
    assert secret in person.get(reverse("accounts:two_factor_setup")).content.decode()  # same key on reload
    assert person.post(reverse("accounts:two_factor_setup"), {"code": "000000"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=invited).exists()
    code = f"{totp(b32decode(secret.replace(' ', ''))):06d}"
    response = person.post(reverse("accounts:two_factor_setup"), {"code": code})
    assert TOTPDevice.objects.get(user=invited).confirmed
    assert response.url == reverse("accounts:profile")
    assert person.get("/en/register/parties/").status_code == 200
    assert "waiting for the secretariat" in person.get(reverse("accounts:profile")).content.decode()

    response = secretariat_client.post(reverse("accounts:user_action", args=[invited.pk, "approve"]))
    invited.refresh_from_db()
    assert invited.is_approved and invited.approved_by.username == "sec@example.org"
    actions = list(
        AuditEntry.objects.filter(object_id=str(invited.pk), object_type="accounts.user")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "accounts.user.invited",
        "accounts.user.activated",
        "auth.two_factor.enrolled",
        "accounts.user.approved",
    ]
    # The link works once.
    assert person.get(path).status_code == 410


def test_an_expired_link_says_so(secretariat_client, italy, invite):
    invite(secretariat_client, italy)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    path = re.search(r"/\w\w/accounts/activate/\S+/", mail.outbox[0].body).group(0)
    from django.test import Client

    response = Client().get(path)
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_links_expire_after_the_configured_days(secretariat_client, italy, invite, settings):
    settings.INVITATION_VALID_DAYS = 3
    invite(secretariat_client, italy)
    invitation = Invitation.objects.get()
    assert abs(invitation.expires_at - invitation.created - timedelta(days=3)) < timedelta(seconds=5)


def test_state_roles_need_a_state_authority_and_a_note_verbale(secretariat_client, invite):
    other = Organisation.objects.create(name="NGO", kind=Organisation.Kind.OTHER)
    response = invite(secretariat_client, other, nomination_reference="")
    assert response.status_code == 200 and not User.objects.filter(email="focal@example.org").exists()
    content = response.content.decode()
    assert "belong to a State" in content and "note verbale" in content


def test_a_duplicate_email_is_refused(secretariat_client, italy, invite):
    UserFactory(email="focal@example.org", username="focal@example.org")
    response = invite(secretariat_client, italy)
    assert "already registered" in response.content.decode()


def test_a_weak_password_is_refused(secretariat_client, italy, invite):
    invite(secretariat_client, italy)
    path = re.search(r"/\w\w/accounts/activate/\S+/", mail.outbox[0].body).group(0)
    from django.test import Client

    response = Client().post(path, {"password1": "password", "password2": "password"})
    assert response.status_code == 200 and not User.objects.get(email="focal@example.org").is_active


def test_login_needs_the_totp_code(client):
    user = UserFactory(role=Role.FOCAL_POINT)
    signed_in(client, user)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_code_does_not_sign_in(client):
    user = UserFactory(role=Role.OBSERVER)
    from tests.factories import totp_device

    totp_device(user)
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    response = client.post(reverse("accounts:login_verify"), {"code": "123456"})
    assert response.status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert AuditEntry.objects.filter(action="auth.two_factor.failed").count() == 1


def test_logins_are_throttled_after_repeated_failures(client, settings):
    user = UserFactory()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200 and "Too many failed attempts" in response.content.decode()
    assert AuditEntry.objects.filter(action="auth.login.failed").count() == settings.LOGIN_FAILURE_LIMIT


def test_login_and_logout_are_audited(client):
    user = UserFactory()
    signed_in(client, user)
    client.post(reverse("accounts:logout"))
    assert list(AuditEntry.objects.filter(actor=user).order_by("id").values_list("action", flat=True)) == [
        "auth.login",
        "auth.logout",
    ]


def test_sensitive_actions_ask_for_the_password_again(client, italy):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    session = client.session
    session.pop("palermo_reauthenticated_at")
    session.save()
    response = client.get(reverse("accounts:invite"))
    assert response.url.startswith(reverse("accounts:confirm_password"))
    response = client.post(response.url, {"password": PASSWORD, "next": reverse("accounts:invite")})
    assert response.url == reverse("accounts:invite")
    assert client.get(reverse("accounts:invite")).status_code == 200


def test_role_change_is_audited(secretariat_client):
    person = UserFactory(role=Role.OBSERVER)
    secretariat_client.post(reverse("accounts:change_role", args=[person.pk]), {"role": Role.PRACTITIONER})
    person.refresh_from_db()
    assert person.role == Role.PRACTITIONER
    entry = AuditEntry.objects.get(action="accounts.permission.changed")
    assert entry.data == {"from": "observer", "to": "practitioner"}


def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    from django.contrib.auth.hashers import check_password, make_password

    from palermo import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hashed = make_password(NEW_PASSWORD)
    assert hashed.startswith("argon2$argon2id$") and check_password(NEW_PASSWORD, hashed)


def test_a_new_link_replaces_an_expired_one(
    secretariat_client, italy, invite, django_capture_on_commit_callbacks
):
    invite(secretariat_client, italy)
    invited = User.objects.get(email="focal@example.org")
    old_path = re.search(r"/\w\w/accounts/activate/\S+/", mail.outbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(reverse("accounts:user_action", args=[invited.pk, "resend-invitation"]))
    new_path = re.search(r"/\w\w/accounts/activate/\S+/", mail.outbox[1].body).group(0)
    from django.test import Client

    assert Client().get(old_path).status_code == 410
    assert Client().get(new_path).status_code == 200
    assert AuditEntry.objects.filter(
        action="accounts.user.invitation_resent", object_id=str(invited.pk)
    ).exists()


def test_suspended_users_cannot_sign_in(secretariat_client, client):
    from django.test import Client

    person = UserFactory()
    secretariat_client.post(reverse("accounts:user_action", args=[person.pk, "suspend"]), {"confirm": "yes"})
    person.refresh_from_db()
    assert not person.is_active
    response = Client().post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 200 and "not right" in response.content.decode()
    secretariat_client.post(reverse("accounts:user_action", args=[person.pk, "reactivate"]))
    person.refresh_from_db()
    assert person.is_active
    assert list(
        AuditEntry.objects.filter(object_id=str(person.pk), action__startswith="accounts.user.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["accounts.user.suspended", "accounts.user.reactivated"]


def test_the_secretariat_cannot_suspend_itself(client):
    me = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, me)
    response = client.post(
        reverse("accounts:user_action", args=[me.pk, "suspend"]), {"confirm": "yes"}, follow=True
    )
    me.refresh_from_db()
    assert me.is_active and "cannot suspend your own account" in response.content.decode()


def test_reset_two_factor_makes_the_user_enrol_again(secretariat_client):
    from django.test import Client

    from tests.factories import totp_device

    person = UserFactory(role=Role.OBSERVER)
    totp_device(person)
    secretariat_client.post(
        reverse("accounts:user_action", args=[person.pk, "reset-two-factor"]), {"confirm": "yes"}
    )
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert AuditEntry.objects.get(action="auth.two_factor.reset").data == {"devices": 1}
    again = Client()
    again.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    assert again.get("/en/register/parties/").url == reverse("accounts:two_factor_setup")


def test_unknown_account_action_is_404(secretariat_client):
    person = UserFactory()
    assert (
        secretariat_client.post(reverse("accounts:user_action", args=[person.pk, "delete"])).status_code
        == 404
    )


def test_login_does_not_redirect_to_another_site(client):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("core:home")
