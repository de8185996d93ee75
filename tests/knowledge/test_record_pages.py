import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Organisation, Role
from palermo.knowledge.models import CurationState, Record, Term, Vocabulary
from palermo.register.models import Article, Party
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor_client(client):
    italy = Organisation.objects.create(
        name="Italy, MoJ", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )
    signed_in(client, UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=italy))
    return client


@pytest.fixture
def secretariat_client():
    client = Client()
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    return client


def case_form(**overrides):
    smuggling = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="smuggling-of-migrants")
    by_sea = Term.objects.get(vocabulary=Vocabulary.FACET_VALUE, slug="by-sea")
    data = {
        "title": "Public Prosecutor v. A.B.",
        "reference": "123/2016",
        "jurisdiction": "ITA",
        "date": "2016-05-04",
        "language": "en",
        "summary_text": "Smuggling of 42 migrants by sea from Libya.",
        "crime_types": [smuggling.pk],
        "facet_values": [by_sea.pk],
        "articles": [Article.objects.get(instrument="SOM", number="6").pk],
        "detail-court": "Court of Appeal of Palermo",
        "detail-court_type": "criminal",
        "detail-court_level": "appeal",
        "defendants-TOTAL_FORMS": "1",
        "defendants-INITIAL_FORMS": "0",
        "defendants-0-name": "A.B.",
        "defendants-0-gender": "male",
        "defendants-0-nationality": "LBY",
        "defendants-0-verdict": "convicted",
        "victims-TOTAL_FORMS": "1",
        "victims-INITIAL_FORMS": "0",
        "victims-0-count": "42",
        "victims-0-gender": "unknown",
        "victims-0-age_group": "adult",
    }
    return {**data, **overrides}


def test_a_contributor_adds_a_case_in_the_browser_forms(contributor_client):
    response = contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get(title="Public Prosecutor v. A.B.")
    assert response.url == reverse("knowledge:record", args=[record.pk])
    assert record.case.court == "Court of Appeal of Palermo" and record.summary == {
        "en": "Smuggling of 42 migrants by sea from Libya."
    }
    assert record.defendants.get().nationality_id == "LBY" and record.victims.get().count == 42
    page = contributor_client.get(response.url).content.decode()
    assert "Court of Appeal of Palermo" in page and "Not published" in page


def test_the_form_explains_what_is_missing(contributor_client):
    response = contributor_client.post(
        reverse("knowledge:record_new", args=["case"]), case_form(jurisdiction="", date="", title="")
    )
    content = response.content.decode()
    assert response.status_code == 200 and not Record.objects.exists()
    assert "Give the State, or the international or regional body." in content
    assert "Give the date, or at least the year." in content


