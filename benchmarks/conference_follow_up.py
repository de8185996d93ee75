"""Benchmark of the Conference's follow-up page (issue 16: a session with 50 resolutions, p95 < 100 ms) on
the embedded SQLite default (or DATABASE_URL).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/conference_follow_up.py [--resolutions 50] [--rounds 50]

Prepares a throwaway database with the real register, one session with N resolutions of six operative
paragraphs each (three ask all States, three name five States), and follow-up as busy as it gets: each
all-States paragraph reported on by 150 States (a third of them twice), each named State and the
secretariat on the others. Times the follow-up page (the session; one State; one topic), a resolution's
page and the API's list of decisions through Django's test client (server-side time). Prints p50/p95/max.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from palermo.accounts.models import Role, User  # noqa: E402
from palermo.conference.models import Body, Decision, FollowUp, Meeting, OperativeParagraph  # noqa: E402
from palermo.core.warm import settle  # noqa: E402
from palermo.knowledge.models import Term  # noqa: E402
from palermo.register.models import Party  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def prepare(resolutions: int) -> tuple[Meeting, Decision, int]:
    randomness = random.Random(16)
    recorder = User.objects.create_user("bench@example.org", "bench@example.org", role=Role.SECRETARIAT_ADMIN)
    states = list(Party.objects.filter(kind="state").values_list("pk", flat=True)) or list(
        Party.objects.values_list("pk", flat=True)
    )
    topics = list(Term.objects.all()[:12])
    session = Meeting.objects.create(
        body=Body.CONFERENCE, number=30, starts=date(2030, 10, 14), ends=date(2030, 10, 18), place="Vienna"
    )
    follow_ups = []
    for number in range(1, resolutions + 1):
        decision = Decision.objects.create(
            meeting=session,
            kind="resolution",
            number=f"30/{number}",
            titles={"en": f"Resolution {number}"},
            adopted=date(2030, 10, 18),
        )
        for position in range(1, 7):
            asks_all = position <= 3
            paragraph = OperativeParagraph.objects.create(
                decision=decision,
                number=position,
                texts={"en": f"Paragraph {position} of resolution {number}."},
                addressee="all_states" if asks_all else "some_states",
                due=date(2032, 6, 30),
            )
            if topics:
                paragraph.topics.add(randomness.choice(topics))
            named = randomness.sample(states, 150 if asks_all else 5)
            if not asks_all:
                paragraph.states.add(*named)
            again = set(named[::3]) if asks_all else set()  # these report twice: the first is not the latest
            for index, party in enumerate([*named, *(named[::3] if asks_all else [None])]):
                follow_ups.append(
                    FollowUp(
                        paragraph=paragraph,
                        party_id=party,
                        status=("done", "under_way", "not_started")[index % 3],
                        text="Reported.",
                        language="en",
                        recorded_by=recorder,
                        is_latest=not (index < len(named) and party in again),
                    )
                )
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    return session, Decision.objects.filter(meeting=session).first(), len(follow_ups)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resolutions", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=50)
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_taxonomy", stdout=open(os.devnull, "w"))  # noqa: SIM115
    session, decision, count = prepare(arguments.resolutions)
    settle()  # as a serving process does once started (palermo.wsgi)
    topic = (
        OperativeParagraph.objects.filter(decision__meeting=session)
        .values_list("topics__slug", flat=True)
        .first()
    )
    pages = [
        ("follow-up page, the session", f"/en/conference/follow-up/?meeting={session.pk}"),
        ("follow-up page, one State", f"/en/conference/follow-up/?meeting={session.pk}&state=ITA"),
        ("follow-up page, one topic", f"/en/conference/follow-up/?topic={topic}" if topic else None),
        ("a resolution's page", f"/en/conference/decisions/{decision.pk}/"),
        ("API: decisions, first page", "/api/v1/conference/decisions/?limit=20"),
    ]
    print(
        f"database: {django.db.connection.vendor}; {arguments.resolutions} resolutions, "
        f"{arguments.resolutions * 6} paragraphs, {count} follow-up entries; rounds: {arguments.rounds}"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, url in pages:
        if url is None:
            continue
        assert client.get(url).status_code == 200, url  # warm
        timings = []
        for _ in range(arguments.rounds):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{name:36} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        )


if __name__ == "__main__":
    main()
