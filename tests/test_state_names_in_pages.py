"""Pages name States (and instruments) in the reader's language: no English State name on a French or
Arabic page of the review workspace, the register or the knowledge base, headings and titles included."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from palermo.accounts.models import Role
from palermo.knowledge.domain.records import create_record, transition_record
from palermo.register.models import Article, Instrument, Party, StatusImport
from palermo.review.domain import cycles, participants, steps
from palermo.review.domain.draw import Rules
from palermo.review.models import Draw, Review
from tests.factories import UserFactory, signed_in
from tests.review.conftest import person

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]


# Where pages show names from data: the title, headings, breadcrumbs, tables, lists, links, select boxes
# and map tooltips (prose paragraphs are translators' work, checked by the catalogue tests)
NAMED = re.compile(
    r"<(title|h[1-6]|th|td|dt|dd|li|a|option|caption|label)\b[^>]*>(.*?)</\1>|<p class=\"crumbs\">(.*?)</p>",
    re.S,
)


def shown_names(html: str) -> str:
    return "\n".join(match.group(2) or match.group(3) or "" for match in NAMED.finditer(html))


def english_names_shown(html: str, language: str) -> list[str]:
    """English names of States that have another name in `language`, found as whole words where the page
    shows names (names the language's own names contain, like "Jordan" in "Jordanie", are skipped)."""
    html = shown_names(html)
    parties = list(Party.objects.all())
    local = " | ".join(p.name_in(language) for p in parties)
    found = []
    for party in parties:
        if party.name == party.name_in(language):
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(party.name)}(?!\w)")
        if pattern.search(local):
            continue
        if pattern.search(html):
            found.append(party.name)
    return found


def english_titles_shown(html: str, language: str) -> list[str]:
    html = shown_names(html)
    with translation.override(language):
        return [
            i.short_title
            for i in Instrument.objects.all()
            if i.local_short_title != i.short_title and i.short_title in html
        ]


@pytest.fixture
def secretariat():
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    user.is_verified = lambda: True
    return user


def _named_differently(codes, languages=LANGUAGES) -> bool:
    parties = Party.objects.filter(code__in=codes)
    return all(p.name_in(language) != p.name for p in parties for language in languages)


@pytest.fixture
def review_of_a_renamed_state(secretariat):
    """A drawn review whose State and reviewing States all have French and Arabic names of their own, with
    its people and its four documents of phase 1."""
    cycle = cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=11)
    review = next(
        r
        for r in Review.objects.filter(instrument="UNTOC").order_by("state_under_review")
        if _named_differently(participants.parties_of(r))
    )
    state, reviewer, *_ = participants.parties_of(review)
    focal_point = person(state, Role.FOCAL_POINT)
    participants.appoint(review=review, party=state, user=focal_point, role="focal_point", actor=secretariat)
    participants.appoint(
        review=review, party=state, user=person(state), role="governmental_expert", actor=focal_point
    )
    for kind, party in (
        ("self_assessment", state),
        ("feedback", reviewer),
        ("observations", state),
        ("summary", state),
    ):
        steps.document(review=review, phase=1, kind=kind, party=party, user=secretariat)
    return review


def review_pages(review) -> list[str]:
    state, reviewer, *_ = participants.parties_of(review)
    draw = Draw.objects.filter(cycle=review.cycle).latest("id")
    return [
        reverse("review:reviews"),
        reverse("review:review", args=[review.pk]),
        reverse("review:document", args=[review.pk, 1, "self_assessment", state]),
        reverse("review:document", args=[review.pk, 1, "feedback", reviewer]),
        reverse("review:document", args=[review.pk, 1, "observations", state]),
        reverse("review:document", args=[review.pk, 1, "summary", state]),
        reverse("review:dialogue", args=[review.pk, 1]),
        reverse("review:cycle", args=[review.cycle.number]),
        reverse("review:draw", args=[review.cycle.number, draw.pk]),
        reverse("review:dashboard", args=[review.cycle.number]),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_pages_name_states_and_instruments_in_the_readers_language(
    client, secretariat, review_of_a_renamed_state, language
):
    review = review_of_a_renamed_state
    signed_in(client, secretariat)
    with translation.override(language):
        urls = review_pages(review)
        expected_heading = review.state_under_review.name_in(language)
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert english_names_shown(html, language) == [], url
        assert english_titles_shown(html, language) == [], url
    page = client.get(urls[1]).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert expected_heading in heading and review.state_under_review.name not in heading


@pytest.fixture
def records_about_renamed_states(secretariat):
    """A published case of the Democratic Republic of the Congo concerning the Russian Federation and the
    United Kingdom, with a defendant of Côte d'Ivoire, and a law of the Congo tagged to UNTOC art. 5."""
    article = Article.objects.get(instrument="UNTOC", number="5")
    case = create_record(
        user=secretariat,
        kind="case",
        fields={"title": "Case 1/2015", "jurisdiction_id": "COD", "date": date(2015, 1, 1)},
        relations={"countries": ["RUS", "GBR"], "articles": [article]},
        people={"defendants": [{"name": "A.", "nationality_id": "CIV"}]},
    )
    law = create_record(
        user=secretariat,
        kind="legislation",
        fields={"title": "Law 5", "jurisdiction_id": "COD", "year": 2010},
        relations={"articles": [article]},
    )
    for record in (case, law):
        for state in ("submitted", "verified", "published"):
            record = transition_record(record=record, user=secretariat, to_state=state)
    return case


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_and_knowledge_pages_name_states_in_the_readers_language(
    client, secretariat, records_about_renamed_states, language
):
    signed_in(client, secretariat)
    with translation.override(language):
        urls = [
            reverse("register:parties"),
            reverse("register:party", args=["COD"]),
            reverse("register:instrument", args=["UNTOC"]),
            reverse("register:import", args=[StatusImport.objects.earliest("id").pk]),
            reverse("knowledge:record", args=[records_about_renamed_states.pk]),
            reverse("knowledge:records"),
            reverse("knowledge:search") + "?party=COD",
            reverse("knowledge:implementation", args=["UNTOC", "5"]),
            reverse("knowledge:record_new", args=["case"]),
            reverse("knowledge:record_edit", args=[records_about_renamed_states.pk]),
            reverse("accounts:organisation_add"),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_names_shown(response.content.decode(), language) == [], url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_self_assessment_export_names_the_state_and_instrument_in_the_readers_language(
    client, secretariat, review_of_a_renamed_state, language
):
    review = review_of_a_renamed_state
    signed_in(client, secretariat)
    url = reverse("review:saq_export", args=[review.pk, 1, review.state_under_review_id, "docx"]).replace(
        "/en/", f"/{language}/", 1
    )
    title = Document(io.BytesIO(client.get(url).content)).core_properties.title
    with translation.override(language):
        instrument = review.instrument.local_short_title
    assert review.state_under_review.name_in(language) in title and instrument in title
    assert review.state_under_review.name not in title and review.instrument.short_title not in title
