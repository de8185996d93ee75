"""Benchmark of the letter of request (issue 13's targets: DOCX < 300 ms, PDF < 1 s).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/cooperation_letter.py [--rounds 50] [--languages fr,ar,zh-hans]

Prepares a throwaway database (the real register and the bundled treaty status, so that the legal basis
is computed as in production), two authorities of the directory (Italy, France) and one full request for
mutual legal assistance (bank records in a trafficking case: every part of the request format filled,
three persons, two forms of assistance, three annexes attached). Then times `letter_docx` and `letter_pdf`
end to end (reading the request, the legal basis, the layout, the bytes) `--rounds` times in each
language and prints p50/p95/max in milliseconds, with the size of the file.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
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
from tests.factories import UserFactory  # noqa: E402

from palermo.accounts.models import Role  # noqa: E402
from palermo.cooperation.interfaces.letter_docx import letter_docx  # noqa: E402
from palermo.cooperation.interfaces.letter_pdf import letter_pdf  # noqa: E402
from palermo.cooperation.models import Authority, Request, RequestAttachment  # noqa: E402
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files  # noqa: E402

PARAGRAPH = (
    "Between March 2023 and June 2024 the members of the group recruited at least fourteen women in the "
    "State of São Paulo with offers of work in restaurants in Sicily, paid for their travel through Lisbon "
    "and Lyon, took their passports on arrival and forced them into prostitution in Palermo and Catania. "
)
CONTENT = {
    "kind": "mla",
    "language": "fr",
    "reference": "RGNR 1234/2026 (benchmark)",
    "subject": "Criminal proceedings 1234/2026 for trafficking in persons and money-laundering. " * 2,
    "conducting_authority": "Public Prosecutor's Office at the Court of Palermo, District Anti-Mafia Directorate",
    "offences": [
        {
            "crime_type": "trafficking-in-persons",
            "provision": "Art. 601 of the Italian Criminal Code",
            "text": "Whoever recruits, introduces into the territory of the State, transfers ... " * 4,
            "max_penalty_years": 20,
            "description": "Recruitment by deception and abuse of a position of vulnerability. " * 2,
        },
        {
            "crime_type": "money-laundering",
            "provision": "Art. 648-bis of the Italian Criminal Code",
            "text": "Whoever replaces or transfers money, goods or other assets deriving from a crime ... "
            * 3,
            "max_penalty_years": 12,
            "description": "The proceeds were moved through accounts in Lyon.",
        },
    ],
    "organized_criminal_group": True,
    "transnational": ["a", "b", "c", "d"],
    "facts": "\n".join([PARAGRAPH * 3] * 6),
    "persons": [
        {
            "role": "suspect",
            "name": "Marco Benchmark",
            "aliases": ["Marcão"],
            "date_of_birth": "1980-02-29",
            "nationality": "BRA",
            "address": "12 rue de l'Exemple, 69000 Lyon",
            "identity_document": "Passport FZ000000 (invented)",
            "location": "Lyon",
        },
        {"role": "victim", "name": "A. B.", "protection": ["identity_confidential", "victim_of_trafficking"]},
        {"role": "witness", "name": "C. D.", "location": "Lyon", "protection": ["witness_protection"]},
    ],
    "assistance": [
        {
            "form": "18_3_f",
            "description": "Statements, opening documents and signatory cards of the account.",
            "particulars": {
                "bank": "Banque Démo de Lyon",
                "account": "FR76 0000 0000 0000 0000 0000 000",
                "period_from": "2023-01-01",
                "period_to": "2024-06-30",
            },
        },
        {"form": "18_3_a", "description": "Hear the witness C. D.", "particulars": {"person": "C. D."}},
    ],
    "purpose": "To prove the flows of money of the group before the Court of Palermo. " * 2,
    "procedures": "Copies certified by the bank; the witness heard in the presence of an Italian prosecutor.",
    "confidentiality": {"required": True, "reasons": "The investigation is ongoing; suspects at large."},
    "urgency": {"urgent": True, "reasons": "Victims are still exploited.", "execute_by": "2027-01-15"},
    "annexes": [{"title": "Text of articles 601 and 648-bis of the Criminal Code"}],
}


def prepare() -> Request:
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    italy = Authority.objects.create(
        party_id="ITA",
        name="Ministero della Giustizia, Dipartimento per gli affari di giustizia (benchmark)",
        name_en="Ministry of Justice, Department for Justice Affairs (benchmark)",
        postal_address="Via Arenula 70, 00186 Roma",
        emails=["central.authority@example.invalid"],
        phones=["+39 06 0000 0000"],
        is_demo=True,
    )
    france = Authority.objects.create(
        party_id="FRA", name="Bureau de l'entraide pénale internationale (benchmark)", is_demo=True
    )
    req = Request.objects.create(
        reference="PAL-BENCH-000001",
        kind="mla",
        requesting_authority=italy,
        requested_authority=france,
        content=CONTENT,
        language="fr",
        urgent=True,
        execute_by=date(2027, 1, 15),
        is_demo=True,
    )
    drafter = UserFactory(role=Role.PRACTITIONER)
    for number, title in enumerate(
        [
            "Order of the judge for preliminary investigations",
            "Statement of victim A. B.",
            "Bank transfer list",
        ]
    ):
        RequestAttachment.objects.create(
            request=req,
            side="requesting",
            title=title,
            file=f"cooperation/bench/{number}.pdf",
            file_name=f"{number}.pdf",
            size=1,
            sha256="0" * 64,
            is_annex=True,
            uploaded_by=drafter,
        )
    return req


def timed(function, req, language: str, rounds: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds of each round (CPU time of this process: what the work costs when
    the machine is shared; the database's own time is in the wall clock only), and the file's size."""
    function(req, language)  # warm-up: fonts, wording, templates
    wall, cpu, size = [], [], 0
    for _ in range(rounds):
        fresh = Request.objects.get(pk=req.pk)  # as a view would: the request read again each time
        started, started_cpu = time.perf_counter(), time.process_time()
        size = len(function(fresh, language))
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu, size


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[round(0.95 * (len(ordered) - 1))], ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--languages", default="fr,ar,zh-hans")
    args = parser.parse_args()
    req = prepare()
    targets = {"docx": 300, "pdf": 1000}
    print(
        f"load average before: {' '.join(f'{load:.1f}' for load in os.getloadavg())}; CPUs: {os.cpu_count()}"
    )
    for language in args.languages.split(","):
        for name, function in (("docx", letter_docx), ("pdf", letter_pdf)):
            wall, cpu, size = timed(function, req, language, args.rounds)
            p50, p95, worst = percentiles(wall)
            cpu50, cpu95, _ = percentiles(cpu)
            verdict = "ok" if p95 < targets[name] else "OVER TARGET"
            print(
                f"letter {name} {language}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms "
                f"(CPU p50 {cpu50:.1f} ms, p95 {cpu95:.1f} ms) over {args.rounds} rounds; "
                f"{size / 1024:.0f} KiB (target {targets[name]} ms: {verdict})"
            )
    print(f"load average after: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
