"""The language buttons work on every page, whatever language was chosen before: the page comes back in
the chosen language, at the same address with its query."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from palermo.core.language import language_of_path, url_in_language

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SET_LANGUAGE = "/i18n/setlang/"


def press(client: Client, language: str, on: str):
    """Press a language button on the page at `on` (the form posts the page's address as `next`)."""
    return client.post(SET_LANGUAGE, {"language": language, "next": on})


def html_language(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_arabic_then_french_then_an_english_link_then_russian_gives_the_page_in_russian(client):
    response = press(client, "ar", "/en/register/parties/")
    assert response.status_code == 302 and response["Location"] == "/ar/register/parties/"
    response = press(client, "fr", "/ar/register/parties/")
    assert response["Location"] == "/fr/register/parties/"
    english = client.get("/en/register/instruments/UNTOC/")  # a link to an /en/ page: the address decides
    assert html_language(english) == "en"
    for language in ("ru", "es", "fr", "zh-hans", "ar", "en"):
        response = press(client, language, "/en/register/parties/?instrument=TIP&status=party")
        assert response["Location"] == f"/{language}/register/parties/?instrument=TIP&status=party"
        assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
        page = client.get(response["Location"])
        assert page.status_code == 200 and html_language(page) == language


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", LANGUAGES)
@pytest.mark.parametrize("shown", LANGUAGES)
def test_every_button_works_on_a_page_in_any_language_whatever_the_cookie(cookie, shown):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    for chosen in LANGUAGES:
        response = press(client, chosen, f"/{shown}/knowledge/?q=fraud#results")
        assert response["Location"] == f"/{chosen}/knowledge/?q=fraud#results"
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie


@pytest.mark.django_db
def test_a_page_that_does_not_exist_is_shown_in_the_chosen_language_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert press(client, "ru", "/en/no/such/page/")["Location"] == "/ru/no/such/page/"


@pytest.mark.django_db
def test_an_address_without_a_language_keeps_its_address_and_takes_the_cookie(client):
    response = press(client, "es", "/api/")
    assert response["Location"] == "/api/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


@pytest.mark.django_db
def test_without_next_the_button_returns_to_the_referring_page(client):
    response = client.post(
        SET_LANGUAGE, {"language": "fr"}, headers={"referer": "http://testserver/en/review/cycles/"}
    )
    assert response["Location"] == "http://testserver/fr/review/cycles/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/en/", "//evil.example/en/", "javascript:alert(1)"]
)
def test_a_next_address_on_another_site_leads_home(client, elsewhere):
    assert press(client, "fr", elsewhere)["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "de", "xx-yy", "fr/../en"])
def test_an_unknown_language_is_refused_with_a_clear_error(client, language):
    response = press(client, language, "/en/")
    assert response.status_code == 400
    assert "Unknown language" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
def test_a_get_changes_nothing(client):
    assert client.get(SET_LANGUAGE, {"language": "fr", "next": "/en/"}).status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
def test_every_page_has_the_language_buttons_with_its_own_address(client):
    content = client.get("/fr/register/parties/?instrument=SOM").content.decode()
    assert f'action="{reverse("set_language")}"' in content
    assert '<input type="hidden" name="next" value="/fr/register/parties/?instrument=SOM">' in content
    for language in LANGUAGES:
        assert f'name="language" value="{language}"' in content


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/en/", "fr", "/fr/"),
        ("/en", "fr", "/fr"),
        ("/zh-hans/register/", "ar", "/ar/register/"),
        ("/ar/register/", "zh-hans", "/zh-hans/register/"),
        ("/fr/knowledge/?q=a%20b&kind=case#x", "es", "/es/knowledge/?q=a%20b&kind=case#x"),
        ("http://testserver/ru/review/", "en", "http://testserver/en/review/"),
        ("/english/", "fr", "/english/"),
        ("/api/v1/", "fr", "/api/v1/"),
        ("/", "ru", "/"),
    ],
)
def test_url_in_language_swaps_only_the_language_prefix(url, language, expected):
    assert url_in_language(url, language) == expected


def test_language_of_path_knows_only_the_six_languages():
    assert [language_of_path(p) for p in ("/zh-hans/", "/ar", "/de/", "/en-gb/", "/static/x")] == [
        "zh-hans",
        "ar",
        None,
        None,
        None,
    ]


@pytest.mark.django_db
def test_signing_in_leads_to_the_asked_page_in_the_persons_language_whatever_the_login_pages_language(client):
    from palermo.accounts.models import Role
    from tests.factories import PASSWORD, UserFactory

    person = UserFactory(role=Role.PUBLIC, language="ru")
    response = client.post(
        "/fr/accounts/login/?next=/en/register/parties/%3Finstrument%3DTIP",
        {"username": person.username, "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/ru/register/parties/?instrument=TIP"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
