"""The Tantivy reference for the knowledge base's search (issue 17): the same records, the same tokens and
the same query mix as benchmarks/knowledge_search.py, answered by Tantivy (tantivy-py), so that the
engine's indexing rate, query times and memory can be read side by side with a mature search library's.

A reference measure only: nothing in the app uses Tantivy, and it is not one of the app's dependencies.
Install it into the virtual environment for this benchmark alone:

    .venv/bin/pip install -r benchmarks/requirements-tantivy.txt

Run it on a database that benchmarks/knowledge_search.py built (it reads the database, never writes it):

    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_search.py --records 100000 --data-dir /tmp/b100k
    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_tantivy.py --data-dir /tmp/b100k [--rounds 5] \
        [--index-dir /tmp/b100k-tantivy]

What it does:

- Indexing. Every published record is read as the engine's indexer reads it (segments._records), its
  paragraphs (passages_of) are turned into the engine's own index tokens (text.tokens: folded, stemmed
  and tagged with their language, CJK pairs), and each paragraph goes to Tantivy as one value of a text
  field, its tokens joined by spaces and split again by Tantivy's "whitespace" tokenizer, which changes
  nothing. Positions are kept, and Tantivy leaves a gap between the values of a field, so that a phrase
  matches within one paragraph only, as in the engine. The facet columns are the engine's own
  (segments._columns), as fast fields; the text is not stored. Reading, analysis and Tantivy's writing
  are timed apart.
- Searching, in a fresh process (its memory holds nothing of the indexing): each query of the mix is parsed
  by the engine's parser and translated over the same tokens (a word: any of its variants; a phrase: a
  phrase query of each token sequence; a prefix: the index's tokens with that prefix; AND, OR, NOT as
  boolean queries; filters as term and range queries that do not score); 20 ids per page are read from a
  fast field (no ORM), and the facet counts come from Tantivy's aggregations (terms aggregations over the
  fast fields), regional groups and subregions added up from the States' counts as the engine does.
- Checking: each query's hit count and facet counts against the engine's (`search()` as an anonymous
  reader). The engine also finds a word in the names of what a record is tagged with (crime types,
  facets, States: palermo.knowledge.search.tags), which this index does not hold, so the engine's
  selection without tag names is shown too: that one Tantivy must equal.

The index goes to --index-dir (a temporary directory by default, removed at the end); an index already
in --index-dir is searched as it is (remove the directory to build it again).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

try:
    import tantivy
except ImportError:
    sys.exit(
        "tantivy is not installed; it is installed for this benchmark only, with:\n"
        "    .venv/bin/pip install -r benchmarks/requirements-tantivy.txt"
    )

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from knowledge_search import QUERY_MIX, percentile, rss  # noqa: E402

from palermo.knowledge.models import Record, Term, Vocabulary  # noqa: E402
from palermo.knowledge.models.search import SearchSegment  # noqa: E402
from palermo.knowledge.search import labels  # noqa: E402
from palermo.knowledge.search import snapshot as snapshots  # noqa: E402
from palermo.knowledge.search.engine import SearchParams, search, visible_mask  # noqa: E402
from palermo.knowledge.search.evaluate import MAX_PREFIX_TOKENS, Evaluator  # noqa: E402
from palermo.knowledge.search.facets import facet_counts, filter_mask  # noqa: E402
from palermo.knowledge.search.passages import passages_of  # noqa: E402
from palermo.knowledge.search.query import And, Not, Or, Phrase, QueryError, parse  # noqa: E402
from palermo.knowledge.search.segments import KINDS, _columns, _records, stored_values  # noqa: E402
from palermo.knowledge.search.text import fold, sequences, tokens, variants  # noqa: E402
from palermo.register.models import Party  # noqa: E402

BATCH = 10_000  # records read at a time, as the engine's indexer does
PER_PAGE = 20
ID_BITS, DATE_BITS = 27, 22  # the "newest" sort key: year, then date (day number), then id
# Facet columns: one-valued integers, many-valued integers, strings (one or many values)
NUMBERS = ("kind", "year")
MANY_NUMBERS = ("crime_type", "facet_value", "cross_cutting", "article")
STRINGS = ("party", "court_type", "verdict", "gender", "age")
FACETS = NUMBERS + MANY_NUMBERS + STRINGS  # the 11 the engine counts
MANY_VALUED = (*MANY_NUMBERS, "verdict", "gender", "age")  # the others have one value per record
FACET_AGGREGATION = {name: {"terms": {"field": name, "size": 10_000}} for name in FACETS}
# Search parameters filtering on a facet column, as palermo.knowledge.search.facets.filter_mask reads them
CHOICE_FILTERS = {"verdict": "verdict", "defendant_gender": "gender", "victim_age": "age"}


# -- the index ----------------------------------------------------------------------------------------------
def schema() -> "tantivy.Schema":
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    builder.add_integer_field("id", indexed=True, fast=True)
    builder.add_integer_field("newest", fast=True)
    for name in NUMBERS + MANY_NUMBERS:
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in STRINGS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def newest_key(record_id: int, year: int, day: int) -> int:
    """One integer that sorts as the engine's "newest first": year, then date (unknown last), then id."""
    if record_id >= 1 << ID_BITS:
        raise OverflowError("record ids above 2**27 do not fit the sort key")
    return (year << (DATE_BITS + ID_BITS)) | (day << ID_BITS) | record_id


