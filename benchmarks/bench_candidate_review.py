# ruff: noqa: RUF001 (names in Cyrillic, Arabic and Chinese on purpose)
"""Benchmark of reviewing candidate pairs (issue 14's target: the candidate review page p95 < 200 ms), and
of a search for candidates (the "networks.resolve" job) for scale.

    .venv/bin/python benchmarks/bench_candidate_review.py [--entities 100000] [--candidates 5000] [--rounds 50]
        [--search 5000] [--people 100000]
    DATABASE_URL=postgres://… (the same on PostgreSQL; the database is written to: use a throwaway one)

Prepares a throwaway database with the reference data, one authority and an analyst, and an investigation
of `--entities` invented entities written as direct bulk rows (a ready source, one Entity row and four
statements each: name, birth date, nationality, passport; one in four people has a second record, merged
into the same canonical entity, from a second source) and `--candidates` open candidate pairs among them.
Then, through Django's test client as the analyst (signed in with the second factor; server-side time
only), times the candidate page for a different pair each round, the list of candidates, the API's
detail of a pair, and judging a pair (POST, the next pair's address back), and prints p50/p95/max in ms.
With `--search N`, a second investigation of N entities (a tenth of them near-duplicates in other spellings
or scripts) is searched by the real job in this process, and its rate is printed: few distinct names, so many
pairs per entity (the worst case). With `--people N`, N records of invented people as a population has
them (`people_records.py`: many distinct names, about 2.4 records per person with typos, nicknames, other
dates, e-mails and phones) are written as an FtM file, imported by the real import job and searched by the
real search job, and both rates, the pairs scored and the candidates found are printed.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from tests.factories import UserFactory, signed_in  # noqa: E402

from palermo.accounts.models import Organisation, Role  # noqa: E402
from palermo.cooperation.models import Authority  # noqa: E402
from palermo.networks.domain import investigations as investigations_domain  # noqa: E402
from palermo.networks.domain.resolution_components import canonical_for  # noqa: E402
from palermo.networks.models import (  # noqa: E402
    Candidate,
    Entity,
    Investigation,
    Source,
    SourceKind,
    SourceState,
    Statement,
)
from palermo.register.models import Party  # noqa: E402

FIRST = ["Aleksandr", "Maria", "Giovanni", "Ana", "Mehmet", "Li", "Fatima", "John", "Olga", "Carlos", "Amina"]
LAST = ["Zakharov", "Rossi", "Lima", "Yilmaz", "Wang", "Haddad", "Smith", "Ivanova", "Costa", "Diallo"]
# The same names in other spellings and scripts, for the near-duplicates of the search.
VARIANTS = {
    "Aleksandr": "Александр",
    "Zakharov": "ЗАХАРОВ",
    "Maria": "Мария",
    "Ivanova": "Иванова",
    "Giovanni": "Giovani",
    "Rossi": "Rosi",
    "Mehmet": "Mehmed",
    "Haddad": "حداد",
    "Wang": "王",
}
COUNTRIES = ["it", "ru", "br", "tr", "cn", "ma", "gb", "ua", "pt", "sn"]
FEATURES = [
    {
        "name": "name",
        "weight": 0.6,
        "value": 0.93,
        "left_values": ["x"],
        "right_values": ["y"],
        "explanation": "The names are alike",
    }
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def analyst_of_an_authority():
    party = Party.objects.order_by("code").first()
    organisation = Organisation.objects.create(
        name="Prosecution (benchmark)", kind=Organisation.Kind.STATE_AUTHORITY, party=party
    )
    Authority.objects.create(
        party=party, name="Prosecution (benchmark)", name_en="", organisation=organisation
    )
    user = UserFactory(role=Role.PRACTITIONER, organisation=organisation)
    user.is_verified = lambda: True
    return user


def new_investigation(user, title: str) -> Investigation:
    investigation = investigations_domain.create_investigation(user=user, title=title)
    Investigation.objects.filter(pk=investigation.pk).update(is_demo=True)
    return investigation


def person(rng, number: int) -> tuple[str, list[tuple[str, str]]]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
    return name, [
        ("name", name),
        ("birthDate", f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
        ("nationality", rng.choice(COUNTRIES)),
        ("passportNumber", f"P{rng.randint(1000000, 9999999)}"),
    ]


@transaction.atomic
def prepare(user, investigation: Investigation, entities: int, candidates: int) -> list[int]:
    """Bulk rows: entities with statements (a quarter merged with a second record), then open pairs."""
    rng = random.Random(14)
    now = timezone.now()
    first, second = (
        Source.objects.create(
            investigation=investigation,
            kind=SourceKind.FTM_LINES,
            label=label,
            state=SourceState.READY,
            created_by=user,
        )
        for label in ("italy.ftm.json", "brazil.ftm.json")
    )
    rows, statements = [], []
    for number in range(entities):
        entity_id = f"p-{number:07d}"
        name, values = person(rng, number)
        members = [(entity_id, first, values)]
        if number % 4 == 0:
            members.append((f"q-{number:07d}", second, [("name", name.upper()), *values[1:3]]))
        canonical = canonical_for([member[0] for member in members])
        for member_id, source, member_values in members:
            rows.append(
                Entity(
                    investigation=investigation,
                    entity_id=member_id,
                    canonical_id=canonical,
                    schema="Person",
                    caption=name,
                    countries=member_values[2][1] if len(member_values) > 2 else "",
                    first_source=source,
                )
            )
            statements.extend(
                Statement(
                    investigation=investigation,
                    entity_id=member_id,
                    schema="Person",
                    prop=prop,
                    value=value,
                    source=source,
                    line=number + 1,
                    stated_at=now,
                    stated_by=user,
                )
                for prop, value in member_values
            )
        if len(statements) >= 20_000:
            Entity.objects.bulk_create(rows)
            Statement.objects.bulk_create(statements)
            rows, statements = [], []
    Entity.objects.bulk_create(rows)
    Statement.objects.bulk_create(statements)
    canonical_ids = sorted(
        set(Entity.objects.filter(investigation=investigation).values_list("canonical_id", flat=True))
    )
    pairs = set()
    while len(pairs) < candidates:
        left, right = sorted(rng.sample(canonical_ids, 2))
        pairs.add((left, right))
    Candidate.objects.bulk_create(
        Candidate(
            investigation=investigation,
            left_id=left,
            right_id=right,
            schema="Person",
            left_caption="",
            right_caption="",
            score=round(rng.uniform(0.5, 1), 4),
            features=FEATURES,
        )
        for left, right in sorted(pairs)
    )
    return list(Candidate.objects.filter(investigation=investigation).values_list("pk", flat=True))


def timed(name: str, call, rounds: int) -> None:
    call(0)  # warm
    timings = []
    for number in range(1, rounds + 1):
        started = time.perf_counter()
        response = call(number)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (name, response.status_code)
    print(f"{name:44} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} {max(timings):8.1f}")


def search(user, size: int) -> None:
    """The real job on an investigation of `size` people, a tenth of them written again in another form."""
    from palermo.core.jobs import run_pending
    from palermo.networks.domain.imports import add_statements
    from palermo.networks.domain.resolution_run import start_run
    from palermo.networks.ftm.model import model

    rng = random.Random(15)
    investigation = new_investigation(user, "Search benchmark")
    source = Source.objects.create(
        investigation=investigation,
        kind=SourceKind.FTM_LINES,
        label="search.ftm.json",
        state=SourceState.READY,
        created_by=user,
    )
    written = time.perf_counter()
    with transaction.atomic():
        for number in range(size):
            proxy = model.make_entity("Person")
            proxy.id = f"s-{number:07d}"
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if number % 10 == 9:
                first, last = VARIANTS.get(first, first), VARIANTS.get(last, last)
            proxy.add("name", f"{first} {last}")
            proxy.add("birthDate", f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-01")
            add_statements(
                investigation=investigation, user=user, source=source, proxy=proxy, line=number + 1
            )
    print(f"search: {size} people written in {time.perf_counter() - written:.1f} s")
    started = time.perf_counter()
    run = start_run(investigation=investigation, user=user)
    run_pending()
    run.refresh_from_db()
    elapsed = time.perf_counter() - started
    print(
        f"search: {run.entity_count} entities, {run.candidate_count} candidates, {run.capped_key_count} keys "
        f"capped, in {elapsed:.1f} s ({run.entity_count / elapsed:.0f} entities/s; job {run.job.state})"
    )


def people(user, size: int) -> None:
    """Invented people as a population has them, imported and searched by the real jobs."""
    import json

    from benchmarks.people_records import generate
    from django.core.files import File

    from palermo.core.jobs import queue, run_pending
    from palermo.core.jobs.runner import run_job
    from palermo.networks.domain.imports import start_import
    from palermo.networks.domain.resolution_run import start_run
    from palermo.networks.models import ResolutionRun

    investigation = new_investigation(user, "Population benchmark")
    path = Path(os.environ["PALERMO_DATA_DIR"]) / f"people-{size}.ftm.json"
    with path.open("w") as out:
        for record, _person in generate(size, seed=1):
            properties = {"name": [f"{record['first_name']} {record['surname']}"]}
            for column, prop in (("dob", "birthDate"), ("email", "email")):  # invented phones do not parse
                if record[column]:
                    properties[prop] = [record[column]]
            properties["gender"] = ["male" if record["gender"] == "m" else "female"]
            entity = {"id": record["unique_id"], "schema": "Person", "properties": properties}
            out.write(json.dumps(entity) + "\n")
    started = time.perf_counter()
    with path.open("rb") as fh:
        source = start_import(
            investigation=investigation,
            user=user,
            upload=File(fh, name=path.name),
            kind=SourceKind.FTM_LINES,
            role_checked=True,
        )
    run_job(*queue.claim_next(worker="benchmark"))  # the import alone
    elapsed = time.perf_counter() - started
    source.job.refresh_from_db()
    if source.job.state != "done":
        raise SystemExit(f"the import failed: {str(source.job.result)[:2000]}")
    print(f"people: {size} imported in {elapsed:.1f} s ({size / elapsed:,.0f} entities/s)", flush=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    run = start_run(investigation=investigation, user=user)  # the one the import queued
    run_pending()
    run = ResolutionRun.objects.select_related("job").get(pk=run.pk)
    elapsed = time.perf_counter() - started
    print(
        f"people: {run.entity_count} entities searched in {elapsed:.1f} s ({run.entity_count / elapsed:,.0f} "
        f"entities/s; load {load_before:.1f} -> {os.getloadavg()[0]:.1f}), {run.candidate_count} candidates, "
        f"{run.capped_key_count} keys capped; job {run.job.state}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--search", type=int, default=0)
    parser.add_argument("--people", type=int, default=0)
    args = parser.parse_args()
    print(f"preparing the database ({connection.vendor})…")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    user = analyst_of_an_authority()
    investigation = new_investigation(user, "Review benchmark")
    started = time.perf_counter()
    pairs = prepare(user, investigation, args.entities, args.candidates)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{Entity.objects.filter(investigation=investigation).count()} entity rows, "
        f"{Statement.objects.filter(investigation=investigation).count()} statements, {len(pairs)} candidates "
        f"in {time.perf_counter() - started:.1f} s"
    )
    client = signed_in(Client(HTTP_HOST="127.0.0.1"), user)
    pk = investigation.pk
    rng = random.Random(16)
    chosen = rng.sample(pairs, min(len(pairs), args.rounds * 2 + 2))
    print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    timed(
        "page: one candidate pair",
        lambda n: client.get(reverse("networks:candidate", args=[pk, chosen[n]])),
        args.rounds,
    )
    timed(
        "page: candidates (first page)",
        lambda n: client.get(reverse("networks:candidates", args=[pk])),
        args.rounds,
    )
    timed(
        "page: candidates, score >= 0.9",
        lambda n: client.get(reverse("networks:candidates", args=[pk]), {"min": "0.9"}),
        args.rounds,
    )
    timed(
        "API: one candidate pair",
        lambda n: client.get(f"/api/v1/networks/investigations/{pk}/candidates/{chosen[n]}/"),
        args.rounds,
    )
    offset = args.rounds + 1
    timed(
        "POST: judge (not the same), next pair back",
        lambda n: client.post(
            reverse("networks:candidate_judge", args=[pk, chosen[offset + n]]), {"verdict": "negative"}
        ),
        args.rounds,
    )
    if args.search:
        search(user, args.search)
    if args.people:
        people(user, args.people)


if __name__ == "__main__":
    main()
