"""Search: the same answers on SQLite and PostgreSQL (this file runs on both), checked against a reference
evaluator in Python, plus facets, filters, sorting, pages and snippets."""

import functools
import re
import unicodedata
from datetime import date

import pytest
import snowballstemmer
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.knowledge.domain.records import create_record, transition_record
from palermo.knowledge.models import Record, Term, Vocabulary
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.passages import passages_of
from palermo.knowledge.search.query import And, Not, Or, Phrase, QueryError, parse
from palermo.knowledge.search.query import Term as QTerm
from tests.factories import UserFactory, published_case

pytestmark = pytest.mark.django_db

CORPUS = [
    ("ITA", "case", "en", "Smuggling of migrants by sea from Libya; the smugglers were convicted.", 2016),
    (
        "ITA",
        "legislation",
        "en",
        "Whoever smuggles migrants shall be punished. Trafficking in persons is distinct.",
        2009,
    ),
    ("FRA", "case", "fr", "Trafic illicite de migrants par mer; les passeurs ont été condamnés.", 2014),
    ("ESP", "case", "es", "Tráfico ilícito de migrantes por mar desde Marruecos.", 2012),
    ("RUS", "case", "ru", "Незаконный ввоз мигрантов и торговля людьми.", 2011),
    ("EGY", "case", "ar", "تهريب المهاجرين عن طريق البحر والاتجار بالأشخاص.", 2015),
    ("CHN", "case", "zh-hans", "本案涉及贩运人口和偷运移民。", 2013),
    ("NGA", "case", "en", "Trafficking in persons for forced labour; the trafficker was acquitted.", 2010),
    ("GBR", "strategy", "en", "National strategy against modern slavery and trafficking of persons.", 2014),
]


@pytest.fixture
def corpus(db):
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    smuggling = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="smuggling-of-migrants")
    trafficking = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="trafficking-in-persons")
    records = []
    for number, (party, kind, language, summary, year) in enumerate(CORPUS):
        crime = trafficking if "raffick" in summary or "贩运" in summary else smuggling
        record = create_record(
            user=secretariat,
            kind=kind,
            fields={
                "title": f"Record {number}",
                "jurisdiction_id": party,
                "date": date(year, 6, 1),
                "summary": {language: summary},
            },
            relations={"crime_types": [crime]},
            detail={"law_title": "Code"} if kind == "legislation" else {},
        )
        if number != 7:  # record 7 stays a draft
            for state in ("submitted", "verified", "published"):
                record = transition_record(record=record, user=secretariat, to_state=state)
        records.append(record)
    return records


def titles(q, user=None, **params):
    result = search(SearchParams(q=q, per_page=100, **params), user or AnonymousUser())
    assert not result.error, result.error
    return sorted(hit.record.title for hit in result.hits)


def reference(node, passages: list[tuple[str, str]], query_language: str = "en") -> bool:
    """The meaning of a query over a record's passages ((language, text) pairs), evaluated by a full scan in
    plain Python, apart from the index. A word matches a passage in language L when one of the passage's
    words has, under L's stemming, the word's stem under L's stemming or under the query's language's (words
    as written, folded, in a language without a stemmer); a phrase when its words follow one another so; a
    prefix when a word's stem starts with it. CJK text is read as overlapping character pairs. Any passage
    may satisfy a term."""
    if isinstance(node, QTerm):
        if node.prefix:
            start = _folded(node.word)
            return any(
                unit.startswith(start) for language, text in passages for unit in units(text, language)
            )
        return _found(node.word, passages, query_language)
    if isinstance(node, Phrase):
        return _found(" ".join(node.words), passages, query_language)
    if isinstance(node, Not):
        return not reference(node.child, passages, query_language)
    if isinstance(node, And):
        return all(reference(c, passages, query_language) for c in node.children)
    if isinstance(node, Or):
        return any(reference(c, passages, query_language) for c in node.children)
    raise AssertionError(node)


def _found(words: str, passages: list[tuple[str, str]], query_language: str) -> bool:
    return any(
        _contains(units(text, language), units(words, stemming))
        for language, text in passages
        for stemming in (language, query_language)
    )


