"""Benchmark of the knowledge base: import, indexing, and the search query mix (the issue's targets are for
1,000,000 records: p95 under 100 ms for the whole mix, facet counts included, indexing at least 5,000
records/s, and the app responsive while it indexes).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_search.py --records 100000 [--rounds 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/palermo_bench ... (PostgreSQL)
    ... --data-dir DIR  keeps the database there; run again with the same DIR to skip the import

Builds a database with the real register and taxonomy, imports synthetic records from
benchmarks/knowledge_corpus.py through the real import path (which indexes them), rebuilds the whole index
(`palermo reindex-knowledge`'s code) to measure indexing alone, runs the fixed query mix through `search()`
as an anonymous reader, measures the memory of a fresh serving process, then runs the mix again while
another process rebuilds the index.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from knowledge_corpus import records as synthetic_records  # noqa: E402

from palermo.knowledge.domain.exchange import THROUGH_TARGETS  # noqa: E402
from palermo.knowledge.domain.records import DETAIL_MODELS  # noqa: E402
from palermo.knowledge.interfaces.exchange import Batch, Lookups, prepare  # noqa: E402
from palermo.knowledge.models import Defendant, Record, RecordKind, SearchSegment, Victim  # noqa: E402
from palermo.knowledge.models.search import SearchPairs, SearchPostings  # noqa: E402
from palermo.knowledge.search.engine import SearchParams, search  # noqa: E402
from palermo.knowledge.search.index import give_back_free_pages, rebuild  # noqa: E402
from palermo.knowledge.search.snapshot import current  # noqa: E402
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files  # noqa: E402

QUERY_MIX = [
    ("single term", SearchParams(q="migrants")),
    ("broad term + facets", SearchParams(q="persons")),
    ("phrase", SearchParams(q='"by sea"')),
    ("three-word phrase", SearchParams(q='"organized criminal group"')),
    ("boolean", SearchParams(q="(coercion OR deception) -firearms")),
    ("prefix", SearchParams(q="launder*")),
    ("facet filters", SearchParams(q="evidence", crime_type="smuggling-of-migrants", group="AFRICAN")),
    ("filters only, by date", SearchParams(kind="case", year_from=2010, sort="date")),
    ("everything, facets only", SearchParams()),
    ("deep page", SearchParams(q="court", page=50)),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _rows(model, values: list[dict]) -> tuple[str, list[tuple]]:
    """An INSERT statement for `model` and its rows, every column filled (model defaults where not given)."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in values[0])]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    rows = [
        tuple(
            f.get_db_prep_save(row[f.attname] if f.attname in row else f.get_default(), connection)
            for f in fields
        )
        for row in values
    ]
    return sql, rows


def write(prepared: list, first_id: int) -> None:
    """Write validated records with plain INSERTs (the benchmark's corpus is too big for the audited import
    path, which also writes a version per record; `palermo import-knowledge` measures that path)."""
    now = timezone.now()
    tables: dict = {}

    def add(model, row):
        tables.setdefault(model, []).append(row)

    for number, record in enumerate(prepared, start=first_id):
        fields = dict(record.fields, id=number, kind=record.kind, state="published", is_demo=True)
        fields.update(published_at=now, created=now, updated=now, year=fields["date"].year)
        add(Record, fields)
        add(DETAIL_MODELS[RecordKind(record.kind)], dict(record.detail, record_id=number))
        for model, name in ((Defendant, "defendants"), (Victim, "victims")):
            for row in record.people.get(name, []):
                add(model, dict(row, record_id=number))
        for name, target in THROUGH_TARGETS.items():
            through = getattr(Record, name).through
            for item in record.relations.get(name, []):
                add(through, {"record_id": number, target: getattr(item, "pk", item)})
    with transaction.atomic(), connection.cursor() as cursor:
        for model, values in tables.items():
            cursor.executemany(*_rows(model, values))


