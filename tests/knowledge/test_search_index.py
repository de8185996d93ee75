"""The search index's life: every write re-indexes the record, small segments merge, a rebuild changes no
answer, and what a record no longer says is no longer found (runs on SQLite and PostgreSQL)."""

import sqlite3
from io import StringIO

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from palermo import settings as settings_module
from palermo.knowledge.domain.records import create_record, transition_record, update_record
from palermo.knowledge.models import Record, SearchSegment
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchToken
from palermo.knowledge.search import index, numbering
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.evaluate import Evaluator
from palermo.knowledge.search.numbering import TokenNumbers
from palermo.knowledge.search.segments import (
    BUCKET_BITS,
    TOKEN_BITS,
    _records,
    segment_keys,
    store_coded,
    stored_values,
)
from palermo.knowledge.search.snapshot import current
from palermo.knowledge.search.text import WORD, _words, tokens
from tests.factories import UserFactory, published_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    user = UserFactory(role="secretariat_admin")
    user.is_verified = lambda: True
    return user


def publish(user, title: str, summary: str, year: int = 2015) -> Record:
    return published_case(title, summary, year=year, user=user)


def found(q: str, **params) -> list[str]:
    result = search(SearchParams(q=q, per_page=100, **params), AnonymousUser())
    assert not result.error, result.error
    return [hit.record.title for hit in result.hits]


def test_the_indexer_reads_records_as_the_orm_does(secretariat):
    """The indexer reads records with a plain cursor and converts the values itself (JSON, dates, times): it
    must read what the ORM reads, on either database."""
    case = publish(secretariat, "Ship case", "Migrants were smuggled by sea.", year=2011)
    book = create_record(
        user=secretariat,
        kind="bibliography",
        fields={"title": "A study", "summary": {"fr": "Étude", "en": "Study"}, "year": 2019},
        detail={"authors": ["Ana Núñez", "李明"], "publisher": "UNODC", "keywords": ["smuggling"]},
    )
    read = {record.pk: record for record in _records(sorted([case.pk, book.pk]))}
    for record in (Record.objects.get(pk=case.pk), Record.objects.get(pk=book.pk)):
        got = read[record.pk]
        assert (got.title, got.summary, got.commentary, got.date, got.year, got.state) == (
            record.title,
            record.summary,
            record.commentary,
            record.date,
            record.year,
            record.state,
        )
        assert got.published_at == record.published_at
        assert (got.published_at.timestamp() if got.published_at else None) == (
            record.published_at.timestamp() if record.published_at else None
        )
    assert read[case.pk].published_at is not None and read[case.pk].date.year == 2011
    assert read[case.pk].case.court == Record.objects.get(pk=case.pk).case.court
    detail = Record.objects.get(pk=book.pk).bibliography
    assert (read[book.pk].bibliography.authors, read[book.pk].bibliography.keywords) == (
        detail.authors,
        detail.keywords,
    )
    assert read[book.pk].bibliography.authors == ["Ana Núñez", "李明"]


@pytest.mark.parametrize("before", ["0", "1", "FAST"])
def test_dropping_the_old_index_zeroes_only_what_costs_no_more_writing(before):
    """A rebuild drops the old segments with SQLite's secure_delete = FAST, then restores the setting."""
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")

    def setting() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            return int(cursor.fetchone()[0])

    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA secure_delete = {before}")
    expected = setting()
    with index.secure_delete_fast():
        assert setting() == 2  # FAST
    assert setting() == expected


def test_paragraphs_without_index_tokens_do_not_join_or_split_phrases(secretariat):
    """A title of one word too long to index has no tokens; the paragraphs after it keep their phrases."""
    publish(secretariat, "x" * 70, "Migrants were smuggled by sea.\n\nSea crossings continued.")
    assert found('"by sea"') == ["x" * 70]
    assert found('"smuggled by sea"') == ["x" * 70]
    assert found('"sea sea"') == []  # "sea." ends one paragraph, "Sea" starts the next


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


