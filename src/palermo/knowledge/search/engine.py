"""Search the knowledge base: full text over passages, filters, facet counts, sorting, pages, snippets.

The full-text match runs in the database (FTS5 `bm25` on SQLite, `ts_rank_cd` on PostgreSQL) on tokens
computed in Python, so both databases find the same records; their relevance scores differ, so relevance
ties and the date sort break on the record id. Facets are counted in SQL over the filtered matches.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from palermo.core.i18n import article_ref
from palermo.knowledge.models import CaseDetail, Defendant, Gender, Passage, Record, RecordKind, Term, Victim
from palermo.knowledge.search.query import QueryError, parse, positive_tokens, to_fts5, to_tsquery
from palermo.knowledge.search.text import word_spans
from palermo.register.models import Instrument, Party, RegionalGroup
from palermo.register.models.parties import subregion_name

MAX_PER_PAGE = 100
SNIPPET_WORDS = 40


@dataclass
class SearchParams:
    q: str = ""
    kind: str = ""
    crime_type: str = ""
    facet: str = ""  # "group/value"
    cross_cutting: str = ""
    party: str = ""
    group: str = ""
    subregion: str = ""
    year_from: int | None = None
    year_to: int | None = None
    court_type: str = ""
    article: int | None = None
    verdict: str = ""
    defendant_gender: str = ""
    victim_age: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    languages: tuple[str, ...] = ("en",)


@dataclass
class Hit:
    record: Record
    score: float | None
    snippet: SafeString | str = ""
    anchor: str = ""


@dataclass
class SearchResult:
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    error: str = ""
    page: int = 1
    pages: int = 1


def matching_scores(node, languages: tuple[str, ...]) -> dict[int, float]:
    """Record id -> best passage score (higher is better) for a parsed query."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT p.record_id, MAX(ts_rank_cd(p.search_vector, q)) FROM knowledge_passage p, "
                "to_tsquery('simple', %s) q WHERE p.search_vector @@ q GROUP BY p.record_id",
                [to_tsquery(node, languages)],
            )
        else:
            # bm25() works only in the query that MATCHes: rank there (LIMIT -1 keeps SQLite from flattening
            # the subquery into the join) and group outside.
            cursor.execute(
                "SELECT p.record_id, -MIN(hits.score) FROM (SELECT rowid, bm25(knowledge_passage_fts) AS score "
                "FROM knowledge_passage_fts WHERE knowledge_passage_fts MATCH %s LIMIT -1) hits "
                "JOIN knowledge_passage p ON p.id = hits.rowid GROUP BY p.record_id",
                [to_fts5(node, languages)],
            )
        return {record_id: float(score) for record_id, score in cursor.fetchall()}


def matching_records(node, languages: tuple[str, ...]) -> RawSQL:
    """The ids of the records a parsed query matches, as a subquery (so that filters and facet counts run in
    the database instead of on a long list of ids sent back to it)."""
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT record_id FROM knowledge_passage WHERE search_vector @@ to_tsquery('simple', %s)",
            [to_tsquery(node, languages)],
        )
    return RawSQL(
        "SELECT record_id FROM knowledge_passage WHERE id IN "
        "(SELECT rowid FROM knowledge_passage_fts WHERE knowledge_passage_fts MATCH %s)",
        [to_fts5(node, languages)],
    )


# Search parameters that filter by plain equality (or a bound): parameter -> lookup.
SIMPLE_FILTERS = {
    "kind": "kind",
    "cross_cutting": "cross_cutting__slug",
    "subregion": "jurisdiction__subregion",
    "year_from": "year__gte",
    "year_to": "year__lte",
    "court_type": "case__court_type",
    "article": "articles",
    "verdict": "defendants__verdict",
    "defendant_gender": "defendants__gender",
    "victim_age": "victims__age_group",
}