REFERENCE_STEMMERS = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=500_000)
def units(text: str, language: str) -> tuple[str, ...]:
    """The reference's reading of a text in `language`: each word's stem in that language (folded as
    written where it has no stemmer), CJK runs as overlapping character pairs, stems over 60 left out."""
    stemmer = (
        snowballstemmer.stemmer(REFERENCE_STEMMERS[language]) if language in REFERENCE_STEMMERS else None
    )
    found: list[str] = []
    for word in re.findall(r"[^\W_]+", text):
        position = 0
        for run in [*HAN_KANA.finditer(word), None]:
            end = run.start() if run else len(word)
            if end > position:
                folded = _folded(word[position:end])
                unit = stemmer.stemWord(folded) if stemmer else folded
                if len(unit) <= 60:
                    found.append(unit)
            if run:
                chars = run.group()
                found += [chars] if len(chars) == 1 else [chars[i : i + 2] for i in range(len(chars) - 1)]
                position = run.end()
    return tuple(found)


def tag_names(record) -> list[tuple[str, str]]:
    """The names of what a record is tagged with, each as one more paragraph: its crime types', facet
    values' and cross-cutting issues' labels, and its State's and the countries concerned's names (in six
    languages, the English name and the aliases)."""
    texts = []
    for term in [*record.crime_types.all(), *record.facet_values.all(), *record.cross_cutting.all()]:
        texts += [(text, language) for language, text in term.labels.items()]
    for party in [record.jurisdiction, *record.countries.all()]:
        if party is not None:
            texts += [(text, language) for language, text in party.names.items()]
            texts += [(text, "en") for text in [party.name, *party.aliases]]
    return [(language, text) for text, language in texts if text]


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    return bool(needle) and any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


SMUGGLING = ["Record 0", "Record 2", "Record 3", "Record 4", "Record 5"]  # tagged smuggling of migrants
TRAFFICKING = ["Record 1", "Record 6", "Record 8"]  # tagged trafficking in persons (Record 7 is a draft)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # in the text: 0 to 3 (in three languages); in the name of the crime type the others are tagged with
        ("migrants", sorted({"Record 0", "Record 1", "Record 2", "Record 3", *SMUGGLING})),
        ("smuggling", sorted({"Record 0", "Record 1", *SMUGGLING})),  # "smuggles" has the same stem
        ('"by sea"', ["Record 0"]),
        ("trafficking -slavery", ["Record 1", "Record 6"]),
        ("trafficking OR traffic", TRAFFICKING),
        ("smuggl*", sorted({"Record 0", "Record 1", *SMUGGLING})),
        ("mer", ["Record 2"]),
        ("мигрантов", SMUGGLING),  # Record 4's text, the Russian name of the others' crime type
        ("المهاجرين", SMUGGLING),
        ("贩运人口", TRAFFICKING),
        ("偷运", sorted({"Record 6", *SMUGGLING})),
        ("(sea OR mar) migrants", ["Record 0", "Record 3"]),
        ("Italy", ["Record 0", "Record 1"]),  # the State's names, in any language
        ("Italie", ["Record 0", "Record 1"]),
        ("nothingmatches", []),
    ],
)
def test_query_mix_gives_the_expected_records(corpus, q, expected):
    assert titles(q) == expected


def test_the_draft_is_found_only_by_who_may_see_it(corpus):
    assert "Record 7" not in titles("acquitted")
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    assert titles("acquitted", secretariat) == ["Record 7"]


def test_query_errors_are_explained(corpus):
    assert search(SearchParams(q="NOT migrants"), AnonymousUser()).error
    assert search(SearchParams(q="(migrants"), AnonymousUser()).error == "unbalanced parentheses"
    assert titles("«by sea»") == titles('"by sea"') == ["Record 0"]
    with pytest.raises(QueryError):
        parse("-a -b")


WORDS = st.sampled_from(
    [
        "migrants",
        "sea",
        "mer",
        "trafficking",
        "persons",
        "smuggl",
        "mar",
        "convicted",
        "los",
        "italie",
        "trata",
    ]
)


@st.composite
def queries(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=3))
    parts = []
    for word in words:
        style = draw(st.sampled_from(["plain", "prefix", "not", "or"]))
        if style == "prefix":
            parts.append(word[:4] + "*")
        elif style == "not" and parts:
            parts.append("-" + word)
        elif style == "or" and parts:
            parts.append("OR " + word)
        else:
            parts.append(word)
    if draw(st.booleans()):
        parts.append('"' + " ".join(draw(st.lists(WORDS, min_size=2, max_size=2))) + '"')
    return " ".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=queries())
def test_the_database_agrees_with_the_reference_evaluator(corpus, q):
    try:
        node = parse(q)
    except QueryError:
        return
    published = Record.objects.published()
    passages = {}
    for record in published:
        passages[record.pk] = [(p.language, p.text) for p in passages_of(record)] + tag_names(record)
    expected = sorted(r.title for r in published if reference(node, passages.get(r.pk, [])))
    assert titles(q) == expected, q


