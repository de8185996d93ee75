"""Search: the same answers on SQLite and PostgreSQL (this file runs on both), checked against a reference
evaluator in Python, plus facets, filters, sorting, pages and snippets."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.knowledge.domain.records import create_record, transition_record
from palermo.knowledge.models import Record, Term, Vocabulary
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.passages import passages_of
from palermo.knowledge.search.query import And, Not, Or, Phrase, QueryError, parse
from palermo.knowledge.search.query import Term as QTerm
from palermo.knowledge.search.text import fold, tokens, variants
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


def reference(node, token_lists, languages=("en",)) -> bool:
    """The meaning of a query over a record's passages, evaluated in Python (any passage may satisfy a term)."""
    if isinstance(node, QTerm):
        if node.prefix:
            return any(t.startswith(fold(node.word)) for tl in token_lists for t in tl)
        options = [v.split() for v in variants(node.word, languages)]
        return any(_contains(tl, o) for tl in token_lists for o in options)
    if isinstance(node, Phrase):
        options = [[fold(w) for w in node.words]] + [tokens(" ".join(node.words), lang) for lang in languages]
        return any(_contains(tl, o) for tl in token_lists for o in options)
    if isinstance(node, Not):
        return not reference(node.child, token_lists, languages)
    if isinstance(node, And):
        return all(reference(c, token_lists, languages) for c in node.children)
    if isinstance(node, Or):
        return any(reference(c, token_lists, languages) for c in node.children)
    raise AssertionError(node)


def tag_names(record) -> list[list[str]]:
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
    return [tokens(text, language) for text, language in texts if text]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


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
        passages[record.pk] = [tokens(p.text, p.language) for p in passages_of(record)] + tag_names(record)
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
