"""The header's menu fits one line on a 1,366 px screen in every script (English, French, Russian, Arabic)
and hides behind a "Menu" button on a phone (with or without script); tables scroll inside their box on a
phone; a person changes their password, language and authenticators from "My account"."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from palermo.accounts.models import Role, User
from tests.factories import PASSWORD, UserFactory, current_code, totp_device
from tests.review.conftest import secretariat, two_reviews  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def sign_in(page, user, device=None):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email or user name").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    if device is not None:
        page.get_by_label("Six-digit code").fill(current_code(device))
        page.locator("main").get_by_role("button").click()


ITEM_TOPS = """() => [...document.querySelectorAll(
    '.brand, .menu-list > li, .account, .language-menu > summary')].map(e => {
      const box = e.getBoundingClientRect(); return [box.top, box.bottom, box.height]; })"""


@pytest.mark.parametrize("language", ["en", "fr", "ru", "ar"])
def test_the_menu_is_one_line_at_1366_px(page, language):
    admin = UserFactory(
        role=Role.SECRETARIAT_ADMIN, first_name="Alexandrina", last_name="Konstantinopolskaya"
    )
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in(page, admin, totp_device(admin))  # the secretariat has the most menu items
    page.goto(f"/{language}/")
    items = page.evaluate(ITEM_TOPS)
    assert len(items) == 9  # brand, 6 menu items (administration too), the person, the language
    middles = [(top + bottom) / 2 for top, bottom, _height in items]
    assert max(middles) - min(middles) < 6, items  # side by side on one line
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 2 * max(height for _t, _b, height in items), header
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    expect(page.locator(".menu-button")).to_be_hidden()


def test_a_drop_down_of_the_menu_opens_and_closes(page):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("/en/")
    parties = page.locator(".site-header").get_by_role("link", name="Parties")
    expect(parties).to_be_hidden()
    page.get_by_text("Treaty register", exact=True).first.click()
    expect(parties).to_be_visible()
    page.keyboard.press("Escape")
    expect(parties).to_be_hidden()
    page.get_by_text("Treaty register", exact=True).first.click()
    page.locator("h1").click()  # a click elsewhere closes it
    expect(parties).to_be_hidden()
    page.get_by_text("Treaty register", exact=True).first.click()
    parties.click()
    expect(page).to_have_url(re.compile(r"/en/register/parties/$"))


@pytest.mark.parametrize("script", [True, False])
def test_on_a_phone_the_menu_is_behind_a_button(browser, live_server, register_data, script):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=script)
    page = context.new_page()
    page.goto("/ar/")
    header = page.locator(".site-header")
    knowledge = header.get_by_role("link", name="قاعدة المعارف")
    expect(knowledge).to_be_hidden()
    assert header.bounding_box()["height"] < 70
    page.locator(".menu-button").click()
    expect(knowledge).to_be_visible()
    expect(
        header.get_by_role("link", name="الأطراف", exact=True)
    ).to_be_visible()  # a group's links are listed open
    expect(page.locator("form.languages button[lang=fr]")).to_be_visible()
    page.locator("form.languages button[lang=fr]").click()
    expect(page).to_have_url(re.compile(r"/fr/$"))
    page.locator(".menu-button").click()
    header.get_by_role("link", name="Base de connaissances").click()
    expect(page).to_have_url(re.compile(r"/fr/knowledge/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_tables_scroll_inside_their_box_on_a_phone(page, two_reviews, secretariat):  # noqa: F811
    review = two_reviews["first"]["review"]
    sign_in(page, secretariat, totp_device(secretariat))
    page.set_viewport_size(PHONE)
    for path in (
        "/en/accounts/audit-log/",
        "/en/accounts/users/",
        "/en/accounts/profile/",
        "/en/register/parties/",
        "/en/register/status-imports/",
        "/en/knowledge/records/",
        "/en/review/cycles/1/",
        "/en/review/cycles/1/dashboard/",
        f"/en/review/reviews/{review.pk}/",
        "/ar/accounts/audit-log/",
        "/fr/accounts/audit-log/",
        "/fr/register/parties/",
        "/es/register/parties/",
        "/ru/register/parties/",
        "/ru/knowledge/",
        *(f"/{language}/knowledge/new/case/" for language in ("en", "fr", "es", "ar", "zh-hans", "ru")),
        "/en/knowledge/new/bibliography/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_a_person_changes_their_password_language_and_authenticators(page):
    person = UserFactory(role=Role.FOCAL_POINT, first_name="Francesca", last_name="Focal")
    first = totp_device(person)
    sign_in(page, person, first)
    page.locator(".account summary").click()
    expect(page.locator(".account")).to_contain_text("Signed in as Francesca Focal")
    page.get_by_role("link", name="My account", exact=True).click()
    expect(page.locator("h1")).to_have_text("My account")

    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill("a new and longer passphrase 9")
    page.get_by_label("The same password again").fill("a new and longer passphrase 9")
    page.get_by_role("button", name="Change the password").click()
    expect(page.locator(".messages")).to_contain_text("Your password is changed.")
    assert mail.outbox[-1].subject == "Your Palermo password was changed"

    page.get_by_role("link", name="Add an authenticator").click()
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Name of this authenticator").fill("Spare phone")
    page.get_by_label("Six-digit code").fill(f"{totp(b32decode(secret.replace(' ', ''))):06d}")
    page.get_by_role("button", name="Add the authenticator").click()
    expect(page.locator("#two-factor table")).to_contain_text("Spare phone")
    spare = page.locator("#two-factor tr", has_text="Spare phone")
    spare.locator("summary").click()  # asks first: a box to tick
    spare.get_by_label("Yes, I am sure").check()
    spare.get_by_role("button", name="Remove “Spare phone”").click()
    expect(page.locator("#two-factor table")).not_to_contain_text("Spare phone")

    page.get_by_role("combobox", name="Language").select_option("fr")
    page.get_by_role("button", name="Save the language").click()
    expect(page).to_have_url(re.compile(r"/fr/accounts/profile/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert User.objects.get(pk=person.pk).language == "fr"