def test_filters_and_facets(corpus):
    result = search(SearchParams(q="migrants", kind="case"), AnonymousUser())
    assert sorted(h.record.title for h in result.hits) == SMUGGLING
    facets = result.facets
    assert ("case", "Case law", 5) in facets["kind"]
    assert dict((code, n) for code, _label, n in facets["party"]) == {
        "ITA": 1,
        "FRA": 1,
        "ESP": 1,
        "RUS": 1,
        "EGY": 1,
    }
    assert titles("migrants", party="ita") == ["Record 0", "Record 1"]
    assert titles("migrants", year_from=2013, year_to=2015) == ["Record 2", "Record 5"]
    assert titles("", group="WEOG", crime_type="trafficking-in-persons") == ["Record 1", "Record 8"]


def test_sorting_by_date_and_stable_pages(corpus):
    newest_first = search(SearchParams(q="", sort="date", per_page=3, page=1), AnonymousUser())
    # 2016, 2015, then the newest record of the two from 2014 (ties break on the id, newest first)
    assert [h.record.title for h in newest_first.hits] == ["Record 0", "Record 5", "Record 8"]
    seen = []
    assert newest_first.pages == 3
    for page in range(1, newest_first.pages + 1):
        seen += [
            h.record.pk
            for h in search(SearchParams(sort="date", per_page=3, page=page), AnonymousUser()).hits
        ]
    assert len(seen) == len(set(seen)) == 8  # every record once, none twice


def test_equal_scores_are_ordered_newest_first_then_by_the_highest_id(db):
    """Ties break in one documented order, whatever order the records were written in: two installations with
    the same records page them the same way (the id decides only between records of the same day)."""
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    for title, day in [
        ("B", date(2012, 1, 1)),
        ("A", date(2019, 5, 1)),
        ("C", None),
        ("D", date(2015, 3, 3)),
    ]:
        for copy in ("1", "2"):
            record = create_record(
                user=secretariat,
                kind="case",
                fields={"title": f"{title} {copy}", "date": day, "summary": {"en": "A court ruled."}},
            )
            for state in ("submitted", "verified", "published"):
                transition_record(record=record, user=secretariat, to_state=state)
    found = search(SearchParams(q="ruled", per_page=3), AnonymousUser())
    assert len({hit.score for hit in found.hits}) == 1  # titles of the same length: the same score
    order = [
        hit.record.title
        for page in (1, 2, 3)
        for hit in search(SearchParams(q="ruled", per_page=3, page=page), AnonymousUser()).hits
    ]
    assert order == ["A 2", "A 1", "D 2", "D 1", "B 2", "B 1", "C 2", "C 1"]


def test_snippets_mark_the_matched_words_and_link_to_the_paragraph(corpus):
    hit = search(SearchParams(q="migrants sea"), AnonymousUser()).hits[0]
    assert hit.anchor.startswith("summary-en-")
    assert "<mark>migrants</mark>" in hit.snippet and "<mark>sea</mark>" in hit.snippet


def test_a_phrase_snippet_is_the_paragraph_with_the_phrase_marked_whole(db):
    published_case(
        "Phrase case",
        "The sea was calm and they came by night.\n\nLater the migrants were carried by sea to Italy; by land "
        "they went on to France.",
    )
    hit = search(SearchParams(q='"by sea"'), AnonymousUser()).hits[0]
    assert hit.anchor == "summary-en-2"  # not the first paragraph, which has both words apart
    assert "carried <mark>by</mark> <mark>sea</mark> to Italy; by land" in hit.snippet
    both = search(SearchParams(q='"by sea" night'), AnonymousUser()).hits[0]
    assert both.anchor == "summary-en-1" and "came by <mark>night</mark>" in both.snippet


