"""Sign-in throttling: by address and by account separately, with backoff, never locking the owner out;
re-authentication throttled like sign-in; client addresses taken from trusted proxies only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.accounts.mail import wait_for_mail
from palermo.accounts.models import Role
from palermo.core.middleware import forwarded_client
from palermo.core.models import AuditEntry
from tests.factories import PASSWORD, UserFactory, current_code, signed_in, totp_device

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"
VERIFY = "/en/accounts/login/verify/"


def attacker(number: int) -> Client:
    return Client(REMOTE_ADDR=f"203.0.113.{number}")


def fail(username: str, times: int, *, first_address: int = 1) -> None:
    """Wrong passwords for `username`, each from another address (a distributed attack)."""
    for n in range(times):
        attacker(first_address + n).post(LOGIN, {"username": username, "password": "wrong guess"})


def test_failures_from_one_address_block_that_address_only(settings):
    victim = UserFactory()
    bystander = UserFactory()
    client = attacker(1)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN, {"username": victim.username, "password": "wrong"})
    refused = client.post(LOGIN, {"username": bystander.username, "password": PASSWORD})
    assert refused.status_code == 200 and "from your network" in refused.content.decode()
    # Another address signs in to either account at once.
    assert attacker(2).post(LOGIN, {"username": bystander.username, "password": PASSWORD}).status_code == 302


def test_an_attacked_secretariat_account_still_lets_its_owner_in(settings):
    owner = UserFactory(role=Role.SECRETARIAT_ADMIN)
    device = totp_device(owner)
    fail(owner.username, settings.LOGIN_FAILURE_LIMIT + 3)
    assert AuditEntry.objects.filter(action="auth.lockout", data__scope="account").exists()

    client = Client(REMOTE_ADDR="198.51.100.7")
    response = client.post(LOGIN, {"username": owner.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    page = client.get(VERIFY).content.decode()
    assert "too many failed sign-ins" in page
    response = client.post(VERIFY, {"code": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_locked_account_does_not_tell_whether_a_guessed_password_is_right(settings):
    owner = UserFactory(role=Role.FOCAL_POINT)
    totp_device(owner)
    fail(owner.username, settings.LOGIN_FAILURE_LIMIT)
    right = attacker(50).post(LOGIN, {"username": owner.username, "password": PASSWORD})
    wrong = attacker(51).post(LOGIN, {"username": owner.username, "password": "another guess"})
    assert right.status_code == wrong.status_code == 302 and right.url == wrong.url


def test_a_locked_account_refuses_the_right_password_with_a_wrong_code(settings):
    owner = UserFactory(role=Role.FOCAL_POINT)
    totp_device(owner)
    fail(owner.username, settings.LOGIN_FAILURE_LIMIT)
    client = attacker(60)
    client.post(LOGIN, {"username": owner.username, "password": PASSWORD})
    response = client.post(VERIFY, {"code": "000000"})
    assert "The password or the code is not right" in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_the_lock_doubles_with_each_failure_past_the_limit(settings):
    from palermo.accounts.throttling import account_lock

    user = UserFactory()
    fail(user.username, settings.LOGIN_FAILURE_LIMIT)
    first = account_lock(user.username)
    fail(user.username, 2, first_address=100)
    later = account_lock(user.username)
    window = settings.LOGIN_FAILURE_WINDOW_MINUTES
    assert first.until - timezone.now() <= timedelta(minutes=window)
    assert later.until - timezone.now() > timedelta(minutes=3 * window)


def test_a_password_reset_email_lets_a_locked_out_visitor_in(settings):
    visitor = UserFactory(role=Role.PUBLIC)
    fail(visitor.username, settings.LOGIN_FAILURE_LIMIT)
    client = Client(REMOTE_ADDR="198.51.100.8")
    # Without a second factor the right password cannot get through a locked account...
    client.post(LOGIN, {"username": visitor.username, "password": PASSWORD})
    assert client.get(reverse("accounts:profile")).status_code == 302
    # ...a new password chosen through the e-mailed link can, and starts the count afresh.
    response = client.post(reverse("accounts:password_reset"), {"email": visitor.email})
    assert response.url == reverse("accounts:password_reset_sent")
    wait_for_mail()  # the e-mail is sent beside the request
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("8000", 1)[1]
    form_page = client.get(path, follow=True)
    new = "a brand new passphrase 77"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert AuditEntry.objects.filter(action="auth.password_reset.completed", actor=visitor).exists()
    assert client.post(LOGIN, {"username": visitor.username, "password": new}).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_password_reset_request_answers_the_same_for_unknown_and_suspended_addresses():
    suspended = UserFactory(is_active=False, suspended_at=timezone.now())
    pages = [
        Client().post(reverse("accounts:password_reset"), {"email": email})
        for email in ("nobody@example.org", suspended.email)
    ]
    assert [p.status_code for p in pages] == [302, 302] and pages[0].url == pages[1].url
    wait_for_mail()
    assert mail.outbox == []


def test_password_reset_requests_are_throttled_by_address(settings):
    client = attacker(9)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(reverse("accounts:password_reset"), {"email": "someone@example.org"})
    response = client.post(reverse("accounts:password_reset"), {"email": "someone@example.org"})
    assert response.status_code == 200 and "Too many requests" in response.content.decode()


def test_reauthentication_is_throttled_like_sign_in(settings):
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    client = signed_in(Client(REMOTE_ADDR="198.51.100.9"), user)
    url = reverse("accounts:confirm_password")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert "not right" in client.post(url, {"password": "guess"}).content.decode()
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 200 and "Too many failed attempts" in response.content.decode()
    failed = AuditEntry.objects.filter(action="auth.login.failed", data__step="reauthentication")
    assert failed.count() == settings.LOGIN_FAILURE_LIMIT
    assert AuditEntry.objects.filter(action="auth.lockout").exists()


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("10.0.0.2", "", 0, "10.0.0.2"),
        ("10.0.0.2", "198.51.100.1", 0, "10.0.0.2"),  # no trusted proxy: the header is the client's
        ("10.0.0.2", "198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", 1, "198.51.100.1"),  # a forged entry on the left
        ("10.0.0.3", "198.51.100.1, 10.0.0.2", 2, "198.51.100.1"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", "2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_the_trusted_proxies(remote, forwarded, proxies, expected):
    assert forwarded_client(remote, forwarded, proxies) == expected


def test_behind_a_proxy_each_client_is_throttled_and_audited_on_its_own(settings):
    user = UserFactory()
    settings.TRUSTED_PROXIES = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        proxy.post(LOGIN, {"username": "x@example.org", "password": "w"}, HTTP_X_FORWARDED_FOR="6.6.6.6")
    ok = proxy.post(
        LOGIN, {"username": user.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert ok.status_code == 302
    addresses = set(
        AuditEntry.objects.filter(action__startswith="auth.").values_list("ip_address", flat=True)
    )
    assert addresses == {"6.6.6.6", "198.51.100.20"}
