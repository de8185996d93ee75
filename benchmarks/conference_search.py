"""Benchmark of the Conference search (conference/search.py) at several times the size of the real record, on
the embedded SQLite default (or DATABASE_URL).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/conference_search.py [--sessions 15] [--rounds 30]

Prepares a throwaway database with the real register and, per session of the Conference, 12 resolutions of
20 operative paragraphs in English, French and Spanish (each citing two articles and one topic) and 100
documents, plus four working-group meetings with 50 documents each: at 15 sessions 180 resolutions, 3,600
paragraphs and 4,500 documents, 8,280 items (the real record has about 12 sessions and fewer of each). Measures the first analysis
of the record by a process, then the page (through Django's test client, server-side time) for a mix of
words, phrases, OR/NOT, a prefix, a word that matches nothing, and facet filters. Prints p50/p95/max.
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

from palermo.conference import search  # noqa: E402
from palermo.conference.models import Body, Decision, Document, Meeting, OperativeParagraph  # noqa: E402
from palermo.core.warm import settle  # noqa: E402
from palermo.knowledge.models import Term  # noqa: E402
from palermo.register.models import Article  # noqa: E402

WORDS = {
    "en": [
        "States",
        "parties",
        "technical",
        "assistance",
        "firearms",
        "marking",
        "migrants",
        "smuggling",
        "sea",
        "trafficking",
        "victims",
        "protection",
        "cooperation",
        "extradition",
        "mutual",
        "legal",
        "confiscation",
        "proceeds",
        "crime",
        "review",
        "mechanism",
        "secretariat",
        "report",
        "session",
        "working",
        "group",
        "information",
        "national",
        "legislation",
        "training",
        "capacity",
    ],
    "fr": [
        "États",
        "parties",
        "assistance",
        "technique",
        "armes",
        "feu",
        "marquage",
        "migrants",
        "trafic",
        "mer",
        "traite",
        "victimes",
        "protection",
        "coopération",
        "extradition",
        "entraide",
        "judiciaire",
        "confiscation",
        "produit",
        "crime",
        "examen",
        "mécanisme",
        "secrétariat",
        "rapport",
        "session",
        "groupe",
        "travail",
        "information",
        "législation",
        "nationale",
        "formation",
        "capacité",
    ],
    "es": [
        "Estados",
        "partes",
        "asistencia",
        "técnica",
        "armas",
        "fuego",
        "marcación",
        "migrantes",
        "tráfico",
        "mar",
        "trata",
        "víctimas",
        "protección",
        "cooperación",
        "extradición",
        "asistencia",
        "judicial",
        "decomiso",
        "producto",
        "delito",
        "examen",
        "mecanismo",
        "secretaría",
        "informe",
        "período",
        "sesiones",
        "grupo",
        "trabajo",
        "información",
        "legislación",
        "nacional",
        "capacitación",
    ],
}
QUERIES = [
    {"q": "firearms"},
    {"q": "technical assistance"},
    {"q": '"mutual legal"'},
    {"q": "migrants OR victimes"},
    {"q": "protection -sea"},
    {"q": "traff*"},
    {"q": "capacitación"},
    {"q": "nothingmatchesthis"},
    {"kind": "paragraph"},
    {"q": "review", "body": Body.CONFERENCE.value, "year": "2020"},
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def sentence(randomness: random.Random, language: str) -> str:
    return " ".join(randomness.choice(WORDS[language]) for _ in range(25)) + "."


def prepare(sessions: int) -> int:
    randomness = random.Random(16)
    topics = list(Term.objects.all()[:20])
    articles = list(Article.objects.all()[:60])
    documents, paragraphs, links = [], [], []
    for session_number in range(1, sessions + 1):
        year = 1998 + 2 * session_number
        bodies = [(Body.CONFERENCE, 100), *((body, 50) for body in list(Body.values)[1:5])]
        for body, document_count in bodies:
            meeting = Meeting.objects.create(
                body=body,
                number=session_number,
                starts=date(year, 10, 10),
                ends=date(year, 10, 14),
                place="Vienna",
            )
            for number in range(1, document_count + 1):
                documents.append(
                    Document(
                        symbol=f"CTOC/{body}/{year}/{number}",
                        meeting=meeting,
                        kind="note",
                        titles={language: sentence(randomness, language)[:120] for language in ("en", "fr")},
                        issued=date(year, 8, 1),
                    )
                )
            if body != Body.CONFERENCE:
                continue
            for resolution in range(1, 13):
                decision = Decision.objects.create(
                    meeting=meeting,
                    kind="resolution",
                    number=f"{session_number}/{resolution}",
                    titles={language: sentence(randomness, language)[:100] for language in WORDS},
                    adopted=date(year, 10, 14),
                )
                for number in range(1, 21):
                    paragraphs.append(
                        OperativeParagraph(
                            decision=decision,
                            number=number,
                            texts={language: sentence(randomness, language) for language in WORDS},
                            addressee="all_states",
                        )
                    )
    Document.objects.bulk_create(documents, batch_size=2000)
    created = OperativeParagraph.objects.bulk_create(paragraphs, batch_size=2000)
    for paragraph in created:
        for article in randomness.sample(articles, 2):
            links.append(
                OperativeParagraph.articles.through(operativeparagraph_id=paragraph.pk, article=article)
            )
    OperativeParagraph.articles.through.objects.bulk_create(links, batch_size=5000)
    if topics:
        OperativeParagraph.topics.through.objects.bulk_create(
            [
                OperativeParagraph.topics.through(
                    operativeparagraph_id=paragraph.pk, term=randomness.choice(topics)
                )
                for paragraph in created
            ],
            batch_size=5000,
        )
    return len(created) + len(documents) + Decision.objects.count()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=30)
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_taxonomy", stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.perf_counter()
    items = prepare(arguments.sessions)
    print(f"{items:,} items written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    search.current()
    print(f"first analysis of the record by a process: {time.perf_counter() - started:.2f} s")
    settle()
    client = Client(HTTP_HOST="127.0.0.1")
    url = "/en/conference/search/"
    for params in QUERIES:  # warm
        assert client.get(url, params).status_code == 200, params
    timings: list[float] = []
    for _round in range(arguments.rounds):
        for params in QUERIES:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    print(
        f"search page, {len(timings)} requests over {len(QUERIES)} searches: "
        f"p50 {statistics.median(timings):.0f} ms, p95 {percentile(timings, 0.95):.0f} ms, "
        f"max {max(timings):.0f} ms"
    )
    for params in QUERIES:
        found = search.find(search.Filters(**{k: (int(v) if k == "year" else v) for k, v in params.items()}))
        print(f"  {params}: {found.total:,} found")


if __name__ == "__main__":
    main()