def test_snippets_escape_html(db):
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    record = create_record(
        user=secretariat,
        kind="strategy",
        fields={
            "title": "X",
            "jurisdiction_id": "ITA",
            "year": 2015,
            "summary": {"en": "<script>alert(1)</script> migrants"},
        },
    )
    hit = search(SearchParams(q="migrants"), secretariat).hits[0]
    assert hit.record == record and "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_the_search_page_and_its_htmx_results(corpus, client):
    page = client.get("/en/knowledge/?q=migrants+sea").content.decode()
    assert "1 record" in page and "<mark>sea</mark>" in page and 'href="/en/knowledge/records/' in page
    partial = client.get("/fr/knowledge/?q=migrants&kind=case", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "5 enregistrements" in partial
    assert "Jurisprudence" in partial  # facet labels in the page's language
    error = client.get("/en/knowledge/?q=NOT+migrants").content.decode()
    assert "This search cannot be run" in error


def test_a_hit_links_to_its_paragraph_on_the_record_page(corpus, client):
    hit = search(SearchParams(q="passeurs"), AnonymousUser()).hits[0]
    assert hit.anchor == "summary-fr-1"
    page = client.get(f"/en/knowledge/records/{hit.record.pk}/").content.decode()
    assert 'id="summary-fr-1"' in page and "les passeurs ont été condamnés" in page


def test_search_through_the_api(corpus, client):
    data = client.get("/api/v1/search/", {"q": "migrants", "kind": "case", "per_page": "2"}).json()
    assert data["total"] == 5 and data["pages"] == 3 and len(data["results"]) == 2
    assert {f["value"]: f["count"] for f in data["facets"]["party"]} == {
        "ITA": 1,
        "FRA": 1,
        "ESP": 1,
        "RUS": 1,
        "EGY": 1,
    }
    first = data["results"][0]
    assert first["snippet"] and "<mark>" not in first["snippet"] and first["anchor"].startswith("summary-")
    assert client.get("/api/v1/search/", {"q": "NOT x"}).status_code == 400
    assert client.get("/api/v1/search/", {"year_from": "abc"}).status_code == 400
    assert "/api/v1/search/" in client.get("/api/schema/?format=json").json()["paths"]


def test_the_results_download_in_search_order(corpus, client):
    import csv
    import io
    import json

    response = client.get("/en/knowledge/search.csv?q=migrants&sort=date")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["title"] for r in rows] == [f"Record {n}" for n in (0, 5, 2, 3, 4, 1)]  # 2016 … 2009
    lines = b"".join(
        client.get("/en/knowledge/search.jsonl?q=migrants&kind=case").streaming_content
    ).splitlines()
    assert sorted(json.loads(line)["title"] for line in lines) == SMUGGLING


def test_an_atom_feed_of_a_saved_search(corpus, client):
    response = client.get("/en/knowledge/feed/?q=migrants&kind=case")
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.count("<entry>") == 5 and "Record 0" in feed and "Record 8" not in feed
    assert "/en/knowledge/?q=migrants&amp;kind=case" in feed


def test_filter_and_facet_by_geographic_subregion(corpus, client):
    assert titles("", subregion="039") == ["Record 0", "Record 1", "Record 3"]  # Southern Europe: ITA, ESP
    data = client.get("/api/v1/search/", {"q": "migrants", "language": "fr"}).json()
    # Southern and Western Europe, Northern Africa (EGY), Eastern Europe (RUS)
    assert {f["value"]: f["count"] for f in data["facets"]["subregion"]} == {
        "039": 3,
        "155": 1,
        "015": 1,
        "151": 1,
    }
    page = client.get("/fr/knowledge/?q=migrants").content.decode()
    assert "Europe du Sud" in page


def test_defendant_and_victim_facets(db, client):
    from tests.knowledge.test_exchange import CASE, write_jsonl  # noqa: F401  (the JSONL helper and a case)

    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    record = create_record(
        user=secretariat,
        kind="case",
        fields={"title": "Child victims case", "jurisdiction_id": "ITA", "year": 2016},
        people={
            "defendants": [{"name": "A.", "gender": "female"}],
            "victims": [{"count": 3, "age_group": "child"}],
        },
    )
    create_record(
        user=secretariat,
        kind="case",
        fields={"title": "Other", "jurisdiction_id": "ITA", "year": 2016},
        people={"defendants": [{"name": "B.", "gender": "male"}], "victims": []},
    )
    result = search(SearchParams(victim_age="child"), secretariat)
    assert [h.record for h in result.hits] == [record]
    assert ("female", "Female", 1) in result.facets["defendant_gender"]
    assert titles("", secretariat, defendant_gender="male") == ["Other"]


def test_filters_keep_their_translated_labels_when_nothing_matches(corpus, client):
    query = "q=nothingmatches&kind=case&crime_type=smuggling-of-migrants&party=ITA&group=WEOG"
    page = client.get(f"/fr/knowledge/?{query}").content.decode()
    # in French, though no facet lists them
    for label in [
        "Jurisprudence",
        "Trafic illicite de migrants",
        "Italie",
        "Groupe des États d’Europe occidentale et autres États",
    ]:
        assert f'<span class="chip">{label} <a' in page, label