def paragraphs_of(record) -> list[str]:
    """Each non-empty paragraph's index tokens, joined by spaces."""
    found = []
    for passage in passages_of(record):
        paragraph = tokens(passage.text, passage.language)
        if paragraph:
            found.append(" ".join(paragraph))
    return found


def facet_values(columns: dict) -> dict[int, dict[str, list]]:
    """Record id -> facet column -> its values, from the engine's columns of a batch."""
    by_record: dict[int, dict[str, list]] = {}
    parties, court_types = stored_values(columns, "party"), stored_values(columns, "court_type")
    for position, record_id in enumerate(columns["record"].tolist()):
        values = by_record[record_id] = {
            "kind": [int(columns["kind"][position])],
            "year": [int(columns["year"][position])],
            "party": [str(parties[position])],
            "court_type": [str(court_types[position])],
        }
        for name in MANY_VALUED:
            values[name] = []
    for name in MANY_VALUED:
        for record_id, value in zip(
            columns[f"{name}.record"].tolist(), stored_values(columns, f"{name}.value").tolist(), strict=True
        ):
            by_record[record_id][name].append(value)
    return by_record


def document(record, paragraphs: list[str], facets: dict[str, list], day: int) -> "tantivy.Document":
    fields = {name: [v for v in values if v != ""] for name, values in facets.items()}
    year = facets["year"][0]
    return tantivy.Document(text=paragraphs, id=record.pk, newest=newest_key(record.pk, year, day), **fields)


def build(path: str, threads: int) -> None:
    """Index every published record into a new index at `path`; print the rates and the size."""
    index = tantivy.Index(schema(), path=path)
    writer = index.writer(128_000_000 * threads, threads)
    ids = list(Record.objects.filter(state="published").order_by("id").values_list("id", flat=True))
    reading = analysing = writing = 0.0
    for start in range(0, len(ids), BATCH):
        begin = time.perf_counter()
        records = _records(ids[start : start + BATCH])
        read = time.perf_counter()
        texts = [paragraphs_of(record) for record in records]
        analysed = time.perf_counter()
        columns = _columns(records, [], [0] * len(records))  # (its column of lengths is not used here)
        days = dict(zip(columns["record"].tolist(), columns["date"].tolist(), strict=True))
        values = facet_values(columns)
        columned = time.perf_counter()
        for record, paragraphs in zip(records, texts, strict=True):
            writer.add_document(document(record, paragraphs, values[record.pk], days[record.pk]))
        written = time.perf_counter()
        reading += (read - begin) + (columned - analysed)
        analysing += analysed - read
        writing += written - columned
        print(f"  indexed {start + len(records):,} records", file=sys.stderr)
    begin = time.perf_counter()
    writer.commit()
    writer.wait_merging_threads()
    writing += time.perf_counter() - begin
    total = reading + analysing + writing
    print(
        f"indexing {len(ids):,} published records: {len(ids) / total:,.0f} records/s in all "
        f"({total:.1f} s: reading the database {reading:.1f} s, the engine's analysis {analysing:.1f} s, "
        f"Tantivy's writing {writing:.1f} s, that is {len(ids) / writing:,.0f} records/s, {threads} "
        f"writer thread{'s' if threads > 1 else ''}, commit and merges included)"
    )


def size_on_disk(path: str) -> int:
    return sum(
        os.path.getsize(os.path.join(folder, name))
        for folder, _dirs, names in os.walk(path)
        for name in names
    )


