"""Precision of the knowledge base's search against a full scan: for each probe query, the records among a
sample of the published ones that `search()` finds, and those a full scan of the sample finds with the
reference evaluator of tests/knowledge/test_search.py (plain Python, its own reading of words: Snowball
stems per paragraph language, CJK pairs; the names of what each record is tagged with count as paragraphs).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_precision.py --data-dir /tmp/b100k \
        [--sample 20000] [--language fr]

Run it on a database that benchmarks/knowledge_search.py built (it reads, never writes). Rare names are
chosen from the corpus itself: the names that have a longer name starting with them (as "Rosaki" and
"Rosakize"), the kind of word another language's stemmer used to confuse.
"""

import argparse
import os
import sys
import time
from collections import Counter

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from tests.knowledge.test_search import reference, tag_names  # noqa: E402

from palermo.knowledge.models import Record  # noqa: E402
from palermo.knowledge.search.engine import SearchParams, ordered_ids  # noqa: E402
from palermo.knowledge.search.passages import passages_of  # noqa: E402
from palermo.knowledge.search.query import parse  # noqa: E402
from palermo.knowledge.search.text import stem  # noqa: E402

FIXED = [
    (
        "evidence + crime type + group",
        SearchParams(q="evidence", crime_type="smuggling-of-migrants", group="AFRICAN"),
    ),
    ("migrants", SearchParams(q="migrants")),
    ('"by sea"', SearchParams(q='"by sea"')),
    ("(coercion OR deception) -firearms", SearchParams(q="(coercion OR deception) -firearms")),
    ("launder*", SearchParams(q="launder*")),
]


def rare_names(records: list, count: int = 6) -> list[str]:
    """The rarest names (capitalised words, three times or more) whose stem in another language is the
    English stem of another name: "Rosaki" (French `rosak`) next to "Rosakize" (English `rosak`), the
    confusion a search that tried every language's stems on every text made."""
    words = Counter(
        word
        for record in records
        for passage in passages_of(record)
        for word in passage.text.split()
        if word[:1].isupper() and word.isalpha() and len(word) >= 5
    )
    english = {stem(word, "en") for word in words}
    found = [
        word
        for word, times in words.items()
        if times >= 3
        and any(stem(word, language) in english - {stem(word, "en")} for language in ("fr", "es", "ru", "ar"))
    ]
    return sorted(found, key=lambda word: (words[word], word))[:count]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--language", default="en", help="the reader's language (the query's)")
    parser.add_argument("--sample", type=int, default=20000, help="published records scanned (the first)")
    args = parser.parse_args()
    started = time.perf_counter()
    records = list(
        Record.objects.published()
        .select_related("jurisdiction", "case", "legislation", "strategy", "bibliography")
        .prefetch_related("crime_types", "facet_values", "cross_cutting", "countries")
        .order_by("id")[: args.sample]
    )
    sample = {record.pk for record in records}
    passages = {
        record.pk: [(p.language, p.text) for p in passages_of(record)] + tag_names(record)
        for record in records
    }
    print(f"{len(records):,} published records read in {time.perf_counter() - started:.0f} s")
    probes = [(f"name {name}", SearchParams(q=name)) for name in rare_names(records)] + FIXED
    language = (args.language, "en")
    print(f"{'probe':40} {'search':>8} {'full scan':>10}  agree")
    agreed = 0
    for label, params in probes:
        params.languages = language
        found = {pk for pk in ordered_ids(params, AnonymousUser()) if pk in sample}
        node = parse(params.q)
        wanted = {
            record.pk
            for record in records
            if reference(node, passages[record.pk], args.language) and _filtered(record, params)
        }
        agreed += found == wanted
        print(f"{label:40} {len(found):8,d} {len(wanted):10,d}  {'yes' if found == wanted else 'NO'}")
    print(f"{agreed} of {len(probes)} probes agree exactly ({time.perf_counter() - started:.0f} s)")


def _filtered(record, params: SearchParams) -> bool:
    """The filters the fixed probes use: a crime type and a regional group."""
    if params.crime_type and params.crime_type not in {term.slug for term in record.crime_types.all()}:
        return False
    return not params.group or (
        record.jurisdiction is not None and record.jurisdiction.regional_group == params.group
    )


if __name__ == "__main__":
    sys.exit(main())
