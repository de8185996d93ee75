"""Benchmark of the legal basis (issue 13's target: all pairs of 200 States on one date in under a second).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/cooperation_legal_basis.py [--rounds 10]

Prepares a throwaway database with the real reference data, the taxonomy and the 2015 status tables, then
times, per round: reading the register into a `Snapshot` (the queries), and `legal_basis()` for every
ordered pair of States (about 196 x 195) on a fresh date each round (so nothing is cached from the round
before), once without offence and kind and once with an offence and a kind (extradition, with the
art. 16(5) logic). Prints p50/p95/max in milliseconds, wall
clock and CPU time of the process (the CPU time is what a busy machine does not inflate).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from palermo.cooperation.domain.legal_basis import Snapshot, all_pairs  # noqa: E402
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def line(label: str, timings: list[float]) -> str:
    return (
        f"{label}: p50 {statistics.median(timings):.0f} ms, p95 {percentile(timings, 0.95):.0f} ms, "
        f"max {max(timings):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    sys.stdout.write("preparing the database…\n")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_taxonomy", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    translation.activate("en")
    loads, plain, detailed, pairs, applying = [], [], [], 0, 0
    plain_cpu, detailed_cpu = [], []
    for number in range(rounds):
        on = date(2014, 6, 1) + timedelta(days=number)
        started = time.perf_counter()
        snapshot = Snapshot(with_directory=True)
        loads.append((time.perf_counter() - started) * 1000)
        started, cpu = time.perf_counter(), time.process_time()
        result = all_pairs(on, snapshot=snapshot)
        plain.append((time.perf_counter() - started) * 1000)
        plain_cpu.append((time.process_time() - cpu) * 1000)
        started, cpu = time.perf_counter(), time.process_time()
        all_pairs(on, snapshot=snapshot, offence="trafficking-in-persons", kind="extradition")
        detailed.append((time.perf_counter() - started) * 1000)
        detailed_cpu.append((time.process_time() - cpu) * 1000)
        pairs, applying = len(result), sum(1 for basis in result if basis.applies)
    print(
        f"States: {len(snapshot.states())}; ordered pairs: {pairs}; pairs with an instrument that applies: {applying}"
    )
    print(line("snapshot of the register (queries)", loads))
    print(line("all pairs, no offence or kind", plain))
    print(line("all pairs, offence + extradition", detailed))
    print(line("all pairs, no offence or kind (CPU time)", plain_cpu))
    print(line("all pairs, offence + extradition (CPU time)", detailed_cpu))
    print(
        line("snapshot + all pairs (offence + kind)", [a + b for a, b in zip(loads, detailed, strict=True)])
    )


if __name__ == "__main__":
    main()