def test_an_edit_replaces_the_facets_the_index_knew_in_a_running_process(secretariat):
    """A process that has loaded the index reads the edit's new segment on top: the record's old crime type
    is no longer counted, nor found by its filter, and the new one is; after more edits still once each."""
    from palermo.knowledge.models import Term, Vocabulary

    smuggling, firearms = (
        Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug=slug)
        for slug in ("smuggling-of-migrants", "trafficking-in-firearms")
    )
    record = publish(secretariat, "Harbour case", "Migrants were smuggled by sea.")
    other = publish(secretariat, "Border case", "Migrants crossed the border.")
    for tagged in (record, other):
        tagged = Record.objects.get(pk=tagged.pk)
        update_record(
            record=tagged,
            user=secretariat,
            expected_version=tagged.version,
            fields={},
            relations={"crime_types": [smuggling]},
        )

    def counts() -> dict[str, int]:
        facets = search(SearchParams(q="migrants"), AnonymousUser()).facets["crime_type"]
        return {value: count for value, _label, count in facets}

    assert counts().get("smuggling-of-migrants") == 2
    for _round in range(2):
        record = Record.objects.get(pk=record.pk)
        update_record(
            record=record,
            user=secretariat,
            expected_version=record.version,
            fields={},
            relations={"crime_types": [firearms]},
        )
        assert counts().get("smuggling-of-migrants") == 1 and counts().get("trafficking-in-firearms") == 1
        assert found("migrants", crime_type="trafficking-in-firearms") == ["Harbour case"]


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
    assert "Gave back 0 MB" in out.getvalue()  # (an in-memory or PostgreSQL test database has none to give)
    assert SearchSegment.objects.count() == 1
    assert {q: found(q) for q in queries} | {"by date": found("", sort="date")} == before
    assert before["by date"] == ["Case 1", "Case 2", "Case 0"]


def test_a_segment_is_one_range_of_keys(secretariat):
    """Rows are keyed segment << bits | token (or bucket): dropping a segment removes its range, nothing else."""
    for number in range(3):
        publish(secretariat, f"Case {number}", f"Smuggling by sea, finding {number}.")
    segments = list(SearchSegment.objects.values_list("id", flat=True))

    def rows(segment: int) -> tuple[int, int]:
        postings = SearchPostings.objects.filter(key__range=segment_keys(segment, TOKEN_BITS))
        return postings.count(), SearchPairs.objects.filter(
            key__range=segment_keys(segment, BUCKET_BITS)
        ).count()

    before = {segment: rows(segment) for segment in segments}
    assert all(postings and pairs for postings, pairs in before.values())
    assert sum(postings for postings, _pairs in before.values()) == SearchPostings.objects.count()
    index.delete_segments([segments[1]])
    assert {segment: rows(segment) for segment in segments} == before | {segments[1]: (0, 0)}
    assert not SearchSegment.objects.filter(pk=segments[1]).exists()


def test_equal_scores_of_the_same_day_page_by_the_highest_id_first(secretariat):
    ids = [publish(secretariat, "Same", "identical words here").pk for _ in range(5)]
    seen = []
    for page in (1, 2, 3):
        result = search(SearchParams(q="identical", per_page=2, page=page), AnonymousUser())
        seen += [hit.record.pk for hit in result.hits]
    assert seen == sorted(ids, reverse=True)


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


PARAGRAPHS = st.lists(
    st.text(alphabet=st.characters(max_codepoint=127))
    | st.text(alphabet="ab 漢字中文é" + "x" * 3)
    | st.just("y" * 70)  # one word too long to index: no tokens at all
    | st.text(),
    max_size=5,
)


@given(PARAGRAPHS, st.sampled_from(["en", "fr", "zh-hans", "ru"]))
def test_the_indexer_numbers_the_same_tokens_as_the_searcher(paragraphs, language):
    """TokenNumbers (indexing) gives, paragraph by paragraph, the tokens tokens() (queries, snippets) gives."""
    numbers = TokenNumbers()
    codes, lengths = bytearray(), []
    for text in paragraphs:
        found = numbers.add_codes(codes, text, language)
        if found:
            lengths.append(found)
    numbered, paragraph_lengths = numbers.expand(codes, lengths)
    expected = [tokens(text, language) for text in paragraphs if _words(text)]
    assert paragraph_lengths.tolist() == [len(found) for found in expected]
    assert [numbers.texts[n] for n in numbered.tolist()] == [t for found in expected for t in found]


