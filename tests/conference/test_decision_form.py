"""The secretariat records a resolution with its operative paragraphs from a session's page, all or
nothing: empty paragraph forms are no paragraphs; a paragraph that names States without asking some
States, a number already taken, a date outside the session or no paragraph at all is named beside its
field and nothing is written; only a session of the Conference adopts them; no one else sees the form."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.conference.models import Body, Decision, Meeting
from palermo.register.models import Article
from tests.conference.test_pages import demo  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def data(**changes) -> dict:
    article = Article.objects.get(instrument_id="UNTOC", number="18")
    found = {
        "kind": "resolution",
        "number": "12/2",
        "adopted": "2024-10-18",
        "title_en": "International cooperation",
        "paragraphs-TOTAL_FORMS": "3",
        "paragraphs-INITIAL_FORMS": "0",
        "paragraphs-MIN_NUM_FORMS": "0",
        "paragraphs-MAX_NUM_FORMS": "60",
        "paragraphs-0-text_en": "Urges all States parties to use the Convention as a legal basis.",
        "paragraphs-0-addressee": "all_states",
        "paragraphs-0-articles": [str(article.pk)],
        "paragraphs-0-due": "2026-10-01",
        "paragraphs-1-text_en": "Requests Italy and Egypt to share their experience.",
        "paragraphs-1-text_fr": "Prie l’Italie et l’Égypte…",
        "paragraphs-1-addressee": "some_states",
        "paragraphs-1-states": ["ITA", "EGY"],
    }
    found.update(changes)
    return found


def url() -> str:
    return reverse("conference:decision_new", args=[Meeting.objects.get(body=Body.CONFERENCE, number=12).pk])


def test_the_secretariat_records_a_resolution_with_its_paragraphs(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    assert (
        "Record a resolution or decision"
        in secretariat.get(reverse("conference:meeting", args=[session.pk])).content.decode()
    )
    assert secretariat.get(url()).status_code == 200
    response = secretariat.post(url(), data())
    decision = Decision.objects.get(number="12/2")
    assert response.status_code == 302 and response.url == reverse("conference:decision", args=[decision.pk])
    first, second = decision.paragraphs.order_by("number")  # the third, empty, is no paragraph
    assert (first.number, first.addressee, str(first.due)) == (1, "all_states", "2026-10-01")
    assert [a.number for a in first.articles.all()] == ["18"]
    assert second.texts == {
        "en": "Requests Italy and Egypt to share their experience.",
        "fr": "Prie l’Italie et l’Égypte…",
    }
    assert set(second.states.values_list("code", flat=True)) == {"ITA", "EGY"}


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"paragraphs-1-states": []}, "paragraph"),  # asks some States, names none
        ({"number": "12/1"}, "number"),  # the demo's resolution
        ({"adopted": "2024-11-30"}, "adopted"),
        ({"paragraphs-0-text_en": "", "paragraphs-1-text_en": "", "paragraphs-1-text_fr": ""}, "paragraphs"),
        ({"paragraphs-0-addressee": ""}, "addressee"),
        ({"title_en": ""}, "title_en"),
    ],
)
def test_a_problem_anywhere_is_named_and_nothing_is_written(demo, changes, where):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    before = Decision.objects.count()
    response = secretariat.post(url(), data(**changes))
    assert response.status_code == 400
    form, paragraphs = response.context["form"], response.context["paragraphs"]
    problems = {**form.errors, **{f"paragraph {i}": e for i, e in enumerate(paragraphs.errors) if e}}
    if where == "paragraph":
        assert any(key.startswith("paragraph ") for key in problems), problems
    elif where == "addressee":
        assert "addressee" in paragraphs.errors[0]
    elif where == "paragraphs":
        assert "__all__" in form.errors
    else:
        assert where in form.errors, problems
    assert Decision.objects.count() == before


def test_only_a_session_of_the_conference_and_only_the_secretariat(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    group = Meeting.objects.get(body=Body.FIREARMS, number=11)
    assert secretariat.get(reverse("conference:decision_new", args=[group.pk])).status_code == 404
    focal = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    assert focal.get(url()).status_code == 404 and focal.post(url(), data()).status_code == 404
    assert not Decision.objects.filter(number="12/2").exists()
