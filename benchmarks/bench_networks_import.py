"""Benchmark of importing FtM JSON lines into an investigation (docs/benchmarks.md, "Networks import";
target: an investigation of 1,000,000 entities at >= 5,000 entities/s).

    .venv/bin/python benchmarks/bench_networks_import.py --data-dir /tmp/bench-net [--size 100000 --size 1000000]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_networks_import.py --data-dir /tmp/bench-net-pg

Generates seeded, invented people, companies and the links between them (ownerships, directorships,
family ties) as FtM lines, then runs the real import job in this process (one pass: each line checked,
statements and entities written in batches, each with its checkpoint) into a new investigation, and
reports entities/s for the whole job (upload stored, job queued, run, source marked ready) with the load
average of the machine before and after (other work on the same cores slows it). With --fail the file
ends in a bad line: the time is that of writing everything, naming the problem and removing the rows
(the statements left afterwards are counted: 0).
"""

import argparse
import os
import random
import shutil
import sys
import time

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "--data-dir" in sys.argv:
    os.environ["PALERMO_DATA_DIR"] = sys.argv[sys.argv.index("--data-dir") + 1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

import orjson  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.management import call_command  # noqa: E402

from palermo.accounts.models import User  # noqa: E402
from palermo.cooperation.models import Authority  # noqa: E402
from palermo.core.jobs import queue  # noqa: E402
from palermo.core.jobs.runner import run_job  # noqa: E402
from palermo.networks.domain.imports import start_import  # noqa: E402
from palermo.networks.models import Investigation, SourceKind, Statement  # noqa: E402
from palermo.register.models import Party  # noqa: E402

FIRST = ["Aleksandr", "Maria", "Giovanni", "Ana", "Mehmet", "Li", "Fatima", "John", "Olga", "Carlos", "Amina"]
LAST = ["Zakharov", "Rossi", "Lima", "Yilmaz", "Wang", "Haddad", "Smith", "Ivanova", "Costa", "Diallo"]
COUNTRIES = ["it", "ru", "br", "tr", "cn", "ma", "gb", "ua", "pt", "sn", "de", "fr"]
FORMS = ["SRL", "Ltd", "GmbH", "LLC", "SA", "OOO"]


def generate(path: str, size: int, seed: int = 14) -> None:
    """`size` entities: 45% people, 25% companies, 30% links between them."""
    rng = random.Random(seed)
    people, companies = int(size * 0.45), int(size * 0.25)
    links = size - people - companies
    with open(path, "wb") as out:
        for n in range(people):
            props = {
                "name": [f"{rng.choice(FIRST)} {rng.choice(LAST)}"],
                "birthDate": [f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"],
                "nationality": [rng.choice(COUNTRIES)],
            }
            if n % 3 == 0:
                props["passportNumber"] = [f"P{rng.randint(1000000, 9999999)}"]
            out.write(orjson.dumps({"id": f"p{n}", "schema": "Person", "properties": props}) + b"\n")
        for n in range(companies):
            props = {
                "name": [
                    f"{rng.choice(LAST)} {rng.choice(['Trading', 'Holding', 'Logistics'])} {rng.choice(FORMS)}"
                ],
                "jurisdiction": [rng.choice(COUNTRIES)],
                "registrationNumber": [f"R{rng.randint(100000, 999999)}"],
            }
            out.write(orjson.dumps({"id": f"c{n}", "schema": "Company", "properties": props}) + b"\n")
        for n in range(links):
            kind = n % 3
            owner = f"p{rng.randrange(people)}"
            if kind == 0:
                data = {
                    "schema": "Ownership",
                    "properties": {
                        "owner": [owner],
                        "asset": [f"c{rng.randrange(companies)}"],
                        "percentage": [str(rng.randint(1, 100))],
                    },
                }
            elif kind == 1:
                data = {
                    "schema": "Directorship",
                    "properties": {
                        "director": [owner],
                        "organization": [f"c{rng.randrange(companies)}"],
                        "role": ["director"],
                    },
                }
            else:
                data = {
                    "schema": "Family",
                    "properties": {
                        "person": [owner],
                        "relative": [f"p{rng.randrange(people)}"],
                        "relationship": ["sibling"],
                    },
                }
            out.write(orjson.dumps({"id": f"l{n}", **data}) + b"\n")


def prepare():
    call_command("migrate", verbosity=0)
    if not Party.objects.exists():
        call_command("load_reference_data", verbosity=0)
    authority = Authority.objects.filter(name="Benchmark authority").first() or Authority.objects.create(
        party=Party.objects.order_by("pk").first(), name="Benchmark authority"
    )
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"username": "bench"})
    return authority, user


def run(size: int, authority, user, *, fail: bool = False) -> None:
    path = str(settings.DATA_DIR / f"bench-{size}.ftm.json")
    if not os.path.exists(path):
        generate(path, size)
    if fail:  # the same file with a bad last line: everything is written, then removed
        bad = str(settings.DATA_DIR / f"bench-{size}-bad.ftm.json")
        if not os.path.exists(bad):
            shutil.copyfile(path, bad)
            with open(bad, "ab") as out:
                out.write(b'{"id": "bad", "schema": "Persn", "properties": {}}\n')
        path = bad
    investigation = Investigation.objects.create(
        title=f"Benchmark {size}", authority=authority, created_by=user
    )
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open(path, "rb") as fh:
        source = start_import(
            investigation=investigation,
            user=user,
            upload=File(fh, name="bench.ftm.json"),
            kind=SourceKind.FTM_LINES,
            role_checked=True,
        )
    # The import job alone: the search for candidates it queues when it ends is not timed here.
    run_job(*queue.claim_next(worker="benchmark"))
    elapsed = time.perf_counter() - started
    source.refresh_from_db()
    left = Statement.objects.filter(source=source).count()
    print(
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]:>10} {size:>9,} entities "
        f"{source.statement_count or left:>10,} statements  state={source.state}  {elapsed:7.1f} s "
        f"{size / elapsed:8,.0f} entities/s  (load {load_before:.1f} -> {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--size", type=int, action="append", help="entities (repeatable; default 100,000)")
    parser.add_argument("--fail", action="store_true", help="a bad last line: time to fail and clean up")
    args = parser.parse_args()
    authority, user = prepare()
    for size in args.size or [100_000]:
        run(size, authority, user, fail=args.fail)


if __name__ == "__main__":
    main()
