"""The search index's life: every write re-indexes the record, small segments merge, a rebuild changes no
answer, and what a record no longer says is no longer found (runs on SQLite and PostgreSQL)."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from palermo.knowledge.domain.records import create_record, transition_record, update_record
from palermo.knowledge.models import Record, SearchSegment
from palermo.knowledge.search import index
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.text import WORD, _words
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    user = UserFactory(role="secretariat_admin")
    user.is_verified = lambda: True
    return user


def publish(user, title: str, summary: str, year: int = 2015) -> Record:
    record = create_record(
        user=user,
        kind="case",
        fields={
            "title": title,
            "jurisdiction_id": "ITA",
            "date": date(year, 1, 1),
            "summary": {"en": summary},
        },
    )
    for state in ("submitted", "verified", "published"):
        record = transition_record(record=record, user=user, to_state=state)
    return record


def found(q: str, **params) -> list[str]:
    result = search(SearchParams(q=q, per_page=100, **params), AnonymousUser())
    assert not result.error, result.error
    return [hit.record.title for hit in result.hits]


def test_an_edit_replaces_what_the_index_knew(secretariat):
    record = publish(secretariat, "Harbour case", "Migrants were smuggled by sea.")
    assert found('"by sea"') == ["Harbour case"]
    update_record(
        record=record,
        user=secretariat,
        expected_version=record.version,
        fields={"summary": {"en": "Migrants crossed the desert."}},
    )
    assert found('"by sea"') == [] and found("desert") == ["Harbour case"]
    assert search(SearchParams(q="migrants"), AnonymousUser()).total == 1  # counted once, not per segment


def test_unpublishing_steps_are_indexed_too(secretariat):
    draft = create_record(
        user=secretariat, kind="case", fields={"title": "Quiet case", "jurisdiction_id": "FRA"}
    )
    assert found("quiet") == []
    for state in ("submitted", "verified", "published"):
        draft = transition_record(record=draft, user=secretariat, to_state=state)
    assert found("quiet") == ["Quiet case"]


def test_small_segments_are_merged(secretariat, monkeypatch):
    monkeypatch.setattr(index, "MAX_SMALL_SEGMENTS", 3)
    for number in range(6):
        publish(secretariat, f"Case {number}", f"Smuggling route number {number}.")
    assert SearchSegment.objects.count() <= 4
    assert sorted(found("smuggling")) == [f"Case {n}" for n in range(6)]
    assert found('"route number 4"') == ["Case 4"]


def test_a_rebuild_gives_the_same_answers(secretariat):
    for number, year in enumerate([2011, 2014, 2012]):
        publish(secretariat, f"Case {number}", f"Trafficking in persons, finding {number}.", year)
    queries = ["trafficking", '"in persons"', "traff*", "persons -finding"]
    before = {q: found(q) for q in queries} | {"by date": found("", sort="date")}
    out = StringIO()
    call_command("reindex_knowledge", stdout=out, stderr=StringIO())
    assert "Indexed 3 records" in out.getvalue()
    assert SearchSegment.objects.count() == 1
    assert {q: found(q) for q in queries} | {"by date": found("", sort="date")} == before
    assert before["by date"] == ["Case 1", "Case 2", "Case 0"]


def test_equal_scores_keep_the_order_of_ids_across_pages(secretariat):
    ids = [publish(secretariat, "Same", "identical words here").pk for _ in range(5)]
    seen = []
    for page in (1, 2, 3):
        result = search(SearchParams(q="identical", per_page=2, page=page), AnonymousUser())
        seen += [hit.record.pk for hit in result.hits]
    assert seen == sorted(ids)


def test_a_prefix_that_matches_too_much_is_explained(secretariat, monkeypatch):
    monkeypatch.setattr("palermo.knowledge.search.evaluate.MAX_PREFIX_TOKENS", 2)
    publish(secretariat, "Words", "alpha alphabet alpine alps")
    assert search(SearchParams(q="alp*"), AnonymousUser()).error == "alp* matches too many words: add letters"
    assert found("alphab*") == ["Words"]


def test_a_rebuild_in_worker_processes_gives_the_same_answers(register_data, monkeypatch):
    """Committed data, so that on PostgreSQL (and any database file) forked workers prepare the batches;
    an in-memory SQLite test database falls back to one process."""
    user = UserFactory(role="secretariat_admin")
    user.is_verified = lambda: True
    for number in range(7):
        publish(
            user, f"Case {number}", f"Trafficking in persons by sea, finding number {number}.", 2010 + number
        )
    before = {q: found(q) for q in ["trafficking", '"by sea"', "finding -persons", "numb*"]}
    assert index.rebuild(batch=2, workers=2) == 7
    assert {q: found(q) for q in before} == before
    assert SearchSegment.objects.count() == 4


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_fast_word_patterns_find_the_same_words(text):
    assert _words(text) == WORD.findall(text)