def test_the_indexer_starts_its_word_table_afresh_past_its_limit(monkeypatch):
    """Past WORD_CACHE_LIMIT words a language's table is cleared before the next text, and still codes every
    word as before (a text with more new words than the limit is read once more, not forever)."""
    monkeypatch.setattr(numbering, "WORD_CACHE_LIMIT", 3)
    numbers = TokenNumbers()
    codes, lengths = bytearray(), []
    texts = ["alpha beta gamma delta epsilon", "beta zeta", "Alpha alpha ALPHA", "eta theta iota kappa"]
    sizes = []
    for text in texts:
        lengths.append(numbers.add_codes(codes, text, "en"))
        sizes.append(len(numbers._tables["en"]))  # words as written: Alpha, alpha and ALPHA are three
    assert sizes == [5, 2, 5, 4]
    numbered, _lengths = numbers.expand(codes, lengths)
    expected = [t for text in texts for t in tokens(text, "en")]
    assert [numbers.texts[n] for n in numbered.tolist()] == expected


def test_a_new_process_searches_an_empty_index(monkeypatch):
    """A fresh installation without records answers searches (no snapshot was ever built)."""
    from palermo.knowledge.search import snapshot

    monkeypatch.setattr(snapshot, "_current", snapshot.Snapshot())
    assert found("trafficking") == []
    assert search(SearchParams(), AnonymousUser()).total == 0


def _file_with_free_pages(path, init: str) -> sqlite3.Connection:
    database = sqlite3.connect(path, isolation_level=None)
    database.executescript(init + "CREATE TABLE segment (blob BLOB);")
    database.executemany("INSERT INTO segment VALUES (?)", [(bytes(4000),) for _ in range(500)])
    database.execute("DELETE FROM segment WHERE rowid % 2 = 0")
    assert database.execute("PRAGMA freelist_count").fetchone()[0] > 200
    return database


@pytest.mark.parametrize("made_before_incremental_vacuum", [False, True])
def test_a_rebuild_gives_the_pages_it_freed_back(tmp_path, made_before_incremental_vacuum):
    """A database file made with Palermo's settings gives dropped segments' pages back incrementally; an
    older file is converted once (VACUUM), then gives them back incrementally too."""
    init = "PRAGMA journal_mode=WAL;" if made_before_incremental_vacuum else settings_module.SQLITE_INIT
    database = _file_with_free_pages(tmp_path / "palermo.sqlite3", init)
    pages = database.execute("PRAGMA page_count").fetchone()[0]
    given_back = index.free_pages(database.cursor())
    assert given_back >= 200 * 4096
    assert database.execute("PRAGMA page_count").fetchone()[0] == pages - given_back // 4096
    assert database.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert database.execute("PRAGMA auto_vacuum").fetchone()[0] == index.INCREMENTAL
    assert database.execute("SELECT count(*) FROM segment").fetchone()[0] == 250
    assert index.free_pages(database.cursor()) == 0


def _next_record_id(number: int) -> None:
    """Make the database give the next record this id."""
    table = Record._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [number - 1, table])
        else:
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, number - 1])


def test_postings_are_read_back_across_a_gap_in_the_ids_and_a_word_repeated(secretariat):
    """Postings count records from the segment's lowest id, so a gap of 70,000 ids and a word written 300
    times in one record must come back exactly (tests/knowledge/test_packing.py tests the lists)."""
    first = publish(secretariat, "Near", "Zeta route.")
    _next_record_id(first.pk + 70_000)
    far = publish(secretariat, "Far", "zeta " * 300)
    index.rebuild()
    frequencies = Evaluator(current()).token_frequencies(
        list(SearchToken.objects.filter(text="zeta:en").values_list("id", flat=True))
    )
    assert frequencies[first.pk] == 1 and frequencies[far.pk] == 300
    assert sorted(found("zeta")) == ["Far", "Near"]
    assert found('"zeta zeta zeta"') == ["Far"]


def test_string_columns_are_stored_coded_and_read_either_way():
    columns: dict = {}
    store_coded(columns, "party", np.array(["ITA", "", "ITA", "MEX"]))
    assert columns["party.names"].tolist() == ["", "ITA", "MEX"]
    assert columns["party.codes"].dtype == np.uint16 and columns["party.codes"].tolist() == [1, 0, 1, 2]
    earlier = {"party": np.array(["ITA", "", "ITA", "MEX"], dtype="U8")}  # as an earlier version stored it
    for stored in (columns, earlier):
        assert stored_values(stored, "party").tolist() == ["ITA", "", "ITA", "MEX"]