# -- queries ------------------------------------------------------------------------------------------------
class Translator:
    """A parsed query and the search parameters as Tantivy queries over the engine's tokens."""

    def __init__(self, searcher: "tantivy.Searcher", index_schema: "tantivy.Schema", language: str):
        self.searcher = searcher
        self.schema = index_schema
        self.language = language  # the reader's: a word is also looked for as stemmed in it

    def term(self, token: str) -> "tantivy.Query":
        return tantivy.Query.term_query(self.schema, "text", token, index_option="freq")

    def sequence(self, words: list[str]) -> "tantivy.Query":
        if len(words) == 1:
            return self.term(words[0])
        return tantivy.Query.phrase_query(self.schema, "text", words)

    def any_of(self, queries: list) -> "tantivy.Query":
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in queries])

    def prefix(self, word: str) -> "tantivy.Query":
        """The index's tokens that start with the folded word (as the engine's vocabulary lookup)."""
        prefix = fold(word)
        found = self.searcher.terms_with_prefix("text", prefix, limit=MAX_PREFIX_TOKENS + 1)
        if len(found) > MAX_PREFIX_TOKENS:
            raise QueryError(f"{prefix}* matches too many words: add letters")
        if not found:
            return tantivy.Query.empty_query()
        return self.any_of([self.term(token) for token, _documents in found])

    def text(self, node) -> "tantivy.Query":
        if isinstance(node, Phrase):
            return self.any_of([self.sequence(words) for words in sequences(node.words, self.language)])
        if isinstance(node, Not):
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.all_query()),
                    (tantivy.Occur.MustNot, self.text(node.child)),
                ]
            )
        if isinstance(node, And):
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.MustNot, self.text(child.child))
                    if isinstance(child, Not)
                    else (tantivy.Occur.Must, self.text(child))
                    for child in node.children
                ]
            )
        if isinstance(node, Or):
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, self.text(c)) for c in node.children])
        if node.prefix:
            return self.prefix(node.word)
        return self.any_of([self.sequence(v.split()) for v in variants(node.word, self.language)])

    def having(self, field: str, values) -> "tantivy.Query":
        values = [v for v in values if v is not None]
        if not values:
            return tantivy.Query.empty_query()
        if len(values) == 1:
            return tantivy.Query.term_query(self.schema, field, values[0], index_option="basic")
        return tantivy.Query.term_set_query(self.schema, field, values)

    def years(self, low: int, high: int) -> "tantivy.Query":
        return tantivy.Query.range_query(self.schema, "year", tantivy.FieldType.Integer, low, high)

    def filters(self, params) -> list:
        """The parameters other than the query, as palermo.knowledge.search.facets.filter_mask reads them."""
        found = []
        if params.kind:
            found.append(self.having("kind", [KINDS.index(params.kind) if params.kind in KINDS else -1]))
        if params.crime_type:
            found.append(self.having("crime_type", [term_id(Vocabulary.CRIME_TYPE, params.crime_type)]))
        if params.facet and "/" in params.facet:
            group, value = params.facet.split("/", 1)
            found.append(self.having("facet_value", [term_id(Vocabulary.FACET_VALUE, value, group)]))
        if params.cross_cutting:
            found.append(
                self.having("cross_cutting", [term_id(Vocabulary.CROSS_CUTTING, params.cross_cutting)])
            )
        if params.article:
            found.append(self.having("article", [params.article]))
        for parameter, column in CHOICE_FILTERS.items():
            if getattr(params, parameter):
                found.append(self.having(column, [getattr(params, parameter)]))
        if params.party:
            found.append(self.having("party", [params.party.upper()]))
        if params.group:
            group = "" if params.group == "none" else params.group
            found.append(self.having("party", party_codes(regional_group=group)))
        if params.subregion:
            found.append(self.having("party", party_codes(subregion=params.subregion)))
        if params.year_from:
            found.append(self.years(params.year_from, 1 << 15))
        if params.year_to:
            found.append(self.years(1, params.year_to))
        if params.court_type:
            found.append(self.having("court_type", [params.court_type]))
        return found

    def query(self, params) -> tuple["tantivy.Query", bool]:
        """(the Tantivy query, whether it ranks by relevance). Filters are wrapped not to score."""
        node = parse(params.q) if params.q.strip() else None
        clauses = [(tantivy.Occur.Must, self.text(node) if node is not None else tantivy.Query.all_query())]
        clauses += [
            (tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in self.filters(params)
        ]
        query = clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)
        return query, node is not None and params.sort == "relevance"


def term_id(vocabulary: str, slug: str, parent: str = "") -> int | None:
    terms = Term.objects.filter(vocabulary=vocabulary, slug=slug)
    if parent:
        terms = terms.filter(parent__slug=parent)
    return terms.values_list("id", flat=True).first()


def party_codes(**lookup) -> list[str]:
    return list(Party.objects.filter(**lookup).values_list("code", flat=True))


