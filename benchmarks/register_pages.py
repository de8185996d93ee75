"""Benchmark of the register's hot paths on the embedded SQLite default (or DATABASE_URL).

    make bench            # or: PALERMO_DEMO=1 .venv/bin/python benchmarks/register_pages.py [--rounds N]

Prepares a throwaway database with the real reference data and the 2015 status tables, then times the
treaty-status import and each public page and export through Django's test client (no network, no
browser: server-side time only). Prints p50/p95/max in milliseconds; results go to docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files  # noqa: E402
from palermo.register.models import Participation  # noqa: E402

PAGES = [
    ("parties list (UNTOC, all)", "/en/register/parties/?instrument=UNTOC"),
    ("parties list (filtered, htmx)", "/en/register/parties/?instrument=TIP&status=party&group=AFRICAN"),
    ("State page", "/en/register/parties/ITA/"),
    ("instrument page (chart + map)", "/en/register/instruments/UNTOC/"),
    ("article page", "/en/register/instruments/UNTOC/articles/18/"),
    ("export JSON (whole register)", "/en/register/export.json"),
    ("export CSV (whole register)", "/en/register/export.csv"),
    ("API party detail", "/api/v1/parties/ALB/"),
    ("API register.json", "/api/v1/register.json"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    import_seconds = time.perf_counter() - started
    rows = Participation.objects.count()
    print(f"database: {django.db.connection.vendor}; rounds per page: {rounds}")
    print(f"import of the four status tables ({rows} rows, first load): {import_seconds * 1000:.0f} ms")
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, url in PAGES:
        client.get(url)  # warm caches (map shapes, templates)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{name:40} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