def _filtered(records, params: SearchParams):
    for name, lookup in SIMPLE_FILTERS.items():
        if getattr(params, name):
            records = records.filter(**{lookup: getattr(params, name)})
    if params.crime_type:
        records = records.filter(crime_types__vocabulary="crime_type", crime_types__slug=params.crime_type)
    if params.facet and "/" in params.facet:
        group, value = params.facet.split("/", 1)
        records = records.filter(facet_values__parent__slug=group, facet_values__slug=value)
    if params.party:
        records = records.filter(jurisdiction_id=params.party.upper())
    if params.group:
        records = records.filter(jurisdiction__regional_group="" if params.group == "none" else params.group)
    return records.distinct()


def _choice_counts(model, field: str, choices, ids_query) -> list[tuple[str, str, int]]:
    """Records per value of a choice field of a case's detail, defendants or victims."""
    rows = (
        model.objects.filter(record_id__in=ids_query)
        .exclude(**{field: ""})
        .values(field)
        .annotate(n=Count("record_id", distinct=True))
        .order_by("-n", field)
    )
    return [(row[field], choices(row[field]).label, row["n"]) for row in rows]


def _facets(ids_query) -> dict[str, list[tuple[str, str, int]]]:
    """Counts per facet value over the matching records (each record counted once per value)."""

    def terms(through, vocabulary):
        counts = (
            through.objects.filter(record_id__in=ids_query, term__vocabulary=vocabulary)
            .values("term__slug", "term__labels", "term__parent__slug")
            .annotate(n=Count("record_id", distinct=True))
            .order_by("-n", "term__slug")
        )
        rows = []
        for row in counts:
            slug = (
                f"{row['term__parent__slug']}/{row['term__slug']}"
                if vocabulary == "facet_value"
                else row["term__slug"]
            )
            rows.append((slug, Term(labels=row["term__labels"], slug=row["term__slug"]).label, row["n"]))
        return rows

    records = Record.objects.filter(id__in=ids_query)
    applied = (
        Record.articles.through.objects.filter(record_id__in=ids_query)
        .values("article_id", "article__instrument_id", "article__number")
        .annotate(n=Count("record_id", distinct=True))
        .order_by("-n", "article_id")[:20]
    )
    short_titles = {i.code: i.local_short_title for i in Instrument.objects.all()}
    kinds = records.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    years = records.exclude(year=None).values("year").annotate(n=Count("id")).order_by("-year")
    parties = (
        records.exclude(jurisdiction=None).values("jurisdiction_id").annotate(n=Count("id")).order_by("-n")
    )
    names = {p.code: p for p in Party.objects.filter(code__in=[r["jurisdiction_id"] for r in parties[:30]])}
    groups = Counter(records.values_list("jurisdiction__regional_group", flat=True))
    subregions = Counter(records.exclude(jurisdiction=None).values_list("jurisdiction__subregion", flat=True))
    language = get_language() or "en"
    return {
        "kind": [(r["kind"], RecordKind(r["kind"]).label, r["n"]) for r in kinds],
        "crime_type": terms(Record.crime_types.through, "crime_type"),
        "facet": terms(Record.facet_values.through, "facet_value"),
        "cross_cutting": terms(Record.cross_cutting.through, "cross_cutting"),
        "party": [
            (r["jurisdiction_id"], names[r["jurisdiction_id"]].name_in(language), r["n"])
            for r in parties[:30]
            if r["jurisdiction_id"] in names
        ],
        "group": [
            (g or "none", RegionalGroup(g).label if g else "—", n)
            for g, n in groups.most_common()
            if g is not None
        ],
        "subregion": [
            (code, subregion_name(code, language), n) for code, n in subregions.most_common() if code
        ],
        "year": [(str(r["year"]), str(r["year"]), r["n"]) for r in years],
        "article": [
            (
                str(r["article_id"]),
                f"{short_titles[r['article__instrument_id']]}, {article_ref(r['article__number'])}",
                r["n"],
            )
            for r in applied
        ],
        "court_type": _choice_counts(CaseDetail, "court_type", CaseDetail.CourtType, ids_query),
        "verdict": _choice_counts(Defendant, "verdict", Defendant.Verdict, ids_query),
        "defendant_gender": _choice_counts(Defendant, "gender", Gender, ids_query),
        "victim_age": _choice_counts(Victim, "age_group", Victim.AgeGroup, ids_query),
    }