def load(count: int) -> None:
    """Reference data, then `count` synthetic records, validated by the import's own checks."""
    call_command("load_reference_data", verbosity=0)
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=io.StringIO(),
    )
    call_command("load_taxonomy", stdout=io.StringIO())
    lookups = Lookups()
    next_id = (Record.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for batch_records in synthetic_records(count):
        batch = Batch("benchmark")
        for line, record in enumerate(batch_records, start=1):
            prepare(record, line, batch, lookups)
        assert not batch.problems, batch.problems[:3]
        write(batch.records, next_id)
        next_id += len(batch.records)
        print(f"  written {next_id - 1:,} records", file=sys.stderr)


def run_mix(rounds: int, label: str) -> None:
    print(f"{label}\n{'query':28} {'hits':>9} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    everything = []
    for name, params in QUERY_MIX:
        timings, total = [], 0
        for _ in range(rounds):
            begin = time.perf_counter()
            result = search(params, AnonymousUser())
            timings.append((time.perf_counter() - begin) * 1000)
            total = result.total
        everything += timings
        print(
            f"{name:28} {total:9,d} {timings[0]:9.1f} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.95):8.1f} {percentile(timings, 0.99):8.1f}"
        )
    print(
        f"{'whole mix':28} {'':9} {'':9} {statistics.median(everything):8.1f} "
        f"{percentile(everything, 0.95):8.1f} {percentile(everything, 0.99):8.1f}"
    )


def rss() -> tuple[float, float]:
    """(resident, peak resident) memory of this process, MB (Linux)."""
    with open("/proc/self/status") as lines:
        status = dict(line.split(":", 1) for line in lines if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def serving_memory() -> None:
    """What a serving process holds: a fresh process (nothing imported or loaded before) that answers the
    query mix once, as a web worker would after starting."""
    started = rss()
    search(SearchParams(q="warm"), AnonymousUser())
    loaded = rss()
    for _round in range(3):
        for _name, params in QUERY_MIX:
            search(params, AnonymousUser())
    answered = rss()
    print(
        f"serving process: {started[0]:.0f} MB before any search, {loaded[0]:.0f} MB after loading the "
        f"index's columns, {answered[0]:.0f} MB after three rounds of the query mix (peak {answered[1]:.0f} MB)"
    )
    snapshot = current()
    parts = {
        "columns": sum(column.nbytes for column in snapshot.columns.values())
        + sum(a.nbytes for a in (snapshot.segment_of, snapshot.party, snapshot.court_type, snapshot.norm)),
        "facet bitsets": sum(facet.nbytes for facet in snapshot.facets.values()),
        "pair layouts": sum(layout.records.nbytes for layout in snapshot.pair_layouts.values()),
    }
    print("arrays held, MB: " + ", ".join(f"{name} {size / 2**20:.0f}" for name, size in parts.items()))


def index_size() -> str:
    """The bytes the index's blobs take (SQLite's pages add a little)."""
    sizes = {}
    tables = (
        (SearchPostings, ("records",)),
        (SearchPairs, ("keys", "ends", "occurrences")),
        (SearchSegment, ("columns",)),
    )
    for model, blobs in tables:
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(f'SUM(LENGTH({blob}))' for blob in blobs)} FROM {table}")
            found = cursor.fetchone()
        sizes.update({f"{model.__name__}.{blob}": n or 0 for blob, n in zip(blobs, found, strict=True)})
    parts = ", ".join(f"{name} {size / 2**20:,.0f}" for name, size in sizes.items())
    pages = index_pages([model for model, _blobs in tables])
    in_file = f"; {pages / 1e9:.2f} GB of the SQLite file's pages" if pages else ""
    total = sum(sizes.values())
    return f"index size: {total / 1e9:.2f} GB ({total / 2**30:.2f} GiB) of blobs{in_file} (MiB: {parts})"


def index_pages(models) -> int:
    """The bytes of the pages the index's tables take in a SQLite file (their rows, B-trees and overflow
    pages), read from SQLite's dbstat table; 0 on PostgreSQL or where SQLite was built without it."""
    if connection.vendor != "sqlite":
        return 0
    names = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({', '.join(['%s'] * len(names))})", names
            )
        except OperationalError:  # SQLite without the dbstat table
            return 0
        return cursor.fetchone()[0] or 0


def main() -> None:
    if "--serving-memory" in sys.argv:
        serving_memory()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--data-dir", help="keep the benchmark database here (reused when it has records)")
    parser.add_argument("--skip-rebuild", action="store_true", help="do not measure a full re-index")
    args = parser.parse_args()
    print(f"database: {connection.vendor}; records: {args.records:,}; rounds: {args.rounds}")
    call_command("migrate", verbosity=0)
    if Record.objects.count() < args.records:
        load(args.records)
    if not args.skip_rebuild:
        started = time.perf_counter()
        total = rebuild()
        print(f"indexing (full rebuild): {total / (time.perf_counter() - started):,.0f} records/s")
        started = time.perf_counter()
        given_back = give_back_free_pages()
        print(
            f"pages given back after it: {given_back / 2**20:,.0f} MB in {time.perf_counter() - started:.1f} s"
        )
        print(index_size())
    search(SearchParams(q="warm"), AnonymousUser())  # load the in-memory columns once, as a running app has
    run_mix(args.rounds, "search:")
    subprocess.run([sys.executable, __file__, "--serving-memory"], check=True)
    indexer = subprocess.Popen(
        [sys.executable, "-m", "palermo.cli", "reindex-knowledge"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2)
    run_mix(max(3, args.rounds // 4), "search while another process rebuilds the index:")
    print(f"(the rebuild was {'still running' if indexer.poll() is None else 'finished'} at the end)")
    indexer.wait()


if __name__ == "__main__":
    sys.exit(main())