# A generated multilingual corpus: words that stem alike in one language and not in another, rare names next
# to longer names they are the start of, and CJK. Each record has passages in one to three languages.
POOLS = {
    "en": ["Rosaki", "Rosakize", "Minele", "evidence", "evidentiary", "court", "courts", "migrants", "sea"],
    "fr": ["Rosakize", "Rosaki", "évidence", "preuves", "migrants", "mer", "Minelida", "cour", "tribunaux"],
    "es": ["Minele", "Minelida", "migrantes", "mar", "evidencia", "tribunal", "sea", "Rosaki"],
    "ru": ["мигрантов", "мигранты", "суд", "суда", "Розаки", "Rosaki"],
    "ar": ["المهاجرين", "المهاجر", "محكمة", "Minele"],
    "zh-hans": ["贩运人口", "偷运移民", "法院", "Rosaki"],
}
PROBES = sorted({word for pool in POOLS.values() for word in pool} | {"evidenc", "Minel"})


@pytest.fixture
def babel(db):
    """Sixty published records with generated passages (a fixed seed: the same corpus on both databases)."""
    import random

    randomness = random.Random(17)
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    for number in range(60):
        languages = randomness.sample(sorted(POOLS), randomness.randint(1, 3))
        summary = {
            language: " ".join(randomness.choices(POOLS[language], k=randomness.randint(2, 6)))
            for language in languages
        }
        record = create_record(
            user=secretariat,
            kind="case",
            fields={
                "title": f"Generated {number}",
                "date": date(2000 + number % 20, 1, 1),
                "summary": summary,
            },
        )
        for state in ("submitted", "verified", "published"):
            transition_record(record=record, user=secretariat, to_state=state)


def scanned(q: str, language: str = "en") -> list[str]:
    """The titles a full scan of the published records finds for `q` in `language` (the reference)."""
    node = parse(q)
    found = []
    for record in Record.objects.published():
        passages = [(p.language, p.text) for p in passages_of(record)] + tag_names(record)
        if reference(node, passages, language):
            found.append(record.title)
    return sorted(found)


@st.composite
def multilingual_queries(draw):
    words = draw(st.lists(st.sampled_from(PROBES), min_size=1, max_size=3))
    parts = []
    for word in words:
        style = draw(st.sampled_from(["plain", "plain", "prefix", "not", "or", "phrase"]))
        if style == "prefix":
            parts.append(word[:4] + "*")
        elif style == "not" and parts:
            parts.append("-" + word)
        elif style == "or" and parts:
            parts.append("OR " + word)
        elif style == "phrase":
            parts.append(f'"{word} {draw(st.sampled_from(PROBES))}"')
        else:
            parts.append(word)
    return " ".join(parts)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=multilingual_queries(), language=st.sampled_from(["en", "fr", "es", "ru", "ar", "zh-hans"]))
def test_a_full_scan_agrees_with_the_index_on_a_multilingual_corpus(babel, q, language):
    try:
        parse(q)
    except QueryError:
        return
    assert titles(q, languages=(language, "en")) == scanned(q, language), (q, language)


@pytest.mark.parametrize("q", PROBES)
def test_each_word_matches_only_under_the_stemming_of_each_texts_language(babel, q):
    """Every probe alone: "Rosaki" is not found in "Rosakize" (its French stem is), "Minelida" not in an
    English "Minele", "evidence" not in "evidentiary"."""
    assert titles(q) == scanned(q), q


def test_rare_names_are_found_only_where_written_so(babel):
    def written(word: str) -> set[str]:
        return {
            record.title
            for record in Record.objects.published()
            if any(word in re.findall(r"[^\W_]+", text) for text in record.summary.values())
        }

    rosaki = set(titles("Rosaki"))
    assert written("Rosaki") <= rosaki
    # the only other records it finds have "Rosakize" in French, which French stems as "Rosaki"'s stem
    for title in rosaki - written("Rosaki"):
        record = Record.objects.get(title=title)
        assert "Rosakize" not in record.summary.get("en", "")
    english_minele = {
        record.title
        for record in Record.objects.published()
        if "Minele" in record.summary.get("en", "") and set(record.summary) <= {"en", "ar"}
    }
    assert english_minele and not english_minele & set(titles("Minelida"))