def test_unpublished_records_are_404_for_outsiders(contributor_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    url = reverse("knowledge:record", args=[record.pk])
    outsider = Client()
    assert outsider.get(url).status_code == 404
    signed_in(outsider, UserFactory(role=Role.OBSERVER))
    assert outsider.get(url).status_code == 404
    assert outsider.get(reverse("knowledge:record_edit", args=[record.pk])).status_code == 404
    assert record.title not in outsider.get(reverse("knowledge:records")).content.decode()


def test_the_whole_curation_in_the_browser(contributor_client, secretariat_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    move = reverse("knowledge:record_transition", args=[record.pk])
    contributor_client.post(move, {"to_state": "submitted"})
    assert contributor_client.get(reverse("knowledge:record_edit", args=[record.pk])).status_code == 404
    secretariat_client.post(move, {"to_state": "verified"})
    secretariat_client.post(move, {"to_state": "published"})
    record.refresh_from_db()
    assert record.state == CurationState.PUBLISHED
    public = Client().get(reverse("knowledge:record", args=[record.pk])).content.decode()
    assert (
        "Public Prosecutor v. A.B." in public and "Not published" not in public and "Curation" not in public
    )


def test_a_stale_edit_is_refused_and_keeps_the_input(contributor_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    edit = reverse("knowledge:record_edit", args=[record.pk])
    contributor_client.post(
        edit,
        case_form(
            title="First change",
            expected_version="1",
            **{"defendants-INITIAL_FORMS": "0", "victims-INITIAL_FORMS": "0"},
        ),
    )
    response = contributor_client.post(
        edit,
        case_form(
            title="Second change",
            expected_version="1",
            **{"defendants-INITIAL_FORMS": "0", "victims-INITIAL_FORMS": "0"},
        ),
    )
    assert "changed since you opened it" in response.content.decode()
    assert 'value="Second change"' in response.content.decode()
    record.refresh_from_db()
    assert record.title == "First change"


def test_editing_a_case_keeps_the_defendants_and_victims_left_untouched(contributor_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    rows = {
        "defendants-INITIAL_FORMS": "1",
        "defendants-0-id": str(record.defendants.get().pk),
        "victims-INITIAL_FORMS": "1",
        "victims-0-id": str(record.victims.get().pk),
    }
    edit = reverse("knowledge:record_edit", args=[record.pk])
    response = contributor_client.post(edit, case_form(title="Renamed", expected_version="1", **rows))
    assert response.status_code == 302
    assert [(d.name, d.nationality_id) for d in record.defendants.all()] == [("A.B.", "LBY")]
    assert record.victims.get().count == 42
    rows.update(
        {
            "defendants-0-id": str(record.defendants.get().pk),  # the rows are saved anew each time
            "victims-0-id": str(record.victims.get().pk),
            "defendants-0-DELETE": "on",
        }
    )
    assert contributor_client.post(edit, case_form(expected_version="2", **rows)).status_code == 302
    assert not record.defendants.exists() and record.victims.exists()


def test_a_stale_edit_of_a_case_with_defendants_gets_the_stale_message(contributor_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    edit = reverse("knowledge:record_edit", args=[record.pk])
    assert (
        f'name="defendants-0-id" value="{record.defendants.get().pk}"'
        in contributor_client.get(edit).content.decode()
    )

    def opened_at_version_1(**changes):  # the edit page as both editors opened it, rows and all
        return case_form(
            expected_version="1",
            **{
                "defendants-INITIAL_FORMS": "1",
                "defendants-0-id": str(record.defendants.get(name="A.B.").pk),
                "victims-INITIAL_FORMS": "1",
                "victims-0-id": str(record.victims.get().pk),
            },
            **changes,
        )

    first, second = opened_at_version_1(title="First change"), opened_at_version_1(title="Second change")
    assert contributor_client.post(edit, first).status_code == 302
    assert record.defendants.get().name == "A.B." and record.victims.get().count == 42  # rows kept
    response = contributor_client.post(edit, {**second, "defendants-0-sentence": "Four years."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This record was changed since you opened it (version 2, you had 1)." in page
    assert "Select a valid choice" not in page
    assert 'value="Second change"' in page and "Four years." in page  # what they typed, to copy
    record.refresh_from_db()
    assert record.title == "First change" and record.version == 2
    assert record.defendants.get().sentence == ""


def test_only_contributors_and_the_secretariat_may_add(client):
    signed_in(client, UserFactory(role=Role.OBSERVER))
    assert client.get(reverse("knowledge:record_new", args=["case"])).status_code == 404
    signed_out = Client().get(reverse("knowledge:record_new", args=["legislation"]))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith("/en/accounts/login/?next=")


def test_published_records_appear_on_the_state_and_article_pages(contributor_client, secretariat_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    state_page = reverse("register:party", args=["ITA"])
    article_page = reverse("register:article", args=["SOM", "6"])
    assert record.title not in Client().get(state_page).content.decode()
    move = reverse("knowledge:record_transition", args=[record.pk])
    contributor_client.post(move, {"to_state": "submitted"})
    secretariat_client.post(move, {"to_state": "verified"})
    secretariat_client.post(move, {"to_state": "published"})
    assert record.title in Client().get(state_page).content.decode()
    assert record.title in Client().get(article_page).content.decode()
    listing = Client().get(reverse("knowledge:records") + "?party=ita&kind=case").content.decode()
    assert record.title in listing


def test_the_api_shows_published_records_only_to_outsiders(contributor_client, secretariat_client):
    contributor_client.post(reverse("knowledge:record_new", args=["case"]), case_form())
    record = Record.objects.get()
    assert Client().get("/api/v1/records/").json()["count"] == 0
    assert Client().get(f"/api/v1/records/{record.pk}/").status_code == 404
    assert contributor_client.get(f"/api/v1/records/{record.pk}/").json()["state"] == "draft"
    move = reverse("knowledge:record_transition", args=[record.pk])
    contributor_client.post(move, {"to_state": "submitted"})
    secretariat_client.post(move, {"to_state": "verified"})
    secretariat_client.post(move, {"to_state": "published"})
    data = Client().get(f"/api/v1/records/{record.pk}/").json()
    assert data["crime_types"] == ["smuggling-of-migrants"] and data["content"]["articles"] == ["SOM:6"]
    assert data["content"]["facet_values"] == ["route/by-sea"]
    assert Client().get("/api/v1/records/?party=ITA&kind=case").json()["count"] == 1


def test_the_api_lists_the_taxonomy():
    terms = Client().get("/api/v1/terms/").json()
    by_sea = next(t for t in terms if t["slug"] == "by-sea")
    assert by_sea["parent"] == "route" and by_sea["labels"]["fr"] == "Par mer"


def test_a_publication_with_its_authors(contributor_client):
    response = contributor_client.post(
        reverse("knowledge:record_new", args=["bibliography"]),
        {
            "title": "Smuggling networks in the Mediterranean",
            "jurisdiction": "ITA",
            "year": "2014",
            "language": "en",
            "detail-authors_text": "Rossi, G.\nMartin, L.\n",
            "detail-publisher": "Demo Press",
            "detail-research_method": "qualitative",
        },
    )
    record = Record.objects.get()
    assert response.status_code == 302 and record.bibliography.authors == ["Rossi, G.", "Martin, L."]
    assert "Rossi, G.; Martin, L." in contributor_client.get(response.url).content.decode()


def test_an_acquitted_defendant_with_a_sentence_is_refused_beside_the_sentence(contributor_client):
    import re

    response = contributor_client.post(
        reverse("knowledge:record_new", args=["case"]),
        case_form(**{"defendants-0-verdict": "acquitted", "defendants-0-sentence": "Four years."}),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Record.objects.exists()
    message = "A defendant whose verdict is “Acquitted” has no sentence: leave the sentence empty or change the verdict."
    error = re.search(r'<ul class="errorlist" id="id_defendants-0-sentence_error">\s*<li>(.*?)</li>', page)
    assert error is not None and error.group(1) == message
    assert re.search(r'<textarea name="defendants-0-sentence"[^>]*aria-invalid="true"', page)
    saved = contributor_client.post(
        reverse("knowledge:record_new", args=["case"]),
        case_form(**{"defendants-0-verdict": "acquitted", "defendants-0-sentence": " "}),
    )
    assert saved.status_code == 302 and Record.objects.get().defendants.get().verdict == "acquitted"


def test_every_write_refuses_an_acquitted_defendant_with_a_sentence(contributor_client):
    from palermo.accounts.models import Role
    from palermo.knowledge.domain.records import CurationError, create_record

    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    user.is_verified = lambda: True
    with pytest.raises(
        CurationError, match="Defendant 2: A defendant whose verdict is “Acquitted” has no sentence"
    ):
        create_record(
            user=user,
            kind="case",
            fields={"title": "X v. Y", "year": 2016},
            people={
                "defendants": [
                    {"name": "A", "verdict": "convicted", "sentence": "Two years."},
                    {"name": "B", "verdict": "acquitted", "sentence": "Two years."},
                ]
            },
        )
    assert not Record.objects.exists()


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("kind=novel", "“novel” is not a type of record, so records of every type are shown."),
        ("state=lost", "“lost” is not a curation state, so records in every state are shown."),
        (
            "party=XXX",
            "“XXX” is not the code of a State of the register, so records of every State are shown.",
        ),
        ("article=abc", "“abc” is not an article of the register, so records about every article are shown."),
        (
            "article=999999",
            "“999999” is not an article of the register, so records about every article are shown.",
        ),
        ("page=99", "There is no page “99”: this list has 1 page. Here is page 1."),
        ("page=x", "There is no page “x”: this list has 1 page. Here is page 1."),
        ("party=ita", "Records of Italy."),
    ],
)
def test_the_record_list_says_which_filter_it_cannot_apply(client, query, notice):
    import html

    page = client.get(reverse("knowledge:records") + "?" + query).content.decode()
    assert f'<p class="notice" role="status">{notice}</p>' in html.unescape(page)


def test_the_record_list_filters_by_a_known_article_and_says_so(client):
    article = Article.objects.get(instrument="SOM", number="6")
    page = client.get(reverse("knowledge:records") + f"?article={article.pk}").content.decode()
    assert "Records about art. 6 of the " in page
    assert client.get(reverse("knowledge:records")).content.decode().count('class="notice"') == 0


def test_every_demo_account_meant_to_contribute_records_can_add_one(settings):
    """The demo's practitioner, focal point and expert work for a State authority, so the knowledge base's
    rules let them add records; the observer and the visitor cannot."""
    from palermo.accounts.demo import create_demo_accounts

    settings.DEMO_MODE = True
    may_add = {}
    for user in create_demo_accounts():
        user.is_verified = lambda: True
        may_add[user.get_role_display()] = user.has_perm("knowledge.add_record")
    assert may_add == {
        "Secretariat administrator": True,
        "State focal point": True,
        "Governmental expert": True,
        "Observer": False,
        "Practitioner": True,
        "Public visitor": False,
    }