@dataclass
class Answer:
    """What a search returns: the total, the ids of the page, and the facet counts."""

    total: int
    ids: list[int]
    facets: dict[str, dict]


def facet_counts_of(aggregated: dict, places: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Value -> records for each facet, plus regional groups and subregions added up from the States."""
    counts = {
        name: {bucket["key"]: bucket["doc_count"] for bucket in aggregated[name]["buckets"]}
        for name in FACETS
    }
    groups: dict[str, int] = {}
    subregions: dict[str, int] = {}
    for code, n in counts["party"].items():
        if code in places:
            group, subregion = places[code]
            groups[group or "none"] = groups.get(group or "none", 0) + n
            if subregion:
                subregions[subregion] = subregions.get(subregion, 0) + n
    counts["group"], counts["subregion"] = groups, subregions
    return counts


def answer(translator: Translator, params, places: dict[str, tuple[str, str]]) -> Answer:
    """One search as the engine answers it: total, one page of ids (clamped to the last page), facets."""
    searcher = translator.searcher
    query, by_relevance = translator.query(params)
    order = None if by_relevance else "newest"
    page = max(1, params.page)
    found = searcher.search(query, PER_PAGE, count=True, order_by_field=order, offset=(page - 1) * PER_PAGE)
    last = max(1, -(-found.count // PER_PAGE))
    if page > last:
        found = searcher.search(
            query, PER_PAGE, count=True, order_by_field=order, offset=(last - 1) * PER_PAGE
        )
    ids = searcher.fast_field_values("id", [address for _key, address in found.hits])
    facets = facet_counts_of(searcher.aggregate(query, FACET_AGGREGATION), places)
    return Answer(found.count, ids, facets)


def run_mix(translator: Translator, rounds: int, places: dict) -> dict[str, Answer]:
    """The query mix, timed as knowledge_search.run_mix times the engine's; returns each query's answer."""
    print(
        f"search (Tantivy):\n{'query':28} {'hits':>9} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    everything, answers = [], {}
    for name, params in QUERY_MIX:
        timings = []
        for _ in range(rounds):
            begin = time.perf_counter()
            answers[name] = answer(translator, params, places)
            timings.append((time.perf_counter() - begin) * 1000)
        everything += timings
        print(
            f"{name:28} {answers[name].total:9,d} {timings[0]:9.1f} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.95):8.1f} {percentile(timings, 0.99):8.1f}"
        )
    print(
        f"{'whole mix':28} {'':9} {'':9} {statistics.median(everything):8.1f} "
        f"{percentile(everything, 0.95):8.1f} {percentile(everything, 0.99):8.1f}"
    )
    return answers


# -- checking against the engine ----------------------------------------------------------------------------
def without_tag_names(params) -> tuple[int, dict]:
    """(records, facet counts) the engine selects for an anonymous reader, the query's words looked for in
    the records' text only (not in the names of their tags)."""
    snapshot = snapshots.current()
    selected = visible_mask(snapshot, AnonymousUser()) & filter_mask(snapshot, params)
    node = parse(params.q) if params.q.strip() else None
    if node is not None:
        evaluator = Evaluator(snapshot, params.languages[0], names=None)
        evaluator.prepare(node)
        selected &= evaluator.evaluate(node)[0]
    return int(selected.sum()), facet_counts(snapshot, selected)


def as_engine_shows(counts: dict[str, dict]) -> dict[str, dict]:
    """Tantivy's facet counts keyed as the engine's result keys them (slugs, codes, strings), with what the
    engine does not show left out (year 0, terms and articles it has no label for)."""
    term_ids = {t for name in ("crime_type", "facet_value", "cross_cutting") for t in counts[name]}
    names, articles = labels.terms(term_ids), labels.articles()

    def terms(values: dict, with_parent: bool = False) -> dict:
        shown = {}
        for term, n in values.items():
            if term in names:
                slug, parent, _label = names[term]
                shown[f"{parent}/{slug}" if with_parent and parent else slug] = n
        return shown

    return {
        "kind": {KINDS[k]: n for k, n in counts["kind"].items()},
        "crime_type": terms(counts["crime_type"]),
        "facet": terms(counts["facet_value"], with_parent=True),
        "cross_cutting": terms(counts["cross_cutting"]),
        "party": dict(counts["party"]),
        "group": dict(counts["group"]),
        "subregion": dict(counts["subregion"]),
        "year": {str(y): n for y, n in counts["year"].items() if y},
        "article": {str(a): n for a, n in counts["article"].items() if a in articles},
        "court_type": dict(counts["court_type"]),
        "verdict": dict(counts["verdict"]),
        "defendant_gender": dict(counts["gender"]),
        "victim_age": dict(counts["age"]),
    }


def check(answers: dict[str, Answer]) -> None:
    """Each query's hits and facet counts, Tantivy's against the engine's."""
    print(
        "\nhits, Tantivy against the engine (search() as an anonymous reader). The engine also looks for a "
        "query's words\nin the names of the records' tags (crime types, facets, States; tags.py), which the "
        "Tantivy index does\nnot hold: the engine without tag names is what Tantivy must equal (* where it "
        "does not).\nfacets: Tantivy's 13 facet lists against the engine's on the same selection (tag names "
        "left out)."
    )
    print(f"{'query':28} {'Tantivy':>9} {'engine':>9} {'no tags':>9}  {'facets':8} {'first page':10}")
    for name, params in QUERY_MIX:
        mine = answers[name]
        engine = search(params, AnonymousUser())
        total, facets = without_tag_names(params)
        shown = {key: {value: n for value, _label, n in rows} for key, rows in facets.items()}
        same_facets = as_engine_shows(mine.facets) == shown
        page = [hit.record.pk for hit in engine.hits]
        by_relevance = params.q.strip() and params.sort == "relevance"
        same_page = "same" if page == mine.ids else "other (scores)" if by_relevance else "OTHER"
        mark = " " if mine.total == engine.total else "≠"
        mark += "*" if mine.total != total else ""
        print(
            f"{name:28} {mine.total:9,d} {engine.total:9,d} {total:9,d}{mark:2} "
            f"{'same' if same_facets else 'OTHER':8} {same_page}"
        )
    print(
        "(≠: Tantivy's count differs from the engine's, by the records only a tag's name matched; the first "
        "page by\nrelevance may differ: Tantivy scores BM25 per token and orders equal scores otherwise)"
    )


# -- the two processes --------------------------------------------------------------------------------------
def places_of_parties() -> dict[str, tuple[str, str]]:
    return {
        code: (group, subregion)
        for code, group, subregion in Party.objects.values_list("code", "regional_group", "subregion")
    }


def serve(path: str, rounds: int) -> None:
    """Open the index in this fresh process, run the mix, print memory, then check against the engine."""
    before = rss()
    index = tantivy.Index.open(path)
    translator = Translator(index.searcher(), index.schema, "en")
    places = places_of_parties()
    answer(translator, SearchParams(q="warm"), places)  # open the index's files once
    loaded = rss()
    print(
        f"Tantivy index: {translator.searcher.num_docs:,} documents in {translator.searcher.num_segments} "
        f"segment(s); facet counts by Tantivy's aggregations (terms aggregations over the fast fields)"
    )
    answers = run_mix(translator, rounds, places)
    searched = rss()
    print(
        f"searching process: {before[0]:.0f} MB before opening the index, {loaded[0]:.0f} MB after opening it "
        f"and one search, {searched[0]:.0f} MB after the mix (peak {searched[1]:.0f} MB; the index's files "
        "are memory-mapped: the pages read count as resident)"
    )
    check(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir", required=True, help="a database built by benchmarks/knowledge_search.py"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--index-dir", help="where the Tantivy index goes (reused when it holds one)")
    parser.add_argument("--threads", type=int, default=2, help="Tantivy's indexing threads")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the searching process
    args = parser.parse_args()
    if args.serve:
        serve(args.index_dir, args.rounds)
        return
    published = Record.objects.filter(state="published").count()
    if not published:
        sys.exit(f"no published records in {args.data_dir}: build them with benchmarks/knowledge_search.py")
    if not SearchSegment.objects.exists():
        sys.exit(
            f"the engine's index is empty: PALERMO_DATA_DIR={args.data_dir} .venv/bin/palermo reindex-knowledge"
        )
    print(f"{tantivy.__version__}; published records: {published:,}; rounds: {args.rounds}")
    path = args.index_dir or tempfile.mkdtemp(prefix="palermo-tantivy-")
    try:
        os.makedirs(path, exist_ok=True)
        if tantivy.Index.exists(path):
            print(f"index in {path} searched as it is (remove the directory to build it again)")
        else:
            build(path, args.threads)
        print(f"index size on disk: {size_on_disk(path) / 2**20:,.1f} MB (the text not stored)")
        command = [sys.executable, __file__, "--serve", "--data-dir", args.data_dir, "--index-dir", path]
        subprocess.run([*command, "--rounds", str(args.rounds)], check=True)
    finally:
        if not args.index_dir:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
