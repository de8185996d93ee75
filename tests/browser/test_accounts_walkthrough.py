import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from palermo.accounts.models import Organisation, Role, User
from palermo.register.models import Party
from tests.factories import PASSWORD, UserFactory, current_code, totp_device

pytestmark = pytest.mark.browser


def code_for_secret(secret: str) -> str:
    from base64 import b32decode

    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def sign_in(page, user, device):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email or user name").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Six-digit code").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()


def test_secretariat_signs_in_with_totp_and_reads_the_audit_log(page):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN, first_name="Sam", last_name="Secretariat")
    device = totp_device(secretariat)
    sign_in(page, secretariat, device)
    expect(page.locator(".account")).to_contain_text("Sam Secretariat")
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("table.data")).to_contain_text(
        "Two-factor code verified for Sam Secretariat: signed in"
    )
    expect(page.locator("table.data")).to_contain_text("Sam Secretariat signed in with their password")


def test_secretariat_registers_a_focal_point_who_activates_and_is_approved(page, browser, live_server):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    device = totp_device(secretariat)
    Organisation.objects.create(
        name="Italy, Ministry of Justice",
        kind=Organisation.Kind.STATE_AUTHORITY,
        party=Party.objects.get(code="ITA"),
    )
    sign_in(page, secretariat, device)
    page.get_by_text("Administration").click()
    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Register a user").click()
    page.get_by_label("Email address").fill("giulia@example.org")
    page.get_by_label("First name").fill("Giulia")
    page.get_by_label("Last name").fill("Rossi")
    page.get_by_label("Organisation").select_option(label="Italy, Ministry of Justice")
    page.get_by_label("Role").select_option(Role.FOCAL_POINT)
    page.get_by_label("Note verbale reference").fill("NV/2026/17")
    page.get_by_role("button", name="Register and send the link").click()
    expect(page.locator("h1")).to_have_text("Activation link sent")
    link = re.search(r"/en/accounts/activate/\S+/", mail.outbox[-1].body).group(0)

    person_context = browser.new_context(base_url=live_server.url)
    person = person_context.new_page()
    person.goto(link)
    person.get_by_label("New password").fill("a long and unusual passphrase 42")
    person.get_by_label("The same password again").fill("a long and unusual passphrase 42")
    person.get_by_role("button", name="Set password").click()
    expect(person.locator("h1")).to_have_text("Set up two-factor authentication")
    secret = person.locator("code.secret").inner_text()
    person.get_by_label("Six-digit code").fill(code_for_secret(secret))
    person.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(person.locator("dl.facts")).to_contain_text("waiting for the secretariat's approval")

    giulia = User.objects.get(email="giulia@example.org")
    page.goto(f"/en/accounts/users/{giulia.pk}/")
    page.get_by_role("button", name="Approve the profile").click()
    expect(page.locator("dl.facts")).to_contain_text("approved on")
    person.reload()
    expect(person.locator("dl.facts")).to_contain_text("approved on")
    person_context.close()