def highlight(text: str, language: str, wanted: set[str]) -> tuple[SafeString, bool]:
    """The text around the first match, with matched words in <mark>; and whether anything matched."""
    prefixes = tuple(w[:-1] for w in wanted if w.endswith("*"))
    spans = word_spans(text, language)
    hits = [
        i for i, (_s, _e, tok) in enumerate(spans) if tok in wanted or (prefixes and tok.startswith(prefixes))
    ]
    if not spans:
        return mark_safe(""), False
    first = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 4)
    window = spans[first : first + SNIPPET_WORDS]
    marked = set(hits)
    out, cursor = [], window[0][0] if first > 0 else 0
    if first > 0:
        out.append("… ")
    for index, (start, end, _tok) in enumerate(window, start=first):
        out.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        out.append(f"<mark>{word}</mark>" if index in marked else word)
        cursor = end
    if first + SNIPPET_WORDS < len(spans):
        out.append(" …")
    else:
        out.append(escape(text[cursor:]))
    return mark_safe("".join(out)), bool(hits)


def matched_records(params: SearchParams, user):
    """(the records a search finds, as a queryset; the parsed query or None). Raises QueryError if bad."""
    records = _filtered(Record.objects.visible_to(user), params)
    node = parse(params.q) if params.q.strip() else None
    if node is not None:
        records = records.filter(id__in=matching_records(node, params.languages))
    return records, node


def ordered_matches(params: SearchParams, user):
    """(ordered record ids, scores, the filtered queryset, the parsed query) of a search; QueryError if bad."""
    records, node = matched_records(params, user)
    scores: dict[int, float] = {}
    if node is not None:
        scores = matching_scores(node, params.languages)
    if node is not None and params.sort == "relevance":
        ids = sorted(records.values_list("id", flat=True), key=lambda i: (-scores[i], i))
    else:
        ordered = records.order_by(F("year").desc(nulls_last=True), F("date").desc(nulls_last=True), "-id")
        ids = list(ordered.values_list("id", flat=True))
    return ids, scores, records, node


def search(params: SearchParams, user) -> SearchResult:
    result = SearchResult()
    try:
        ids, scores, records, node = ordered_matches(params, user)
    except QueryError as error:
        result.error = str(error)
        return result
    result.facets = _facets(records.values("id"))
    per_page = max(1, min(params.per_page, MAX_PER_PAGE))
    result.total = len(ids)
    result.pages = max(1, -(-result.total // per_page))
    result.page = max(1, min(params.page, result.pages))
    page_ids = ids[(result.page - 1) * per_page : result.page * per_page]
    by_id = Record.objects.select_related("jurisdiction").in_bulk(page_ids)
    result.hits = [Hit(by_id[i], scores.get(i)) for i in page_ids]
    if node is not None:
        _add_snippets(result.hits, positive_tokens(node, params.languages), params.languages[0])
    return result


def _add_snippets(hits: list[Hit], wanted: set[str], language: str) -> None:
    """The first matching paragraph of each hit, in the reader's language when there is one."""
    passages: dict[int, list[Passage]] = {}
    for passage in Passage.objects.filter(record_id__in=[h.record.pk for h in hits]).order_by("id"):
        passages.setdefault(passage.record_id, []).append(passage)
    for found in passages.values():
        found.sort(key=lambda p: p.language != language)
    for hit in hits:
        for passage in passages.get(hit.record.pk, []):
            snippet, matched = highlight(passage.text, passage.language, wanted)
            if matched and passage.anchor != "title":
                hit.snippet, hit.anchor = snippet, passage.anchor
                break
