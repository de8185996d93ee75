"""Benchmark of the list of an authority's requests (issue 13's target: 100,000 requests in the database,
the list of one authority p95 < 100 ms).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/cooperation_requests.py [--requests 100000] [--rounds 30]
    DATABASE_URL=postgres://… (the same, on PostgreSQL; the database is written to: use a throwaway one)

Prepares a throwaway database with the real reference data, puts ~200 authorities in the directory (one
per State, each with an organisation, so each uses Palermo) and `--requests` requests between them
(bulk_create; every state and kind, sent over three years, a content of a realistic size), then times,
through Django's test client as a practitioner of one authority (signed in with the second factor;
server-side time only), the API's list of requests (first page, 100 rows), its incoming and outgoing
filters and one request, and the request list page, and prints p50/p95/max in milliseconds.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
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
from tests.factories import UserFactory, signed_in  # noqa: E402

from palermo.accounts.models import Organisation, Role  # noqa: E402
from palermo.cooperation.models import Authority, Request, RequestKind, RequestState  # noqa: E402
from palermo.register.models import Party  # noqa: E402

CONTENT = {
    "kind": "mla",
    "subject": "Investigation of trafficking in persons by an organized criminal group " * 3,
    "facts": "Between 2023 and 2024 the suspects recruited young women with false offers of work. " * 20,
    "persons": [{"role": "suspect", "name": "Invented Person", "date_of_birth": "1980-02-29"}] * 3,
    "assistance": [{"form": "18_3_f", "description": "Bank records", "particulars": {"bank": "Invented"}}],
    "purpose": "To prove the payments",
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@transaction.atomic
def prepare(count: int) -> list[Authority]:
    parties = list(Party.objects.order_by("code")[:200])
    authorities = []
    for party in parties:
        organisation = Organisation.objects.create(
            name=f"Central authority of {party.code} (benchmark)",
            kind=Organisation.Kind.STATE_AUTHORITY,
            party=party,
        )
        authorities.append(
            Authority(
                party=party, name=f"Central authority of {party.code}", name_en="", organisation=organisation
            )
        )
    authorities = Authority.objects.bulk_create(authorities)
    rng = random.Random(13)
    states, kinds = RequestState.values, RequestKind.values
    start = date(2024, 1, 1)
    batch = []
    for number in range(count):
        frm, to = rng.sample(authorities, 2)
        sent_on = start + timedelta(days=rng.randrange(1000))
        state = rng.choice(states)
        batch.append(
            Request(
                reference=f"{frm.party_id}-{to.party_id}-B-{number:06d}",
                kind=rng.choice(kinds),
                requesting_authority=frm,
                requested_authority=to,
                title="Benchmark request",
                content=CONTENT,
                state=state,
                sent_on=None if state in ("draft", "approved") else sent_on,
                is_demo=True,
            )
        )
        if len(batch) == 5000:
            Request.objects.bulk_create(batch)
            batch = []
    Request.objects.bulk_create(batch)
    return authorities


def timed(client: Client, name: str, address: str, rounds: int) -> None:
    client.get(address)  # warm
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(address)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (address, response.status_code)
    print(
        f"{name:44} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        f"   ({response.json().get('count', 1) if isinstance(response.json(), dict) else ''} rows)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    sys.stdout.write(f"preparing the database ({connection.vendor})…\n")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    authorities = prepare(args.requests)
    with connection.cursor() as cursor:  # the statistics autovacuum (PostgreSQL) would gather in a while
        cursor.execute("ANALYZE")
    print(
        f"{Request.objects.count()} requests between {len(authorities)} authorities "
        f"in {time.perf_counter() - started:.1f} s"
    )
    authority = authorities[len(authorities) // 2]
    user = UserFactory(role=Role.PRACTITIONER, organisation=authority.organisation)
    client = signed_in(Client(HTTP_HOST="127.0.0.1"), user)
    listing = reverse("api:cooperation-request-list")
    one = Request.objects.filter(requesting_authority=authority).first()
    print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    timed(client, "API list, first page", listing, args.rounds)
    timed(client, "API list, outgoing", listing + "?direction=outgoing", args.rounds)
    timed(
        client,
        "API list, incoming, in execution",
        listing + "?direction=incoming&state=in_execution",
        args.rounds,
    )
    timed(client, "API list, page 3 (offset 200)", listing + "?offset=200", args.rounds)
    timed(client, "API one request", reverse("api:cooperation-request-detail", args=[one.pk]), args.rounds)
    page = reverse("cooperation:requests")
    timed(client, "page: outgoing requests (first page)", page, args.rounds)
    timed(
        client, "page: incoming, in execution", page + "?direction=incoming&state=in_execution", args.rounds
    )
    timed(client, "page: outgoing, page 3", page + "?page=3", args.rounds)


if __name__ == "__main__":
    main()
