"""'My account': changing one's password (the current one asked, other sessions ended, audited, announced
by e-mail), choosing a language (pages after sign-in, e-mails), managing authenticators; and the sign-in
message for a code already used."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Role, User
from palermo.accounts.security import REAUTHENTICATED_AT
from palermo.core.models import AuditEntry
from tests.factories import PASSWORD, UserFactory, current_code, signed_in, totp_device

pytestmark = pytest.mark.django_db
LOGIN, VERIFY = "/en/accounts/login/", "/en/accounts/login/verify/"
CHANGE = "/en/accounts/profile/password/"
NEW = "another long passphrase 2027"


def sign_in_with(client, user, device):
    """Sign in with a given authenticator (a code signs in only once: a second session needs another)."""
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    return client


def change_password(client, current=PASSWORD, new=NEW, again=None):
    return client.post(CHANGE, {"current_password": current, "password1": new, "password2": again or new})


def test_my_account_links_password_authenticators_and_language():
    user = UserFactory(role=Role.GOVERNMENTAL_EXPERT)
    page = signed_in(Client(), user).get(reverse("accounts:profile")).content.decode()
    assert "<h1>My account</h1>" in page
    for target in (CHANGE, "/en/accounts/profile/authenticators/new/", "/en/accounts/profile/language/"):
        assert target in page
    assert "Your only authenticator cannot be removed: add another one first." in page


def test_a_password_change_needs_the_current_password(settings):
    user = UserFactory()
    client = signed_in(Client(), user)
    response = change_password(client, current="not my password")
    assert response.status_code == 200 and "The password is not right." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    failure = AuditEntry.objects.get(action="auth.login.failed")
    assert failure.data == {"username": user.username, "step": "password change"}
    assert not AuditEntry.objects.filter(action="auth.password.changed").exists()


@pytest.mark.parametrize(
    ("new", "again", "error"),
    [
        ("short", "short", "This password is too short."),
        (NEW, NEW + "!", "The two passwords differ."),
        (PASSWORD, PASSWORD, "The new password must differ from the current one."),
    ],
)
def test_a_new_password_must_be_good_and_typed_twice(new, again, error):
    client = signed_in(Client(), UserFactory())
    response = change_password(client, new=new, again=again)
    assert response.status_code == 200 and error in response.content.decode()


def test_a_password_change_is_refused_while_the_network_is_locked(settings):
    user = UserFactory()
    client = signed_in(Client(REMOTE_ADDR="203.0.113.40"), user)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        change_password(client, current="guess")
    response = change_password(client)  # the right password, too late
    assert "Too many failed attempts" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_change_ends_every_other_session_keeps_this_one_and_tells_the_person(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(role=Role.FOCAL_POINT)
    device = totp_device(user)
    here = signed_in(Client(), user)
    elsewhere = sign_in_with(
        Client(), user, TOTPDevice.objects.create(user=user, name="other", confirmed=True)
    )
    halfway = Client()  # has given the (old) password, not yet the code
    halfway.post(LOGIN, {"username": user.username, "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = change_password(here)
    assert response.url == reverse("accounts:profile")
    assert here.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert halfway.post(VERIFY, {"code": current_code(device)}).url == reverse("accounts:login")
    assert SESSION_KEY not in halfway.session
    entry = AuditEntry.objects.get(action="auth.password.changed")
    assert (entry.actor, entry.data) == (user, {"sessions_ended": 2})
    [notice] = mail.outbox
    assert notice.to == [user.email] and notice.subject == "Your Palermo password was changed"
    assert "/en/accounts/password-reset/" in notice.body
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_the_password_notice_is_written_in_the_persons_language(django_capture_on_commit_callbacks):
    user = UserFactory(language="fr")
    client = signed_in(Client(), user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/profile/password/",
            {"current_password": PASSWORD, "password1": NEW, "password2": NEW},
        )
    [notice] = mail.outbox
    assert "/fr/accounts/password-reset/" in notice.body  # written under French, whatever the page's language


def test_signing_in_switches_to_the_language_the_person_chose():
    user = UserFactory(language="fr")
    response = Client().post(
        LOGIN + "?next=/en/knowledge/records/", {"username": user.username, "password": PASSWORD}
    )
    assert response.url == "/fr/knowledge/records/"
    assert response.cookies["django_language"].value == "fr"
    response = Client().post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.url == "/fr/"


def test_signing_in_with_a_second_factor_switches_to_the_chosen_language_too():
    user = UserFactory(role=Role.OBSERVER, language="ar")
    device = totp_device(user)
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert client.post(VERIFY, {"code": current_code(device)}).url == "/ar/"


def test_without_a_chosen_language_signing_in_keeps_the_page_language():
    user = UserFactory()
    response = Client().post(
        "/es/accounts/login/?next=/es/review/", {"username": user.username, "password": PASSWORD}
    )
    assert response.url == "/es/review/" and "django_language" not in response.cookies


def test_choosing_a_language_is_audited_and_takes_effect_at_once():
    user = UserFactory()
    client = signed_in(Client(), user)
    response = client.post(reverse("accounts:language"), {"language": "ru"})
    assert response.url == "/ru/accounts/profile/" and response.cookies["django_language"].value == "ru"
    user.refresh_from_db()
    assert user.language == "ru"
    entry = AuditEntry.objects.get(action="accounts.user.language_changed")
    assert (entry.actor, entry.data) == (user, {"from": "", "to": "ru"})
    response = client.post(reverse("accounts:language"), {"language": ""})
    user.refresh_from_db()
    assert user.language == "" and response.url == reverse("accounts:profile")


def test_an_unknown_language_is_refused_with_a_message():
    user = UserFactory()
    client = signed_in(Client(), user)
    response = client.post(reverse("accounts:language"), {"language": "xx"}, follow=True)
    assert "Choose one of the languages offered." in response.content.decode()
    user.refresh_from_db()
    assert user.language == ""
    assert client.get(reverse("accounts:language")).status_code == 405  # a GET never changes it


# Authenticators


def enrolment_code(client) -> str:
    """The code of the authenticator being added, read from the key the page shows."""
    from base64 import b32decode

    from django_otp.oath import totp

    page = client.get(reverse("accounts:device_add")).content.decode()
    secret = re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page).group(1)
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def test_a_second_authenticator_is_added_and_either_one_signs_in():
    user = UserFactory(role=Role.FOCAL_POINT)
    first = totp_device(user)
    client = signed_in(Client(), user)
    response = client.post(
        reverse("accounts:device_add"), {"name": "Work phone", "code": enrolment_code(client)}
    )
    assert response.url == reverse("accounts:profile")
    second = TOTPDevice.objects.get(user=user, name="Work phone")
    assert second.confirmed and TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2
    entry = AuditEntry.objects.get(action="auth.two_factor.added")
    assert entry.data == {"device": "Work phone", "devices": 2}
    other = Client()
    other.post(LOGIN, {"username": user.username, "password": PASSWORD})
    next_code = f"{hotp(second.bin_key, second.last_t + 1):06d}"  # its current one was used to add it
    assert other.post(VERIFY, {"code": next_code}).url == "/en/"
    first.refresh_from_db()
    assert first.throttling_failure_count == 0  # the other phone's code is not a failure of this one


def test_a_wrong_code_does_not_add_an_authenticator():
    user = UserFactory(role=Role.FOCAL_POINT)
    client = signed_in(Client(), user)
    good = enrolment_code(client)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:device_add"), {"name": "Work phone", "code": wrong})
    assert "This code is not right" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_adding_or_removing_an_authenticator_asks_for_the_password_again():
    user = UserFactory(role=Role.FOCAL_POINT)
    client = signed_in(Client(), user)
    device = totp_device(user)
    session = client.session
    session.pop(REAUTHENTICATED_AT)
    session.save()
    for url in (reverse("accounts:device_add"), reverse("accounts:device_remove", args=[device.pk])):
        response = client.get(url)
        assert response.url.startswith(reverse("accounts:confirm_password"))
    # A removal sent without it is not carried out: confirm, come back to the page, press again.
    removal = reverse("accounts:device_remove", args=[device.pk])
    response = client.post(removal, HTTP_REFERER="http://testserver/en/accounts/profile/")
    assert (
        response.url == reverse("accounts:confirm_password") + "?next=%2Fen%2Faccounts%2Fprofile%2F&again=1"
    )
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    response = client.post(
        response.url, {"password": PASSWORD, "next": "/en/accounts/profile/", "again": "1"}
    )
    assert response.url == "/en/accounts/profile/"
    page = client.get(response.url).content.decode()
    assert "Your password is confirmed. Press the button again to go on." in page


def test_removing_an_authenticator_asks_first_then_removes_it_and_is_audited():
    user = UserFactory(role=Role.FOCAL_POINT)
    client = signed_in(Client(), user)
    spare = TOTPDevice.objects.create(user=user, name="Old phone", confirmed=True)
    url = reverse("accounts:device_remove", args=[spare.pk])
    page = client.get(url).content.decode()
    assert "Remove “Old phone”?" in page and TOTPDevice.objects.filter(pk=spare.pk).exists()
    unticked = client.post(url).content.decode()  # a stray click asks again and removes nothing
    assert "Nothing has been done yet." in unticked and TOTPDevice.objects.filter(pk=spare.pk).exists()
    assert client.post(url, {"confirm": "yes"}).url == reverse("accounts:profile")
    assert not TOTPDevice.objects.filter(pk=spare.pk).exists()
    entry = AuditEntry.objects.get(action="auth.two_factor.removed")
    assert (entry.actor, entry.data) == (user, {"device": "Old phone", "devices": 1})


def test_the_only_authenticator_of_a_role_that_needs_one_is_never_removed():
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    client = signed_in(Client(), user)
    only = TOTPDevice.objects.get(user=user)
    url = reverse("accounts:device_remove", args=[only.pk])
    assert "This is your only authenticator" in client.get(url).content.decode()
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "This is your only authenticator" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=only.pk).exists()
    assert not AuditEntry.objects.filter(action="auth.two_factor.removed").exists()


def test_someone_elses_authenticator_is_404():
    owner = UserFactory(role=Role.FOCAL_POINT)
    theirs = totp_device(owner)
    TOTPDevice.objects.create(user=owner, name="spare", confirmed=True)
    client = signed_in(Client(), UserFactory(role=Role.FOCAL_POINT))
    url = reverse("accounts:device_remove", args=[theirs.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_own_account_pages_need_signing_in():
    for name in ("profile", "password_change", "device_add"):
        response = Client().get(reverse(f"accounts:{name}"))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# The code of the second factor


def used_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{hotp(device.bin_key, device.last_t, digits=device.digits):06d}"


def test_a_code_already_used_says_so_and_to_wait_for_the_next_one():
    user = UserFactory(role=Role.FOCAL_POINT)
    device = totp_device(user)
    signed_in(Client(), user)
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    response = client.post(VERIFY, {"code": used_code(device)})
    page = response.content.decode()
    assert "This code has already been used to sign in." in page
    assert "Wait until your authenticator app shows the next code" in page
    assert f'value="{used_code(device)}"' not in page  # the box is emptied for the next code
    assert SESSION_KEY not in client.session
    failure = AuditEntry.objects.filter(action="auth.two_factor.failed").get()
    assert failure.data == {"username": user.username, "reason": "code already used"}


def test_a_wrong_code_keeps_its_own_message():
    user = UserFactory(role=Role.FOCAL_POINT)
    device = totp_device(user)
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    page = client.post(VERIFY, {"code": wrong}).content.decode()
    assert "This code is not right or has expired. Try the current one." in page
    assert "already been used" not in page


def test_a_locked_account_does_not_say_a_code_was_used(settings):
    """While the account is locked the message must not tell whether the password was right."""
    user = UserFactory(role=Role.FOCAL_POINT)
    device = totp_device(user)
    signed_in(Client(), user)
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(LOGIN, {"username": user.username, "password": "guess"})
    client = Client(REMOTE_ADDR="198.51.100.30")
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    page = client.post(VERIFY, {"code": used_code(device)}).content.decode()
    assert "The password or the code is not right." in page and "already been used" not in page


def test_user_language_is_blank_until_chosen():
    user = UserFactory()
    assert User.objects.get(pk=user.pk).language == "" and user.email_language == "en"
