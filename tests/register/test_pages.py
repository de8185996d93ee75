import pytest
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.models import AuditEntry
from palermo.register.models import Declaration
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db


def test_parties_list_filters_and_counts(client):
    response = client.get("/en/register/parties/?instrument=FIREARMS&status=party&group=WEOG")
    listing = response.context["listing"]
    assert response.status_code == 200
    assert all(r.party.regional_group == "WEOG" and r.participation.consent for r in listing.rows)
    assert listing.status_counts["party"] == len(listing.rows)
    assert sum(listing.status_counts.values()) == 29  # WEOG rows of the source, Türkiye and the USA included
    assert "United States of America" not in response.content.decode()  # not party to the Firearms Protocol


def test_parties_list_by_year_and_name(client):
    response = client.get("/en/register/parties/?instrument=UNTOC&year=2003&q=alb")
    assert [r.party.code for r in response.context["listing"].rows] == []
    response = client.get("/en/register/parties/?instrument=UNTOC&year=2002&q=alb")
    assert [r.party.code for r in response.context["listing"].rows] == ["ALB"]


def test_htmx_request_gets_only_the_results(client):
    response = client.get("/en/register/parties/?instrument=TIP", HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "<table" in response.content.decode()


def test_parties_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/en/register/parties/?instrument=UNTOC")


def test_state_page_shows_participation_timeline_and_declarations(client):
    content = client.get("/en/register/parties/ITA/").content.decode()
    assert '<time datetime="2006-08-02">2 August 2006</time>' in content
    assert '<time datetime="2006-09-01">1 September 2006</time>' in content
    assert "Signed the Organized Crime Convention" in content


def test_state_names_follow_the_language(client):
    assert "Italie" in client.get("/fr/register/parties/ITA/").content.decode()
    assert "إيطاليا" in client.get("/ar/register/parties/ITA/").content.decode()
    assert "意大利" in client.get("/zh-hans/register/parties/ITA/").content.decode()


def test_arabic_pages_are_right_to_left(client):
    assert 'dir="rtl"' in client.get("/ar/register/parties/").content.decode()
    assert 'dir="ltr"' in client.get("/ru/register/parties/").content.decode()


def test_instrument_page_has_chart_map_and_articles(client):
    content = client.get("/en/register/instruments/TIP/").content.decode()
    assert 'class="chart"' in content and 'class="world-map"' in content
    assert "Use of terms" in content and "status-party" in content


def test_article_page_shows_the_authentic_text(client):
    content = client.get("/en/register/instruments/UNTOC/articles/5/").content.decode()
    assert "Criminalization of participation in an organized criminal group" in content
    assert 'rel="next"' in content and 'rel="prev"' in content


def test_unknown_things_are_404(client):
    assert client.get("/en/register/parties/XXX/").status_code == 404
    assert client.get("/en/register/instruments/UNCAC/").status_code == 404
    assert client.get("/en/register/instruments/UNTOC/articles/99/").status_code == 404


def test_every_status_page_says_as_of(client):
    assert "14 March 2015" in client.get("/en/register/parties/").content.decode()


DECLARATION = {
    "instrument": "UNTOC",
    "kind": "central_authority",
    "article": "18(13)",
    "date": "2004-05-01",
    "text": "The Ministry of Justice.",
    "uses_convention_as_legal_basis": "unknown",
    "source": "C.N.1.2004",
}


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SECRETARIAT_ADMIN])
def test_only_the_secretariat_records_declarations(client, role):
    signed_in(client, UserFactory(role=role))
    url = reverse("register:declaration_add", args=["ITA"])
    assert client.get(url).status_code == 404
    assert client.post(url, DECLARATION).status_code == 404
    assert not Declaration.objects.exists()


def test_anonymous_visitor_cannot_record_declarations(client):
    response = client.post(reverse("register:declaration_add", args=["ITA"]), DECLARATION)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not Declaration.objects.exists()


def test_secretariat_records_a_declaration_and_it_is_audited(client):
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, user)
    response = client.post(reverse("register:declaration_add", args=["ITA"]), DECLARATION)
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert (declaration.party_id, declaration.kind, declaration.created_by) == (
        "ITA",
        "central_authority",
        user,
    )
    entry = AuditEntry.objects.get(action="register.declaration.added")
    assert entry.actor == user and entry.object_id == str(declaration.pk) and entry.ip_address == "127.0.0.1"
    assert "The Ministry of Justice." in client.get("/en/register/parties/ITA/").content.decode()


def test_extradition_notification_must_say_yes_or_no(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    response = client.post(
        reverse("register:declaration_add", args=["ITA"]), {**DECLARATION, "kind": "extradition_legal_basis"}
    )
    assert response.status_code == 200 and not Declaration.objects.exists()
    assert "legal basis for extradition" in response.content.decode()


def test_language_notification_keeps_its_languages_and_names_them_in_the_readers_language(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    url = reverse("register:declaration_add", args=["ITA"])
    languages = {**DECLARATION, "kind": "languages", "article": "18(14)", "languages": "IT, en; fr en"}
    assert client.post(url, languages).status_code == 302
    assert Declaration.objects.get().languages == ["it", "en", "fr"]
    page = client.get("/fr/register/parties/ITA/").content.decode()
    assert "italien, anglais, français" in page


@pytest.mark.parametrize(
    ("kind", "languages", "problem"),
    [
        ("languages", "it, xx, klingon", "xx, klingon"),
        ("languages", "", "Name the languages"),
        ("central_authority", "it", "Only for notifications under art. 18(14)."),
    ],
)
def test_languages_are_codes_and_only_for_language_notifications(client, kind, languages, problem):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    response = client.post(
        reverse("register:declaration_add", args=["ITA"]),
        {**DECLARATION, "kind": kind, "languages": languages},
    )
    assert response.status_code == 200 and not Declaration.objects.exists()
    assert problem in response.content.decode()


def test_state_page_names_the_source_and_date_of_its_status(client):
    content = client.get("/en/register/parties/ALB/").content.decode()
    assert (
        "Sources:" in content
        and "UN Treaty Collection" in content
        and 'as at <time datetime="2015-03-14">14 March 2015</time>' in content
    )


def test_instrument_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/en/register/instruments/UNTOC/")


def test_state_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/en/register/parties/ITA/")
