"""Benchmark of writing search-index segments as the index grows: does a batch cost the same into an empty
index and into one of a million records? (docs/benchmarks.md, "Knowledge base search").

    PALERMO_DEMO=1 .venv/bin/python benchmarks/knowledge_writes.py --data-dir /tmp/b20k [--segments 100]

Needs a benchmark database with records (make one with `benchmarks/knowledge_search.py --records 20000
--data-dir DIR`). Prepares every batch of 10,000 records once, then writes them over and over as new
segments, one transaction each, and reports the mean write time per ten segments; then drops ten of them.
The segments it writes are left for the next `palermo reindex-knowledge` to replace; the records' answers
do not change meanwhile (a record's latest segment is its live one).
"""

import argparse
import os
import sys
import time

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from palermo.knowledge.models import Record  # noqa: E402
from palermo.knowledge.search.index import BATCH, delete_segments  # noqa: E402
from palermo.knowledge.search.numbering import TokenNumbers  # noqa: E402
from palermo.knowledge.search.segments import TokenIds, prepare, write  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True, help="a benchmark database with records")
    parser.add_argument("--segments", type=int, default=100, help="segments to write (default 100)")
    args = parser.parse_args()
    ids = list(Record.objects.order_by("id").values_list("id", flat=True))
    if not ids:
        sys.exit(f"no records in {args.data_dir}: build them with benchmarks/knowledge_search.py first")
    numbers, vocabulary = TokenNumbers(), TokenIds()
    batches = [prepare(ids[start : start + BATCH], numbers) for start in range(0, len(ids), BATCH)]
    print(f"{len(ids):,} records in {len(batches)} prepared batches; writing {args.segments} segments")
    written, times = [], []
    for number in range(args.segments):
        started = time.perf_counter()
        with transaction.atomic():
            written.append(write(batches[number % len(batches)], vocabulary))
        times.append(time.perf_counter() - started)
        if len(times) % 10 == 0:
            print(f"segments {len(times) - 9:>4} to {len(times):<4} mean write {sum(times[-10:]) / 10:.3f} s")
    started = time.perf_counter()
    for segment in written[:10]:
        with transaction.atomic():
            delete_segments([segment])
    print(f"dropping a segment: {(time.perf_counter() - started) / min(10, len(written)):.3f} s")


if __name__ == "__main__":
    main()
