"""Benchmark of the directory search (issue 13's target: 5,000 authorities, p95 under 50 ms).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/cooperation_directory.py [--rounds 50] [--authorities 5000]

Prepares a throwaway database (SQLite by default, or DATABASE_URL) with the real reference data, then
`--authorities` invented authorities spread over every State in the register, each with one to three
designations, one to three languages and channels. Times what the search page does for one page of
results — `search_authorities()` for a secretariat user, the paginator's count and the first 50 rows
with their States and the kinds of their designations (`with_kinds`) — for a set of searches (name
words, State, kind, language, channel, combined), and the public overview's query. Prints p50/p95/max
in milliseconds.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402

from palermo.accounts.models import Organisation, Role, User  # noqa: E402
from palermo.cooperation.models import KIND_BASIS, Authority, AuthorityKind, Channel, Designation  # noqa: E402
from palermo.cooperation.queries import designations_by_state, search_authorities, with_kinds  # noqa: E402
from palermo.cooperation.views.directory import LIST_FIELDS  # noqa: E402
from palermo.register.models import Party  # noqa: E402

WORDS = [
    "Ministry",
    "Justice",
    "Prosecutor",
    "Office",
    "Police",
    "Central",
    "Authority",
    "Coast",
    "Guard",
    "Department",
    "International",
    "Cooperation",
    "Federal",
    "National",
    "Bureau",
    "Directorate",
]
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh", "pt", "de", "it"]

SEARCHES = [
    ("all, first page", {}),
    ("name word", {"q": "justice"}),
    ("two name words", {"q": "federal bureau"}),
    ("State", {"party": "ITA"}),
    ("kind", {"kind": AuthorityKind.CENTRAL_AUTHORITY}),
    ("language", {"language": "fr"}),
    ("channel", {"channel": Channel.INTERPOL}),
    ("word + kind + language", {"q": "ministry", "kind": AuthorityKind.EXTRADITION, "language": "es"}),
    ("no match", {"q": "zzzz"}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def fill(count: int) -> None:
    rng = random.Random(13)
    parties = list(Party.objects.values_list("code", flat=True))
    authorities = []
    for number in range(count):
        words = rng.sample(WORDS, 3)
        authorities.append(
            Authority(
                party_id=parties[number % len(parties)],
                name=f"{' '.join(words)} {number}",
                name_en=f"{' '.join(reversed(words))} {number}",
                languages=rng.sample(LANGUAGES, rng.randint(1, 3)),
                channels=rng.sample(Channel.values, rng.randint(1, 3)),
                emails=[f"office{number}@bench.invalid"],
                is_demo=True,
            )
        )
    Authority.objects.bulk_create(authorities, batch_size=1000)
    designations = []
    for authority in Authority.objects.only("pk"):
        for kind in rng.sample(AuthorityKind.values, rng.randint(1, 3)):
            instrument, article = KIND_BASIS[AuthorityKind(kind)]
            designations.append(
                Designation(authority=authority, kind=kind, instrument_id=instrument, article=article)
            )
    Designation.objects.bulk_create(designations, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--authorities", type=int, default=5000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    if not Authority.objects.exists():
        fill(args.authorities)
    organisation, _created = Organisation.objects.get_or_create(
        name="Bench secretariat", defaults={"kind": Organisation.Kind.SECRETARIAT}
    )
    secretariat, _created = User.objects.get_or_create(
        username="bench@secretariat.invalid",
        defaults={"role": Role.SECRETARIAT_ADMIN, "organisation": organisation},
    )
    secretariat.approved_at = secretariat.date_joined
    secretariat.is_verified = lambda: True
    print(
        f"database: {connection.vendor}; {Authority.objects.count()} authorities, "
        f"{Designation.objects.count()} designations; rounds: {args.rounds}"
    )
    print(f"{'search (one page of 50)':32} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for name, filters in SEARCHES:
        timings, rows = [], 0
        for _ in range(args.rounds + 1):
            started = time.perf_counter()
            page = Paginator(search_authorities(secretariat, **filters).only(*LIST_FIELDS), 50).get_page(1)
            shown = [(a.name, a.party.local_name, a.kinds) for a in with_kinds(page.object_list)]
            rows = page.paginator.count
            timings.append((time.perf_counter() - started) * 1000)
            assert len(shown) == min(50, rows)
        timings = timings[1:]  # the first warms the caches
        worst = max(worst, percentile(timings, 0.95))
        print(
            f"{name:32} {rows:6} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
            f"{max(timings):8.1f}"
        )
    timings = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        designations_by_state(kind=AuthorityKind.CENTRAL_AUTHORITY)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"{'public overview (central auth.)':32} {'':6} {statistics.median(timings):8.1f} "
        f"{percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
    )
    print(f"worst search p95: {worst:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
