"""Benchmark of `palermo dedupe-records` against Splink's quick-start model, side by side on the same data
(docs/benchmarks.md, "Record deduplication").

    .venv/bin/python benchmarks/bench_dedupe_records.py [--eval-records 20000] [--records 1000000]
        [--baseline-timeout 900] [--folder /tmp/dedupe-bench]

Generates people with known clusters (benchmarks/people_records.py, seeded), then for each system:
pairwise precision, recall and F1 on --eval-records, and wall time and records/s on --records, each run
from the CSV file to the written unique_id,cluster_id file, in a child process of its own (so one
system's memory does not slow the other). "Splink default" is the model of Splink 5's README quick
start, verbatim: Jaro-Winkler first_name, Jaro surname, DateOfBirthComparison, exact city with term
frequencies, EmailComparison; blocking on first_name or surname; the match rate from block_on(first_name,
surname) at recall 0.7, u from 1e6 random pairs, EM on block_on(first_name, surname) then block_on(dob);
predict at match weight -10, clusters at probability 0.95. Its one change: the dates are strings here
(input_is_string=True). It uses the columns it names; Palermo uses every column of the file.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from people_records import write

SYSTEMS = ("palermo", "splink-default")


def splink_default(input_path: str, output_path: str) -> None:
    """Splink 5's README quick-start model on the file, clusters written as unique_id,cluster_id."""
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db_api = DuckDBAPI()
    table = db_api.duckdb_con.read_csv(input_path, all_varchar=True)
    records = db_api.register(table, dataset_display_name="records")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.9, 0.7]),
            cl.JaroAtThresholds("surname", [0.9, 0.7]),
            cl.DateOfBirthComparison(
                "dob", input_is_string=True, datetime_metrics=["year", "month"], datetime_thresholds=[1, 1]
            ),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        blocking_rules_to_generate_predictions=[block_on("first_name"), block_on("surname")],
    )
    linker = Linker(records, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predictions = linker.inference.predict(threshold_match_weight=-10)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.95)
    clusters.as_duckdbpyrelation().select("unique_id, cluster_id").write_csv(output_path)


def palermo(input_path: str, output_path: str) -> None:
    """`palermo dedupe-records INPUT -o OUTPUT`, as a user runs it."""
    command = [str(Path(sys.executable).parent / "palermo"), "dedupe-records", input_path, "-o", output_path]
    environment = {**os.environ, "PALERMO_DEMO": "1", "PALERMO_SECRET_KEY": "benchmark-only"}
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL)


def run_system(system: str, input_path: str, output_path: str, timeout: float) -> float | None:
    """Wall time of one system in a child process, or None if it did not finish within the timeout."""
    started = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, __file__, "--run", system, input_path, output_path], check=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - started


def pairwise(found_path: str, truth: dict[str, int]) -> tuple[float, float, float]:
    with open(found_path, encoding="utf-8") as found_file:
        rows = csv.reader(found_file)
        next(rows)
        found = dict(rows)

    def pairs(counter: Counter) -> int:
        return sum(size * (size - 1) // 2 for size in counter.values())

    both = pairs(Counter((found[key], truth[key]) for key in truth))
    precision = both / max(1, pairs(Counter(found.values())))
    recall = both / pairs(Counter(truth.values()))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-records", type=int, default=20000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-timeout", type=float, default=900, help="seconds before Splink default gives up"
    )
    parser.add_argument("--folder", default="/tmp/dedupe-bench")
    parser.add_argument("--run", nargs=3, metavar=("SYSTEM", "INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        system, input_path, output_path = args.run
        (splink_default if system == "splink-default" else palermo)(input_path, output_path)
        return
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.2f}")
    results = {}
    for size, timeout in ((args.eval_records, 3600.0), (args.records, None)):
        started = time.perf_counter()
        input_path = str(folder / f"people_{size}.csv")
        truth = write(input_path, size, args.seed)
        print(
            f"{size:,} generated records of {len(set(truth.values())):,} people in {time.perf_counter() - started:.1f} s"
        )
        for system in SYSTEMS:
            output_path = str(folder / f"{system}_{size}.csv")
            seconds = run_system(
                system,
                input_path,
                output_path,
                timeout or (args.baseline_timeout if system == "splink-default" else 3600),
            )
            quality = pairwise(output_path, truth) if seconds is not None else None
            results[(system, size)] = (seconds, quality)
            shown = (
                "did not finish" if seconds is None else f"{seconds:.1f} s, {size / seconds:,.0f} records/s"
            )
            scores = "" if quality is None else " precision {:.4f} recall {:.4f} F1 {:.4f}".format(*quality)
            print(f"  {system:15} {size:>9,} records: {shown};{scores}; load {os.getloadavg()[0]:.2f}")
    print(json.dumps({f"{system}@{size}": value for (system, size), value in results.items()}))


if __name__ == "__main__":
    main()
