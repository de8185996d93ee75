"""Benchmark of the knowledge-base export (docs/benchmarks.md, "Knowledge base export"): records/s of the
batched export at 100,000 published records, queries per batch, and the open-data download as a file.

    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_export.py --records 100000 --data-dir /tmp/bexport
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/palermo_bench_export ... (PostgreSQL)

The corpus is the search benchmark's (benchmarks/knowledge_corpus.py, written with plain INSERTs by
`benchmarks/knowledge_search.py`'s loader, no index); run again with the same --data-dir to reuse it.
Measured: the export of every published record as JSON Lines and as CSV (`export_published`, the text
consumed and thrown away), the same export a record at a time the way it was read before batches (on the
first `--sample` records, for comparison), writing the open-data file, and a download once it is written.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# The search benchmark's loader; importing it sets Django up the same way (demo mode, --data-dir).
from knowledge_search import load

from palermo.knowledge.domain import open_data
from palermo.knowledge.domain.export import BATCH, export_published
from palermo.knowledge.domain.records import snapshot
from palermo.knowledge.models import Record


def timed_export(format: str) -> tuple[float, int]:
    started, size = time.perf_counter(), 0
    for text in export_published(format):
        size += len(text)
    return time.perf_counter() - started, size


def one_by_one(sample: int) -> float:
    """Records/s of the JSON Lines export as it was before batches: each record read with its own queries."""
    ids = list(Record.objects.published().order_by("pk").values_list("pk", flat=True)[:sample])
    started = time.perf_counter()
    for start in range(0, len(ids), 500):
        records = Record.objects.in_bulk(ids[start : start + 500])
        for pk in ids[start : start + 500]:
            record = records[pk]
            line = {"id": pk, "published_at": record.published_at.isoformat(), **snapshot(record)}
            json.dumps(line, ensure_ascii=False, default=str)
    return len(ids) / (time.perf_counter() - started)


def create_database() -> None:
    """On PostgreSQL, create the benchmark's database the first time (DATABASE_URL names it)."""
    if connection.vendor != "postgresql":
        return
    import psycopg

    settings = connection.settings_dict
    server = {"host": settings["HOST"], "port": settings["PORT"] or 5432, "user": settings["USER"]}
    with psycopg.connect(
        dbname="postgres", autocommit=True, password=settings["PASSWORD"] or None, **server
    ) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="exports of each format (default 3)")
    parser.add_argument(
        "--sample", type=int, default=1000, help="records exported one by one, for comparison"
    )
    parser.add_argument("--data-dir", help="keep the benchmark database here (reused when it has records)")
    args = parser.parse_args()
    create_database()
    call_command("migrate", verbosity=0)
    if Record.objects.count() < args.records:
        load(args.records - Record.objects.count())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum does after a load; without it, the planner scans
    published = Record.objects.published().count()
    print(f"database: {connection.vendor}; published records: {published:,}; batch: {BATCH}")
    with CaptureQueriesContext(connection) as queries:
        for _text in export_published("jsonl"):
            break
    print(f"queries for the first batch of {BATCH:,} records: {len(queries)}")
    for format in ("jsonl", "csv"):
        times = []
        for _round in range(args.rounds):
            seconds, size = timed_export(format)
            times.append(seconds)
        best, median = min(times), statistics.median(times)
        print(
            f"export {format:5}: {published / median:9,.0f} records/s (median of {args.rounds}; best "
            f"{published / best:,.0f}), {median:.1f} s, {size / 1e6:,.0f} MB"
        )
    print(f"one record at a time (before, first {args.sample:,}): {one_by_one(args.sample):,.0f} records/s")
    client = Client(HTTP_HOST="localhost")
    for format in ("jsonl", "csv"):
        for old in open_data.folder().glob(f"knowledge-*.{format}"):
            old.unlink()
        started = time.perf_counter()
        open_data.published_file(format).close()
        print(f"open-data file {format:5}: written in {time.perf_counter() - started:.1f} s")
        answers, downloads = [], []
        for _round in range(20):
            started = time.perf_counter()
            response = client.get(f"/en/knowledge/export.{format}")
            answers.append((time.perf_counter() - started) * 1000)
            size = sum(len(chunk) for chunk in response.streaming_content)
            downloads.append((time.perf_counter() - started) * 1000)
            response.close()
        print(
            f"  download once written: answer p50 {statistics.median(answers):.1f} ms, max {max(answers):.1f} "
            f"ms; whole {size / 1e6:,.0f} MB read through the test client p50 {statistics.median(downloads):.0f} ms"
        )
    home_page(client)


def home_page(client: Client) -> None:
    """The home page alone, then while another process writes the whole export (as the first download after
    a change does in one server process)."""

    def timings(rounds: int = 20) -> list[float]:
        found = []
        for _round in range(rounds):
            started = time.perf_counter()
            client.get("/en/")
            found.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
        return found

    alone = timings()
    exporter = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "palermo.cli",
            "export-knowledge",
            "--format",
            "jsonl",
            "--output",
            os.devnull,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    during = timings()
    still = exporter.poll() is None
    exporter.wait()
    print(
        f"home page p50 {statistics.median(alone):.1f} ms alone, {statistics.median(during):.1f} ms (max "
        f"{max(during):.1f}) while another process exports everything ({'still running' if still else 'done'} "
        "at the end)"
    )


if __name__ == "__main__":
    sys.exit(main())
