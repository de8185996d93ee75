"""Benchmark of information gathering (issue 16: 190 States' answers to a 100-question questionnaire
aggregated < 1 s; the report exported < 2 s) on the embedded SQLite default (or DATABASE_URL).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/conference_questionnaire.py [--states 190] [--rounds 5]

Prepares a throwaway database with the real register: a questionnaire of 100 questions (60 yes/no, 25 of
four answers, 10 numbers, 5 texts) sent to 190 parties, every one of which submitted a full reply (19,000
answers, a third of the States publishing theirs). Times the aggregation by regional group
(palermo.conference.results.aggregates, the secretariat's view and the public one), the response rates,
the results page through Django's test client and the DOCX report in English and Arabic. Prints the median
and the slowest of the rounds.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date
from decimal import Decimal

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from palermo.accounts.models import Role, User  # noqa: E402
from palermo.conference import results  # noqa: E402
from palermo.conference.interfaces import questionnaire_docx  # noqa: E402
from palermo.conference.models import Answer, Question, Questionnaire, Reply  # noqa: E402
from palermo.core.warm import settle  # noqa: E402
from palermo.register.models import Party  # noqa: E402

KINDS = ["yes_no"] * 60 + ["choice"] * 25 + ["number"] * 10 + ["text"] * 5


def prepare(states: int) -> tuple[Questionnaire, User]:
    randomness = random.Random(16)
    secretariat = User.objects.create_user(
        "bench@example.org", "bench@example.org", role=Role.SECRETARIAT_ADMIN
    )
    questionnaire = Questionnaire.objects.create(
        titles={"en": "Benchmark questionnaire", "ar": "استبيان القياس"},
        recipients="all_parties",
        deadline=date(2030, 1, 1),
        state="sent",
        sent=timezone.now(),
        created_by=secretariat,
    )
    choices = [{"value": str(n), "labels": {"en": f"Answer {n}"}} for n in range(1, 5)]
    questions = Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            number=number,
            texts={"en": f"Question {number} of the benchmark?"},
            kind=kind,
            choices=choices if kind == "choice" else [],
        )
        for number, kind in enumerate(KINDS, start=1)
    )
    parties = list(Party.objects.order_by("code")[:states])
    replies = Reply.objects.bulk_create(
        Reply(
            questionnaire=questionnaire,
            party=party,
            state="submitted",
            publish=index % 3 == 0,
            submitted=timezone.now(),
            submitted_by=secretariat,
        )
        for index, party in enumerate(parties)
    )
    answers = []
    for reply in replies:
        for question in questions:
            value, number, text = "", None, "An explanation of a few words."
            if question.kind == "yes_no":
                value = randomness.choice(["yes", "no"])
            elif question.kind == "choice":
                value = str(randomness.randint(1, 4))
            elif question.kind == "number":
                number = Decimal(randomness.randint(0, 10_000))
            answers.append(
                Answer(
                    reply=reply,
                    question=question,
                    value=value,
                    number=number,
                    text=text,
                    version=1,
                    updated_by=secretariat,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    return questionnaire, secretariat


def timed(function, rounds: int) -> tuple[float, float]:
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--states", type=int, default=190)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    questionnaire, _secretariat = prepare(arguments.states)
    print(
        f"{Answer.objects.count():,} answers of {Reply.objects.count()} States to {Question.objects.count()} questions"
    )
    settle()
    measures = {
        "aggregation, the secretariat's view": lambda: results.aggregates(questionnaire, full=True),
        "aggregation, the public view": lambda: results.aggregates(questionnaire, full=False),
        "response rates": lambda: results.response_rates(questionnaire),
        "DOCX report, English": lambda: questionnaire_docx.export(questionnaire, "en"),
        "DOCX report, Arabic": lambda: questionnaire_docx.export(questionnaire, "ar"),
    }
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/en/conference/questionnaires/{questionnaire.pk}/results/"
    measures["results page (public)"] = lambda: client.get(url)
    for name, function in measures.items():
        function()  # warm
        median, slowest = timed(function, arguments.rounds)
        print(f"{name}: median {median * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms")
    size = len(questionnaire_docx.export(questionnaire, "en"))
    print(f"DOCX size: {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