class _Ranked:
    """A stand-in snapshot for paging: only the newest-first rank of each record."""

    def __init__(self, rank):
        self.rank = rank

    def date_rank(self):
        return self.rank


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("limit", [1, 20, 1000])
def test_a_page_by_relevance_is_the_start_of_the_full_order(seed, limit):
    """Large result sets are paged from a guessed lowest score (`Matches._best`) instead of ranking every
    match: the page must be exactly the start of the full order, ties included, whether the guess leaves
    many, few or too few matches (then every match is ranked), or every score is the same."""
    import numpy as np

    from palermo.knowledge.search.engine import Matches

    generator = np.random.default_rng(seed)
    size = 300_000
    distinct = [1, 3, 50, 2000, 100_000, size][seed]  # from every score equal to all different
    scores = generator.integers(0, distinct, size).astype(np.float32) / 7
    selected = generator.random(size) < [0.9, 0.5, 0.01, 0.999, 0.3, 0.002][seed]
    if seed == 4:  # the best scores are all in the sampled records: the guess leaves only them
        scores[::64] += 10_000
    matches = Matches(_Ranked(generator.permutation(size).astype(np.int32)), selected, scores, node=None)
    everything = matches.ordered("relevance")
    assert matches.ordered("relevance", limit=limit).tolist() == everything[:limit].tolist()


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["sea", "by", "land", "migrants", "the", "Smuggler", "<b>", "&", "港口"]),
        max_size=120,
    ),
    query=st.sampled_from(['"by sea"', "migrants", "smuggl*", '"the sea" land', "港口"]),
)
def test_a_snippet_reads_a_text_only_as_far_as_it_needs_and_marks_the_same(words, query):
    """`snippet` stops tokenizing after the window around the first match; what it shows is what marking the
    whole text shows (escaped, phrases marked whole, the ellipses where the text goes on)."""
    from palermo.knowledge.search.engine import highlight, matched, snippet
    from palermo.knowledge.search.query import wanted
    from palermo.knowledge.search.text import word_spans

    text = " ".join(words)
    looked_for = wanted(parse(query), "en")
    spans = word_spans(text, "en")
    marked = matched(spans, looked_for)
    expected = highlight(text, spans, marked) if marked else None
    assert snippet(text, "en", looked_for) == expected


@pytest.mark.parametrize(
    "query, shown",
    [
        ("贩运", "本案涉及<mark>贩运</mark>人口和偷运移民。"),
        ('"贩运人"', "本案涉及<mark>贩运人</mark>口和偷运移民。"),
        ("移民", "… 案涉及贩运人口和偷运<mark>移民</mark>。"),
    ],
)
def test_a_chinese_snippet_shows_each_character_once(query, shown):
    """CJK text is indexed as overlapping character pairs; a snippet showed each pair, so every character
    twice ("本案案涉涉及及…"). Each character is shown once, and overlapping matched pairs are one mark."""
    from palermo.knowledge.search.engine import snippet
    from palermo.knowledge.search.query import wanted

    text = "本案涉及贩运人口和偷运移民。"
    assert snippet(text, "zh-hans", wanted(parse(query), "zh-hans")) == shown


def test_a_search_reads_labels_once_and_sees_a_new_term(corpus):
    """The taxonomy's, States' and articles' labels are kept per process behind one version query per search
    (palermo.knowledge.search.labels): a text search with its 13 facet lists makes five queries (segments,
    labels' version, token numbers, postings, the page's records), and a term added since is seen at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search(SearchParams(q="migrants"), AnonymousUser())  # the process's caches filled
    with CaptureQueriesContext(connection) as queries:
        found = search(SearchParams(q="migrants"), AnonymousUser())
    assert found.total and found.facets["party"]
    assert len(queries) == 5, [query["sql"][:80] for query in queries]
    release = Term.objects.first().release
    Term.objects.create(
        vocabulary=Vocabulary.CROSS_CUTTING,
        slug="new-issue",
        labels={"en": "Brand new issue"},
        release=release,
    )
    from palermo.knowledge.search import labels

    assert any(slug == "new-issue" for _v, slug, _p, _l in labels.all_terms().values())
    # another process's taxonomy release (no signal here): the version query sees the term it stamped
    from palermo.knowledge.models import TaxonomyRelease

    labels.all_terms()
    newer = TaxonomyRelease.objects.create(version="test-2", source="test", content_hash="0" * 64)
    term = Term.objects.get(slug="new-issue")
    Term.objects.filter(pk=term.pk).update(labels={"en": "Renamed issue"}, release=newer)
    assert labels.all_terms()[term.pk][3] == {"en": "Renamed issue"}
