"""Benchmark of the drawing of lots (issue 4's target: 200 States and four instruments in under a second).

    .venv/bin/python benchmarks/review_draw.py [--rounds 20] [--states 200]

Pure Python, no database: builds `--states` parties spread over the five regional groups in the UN's
proportions (plus one regional organization outside them), each party to the Convention and to each
Protocol with the share of parties the Protocols really have (TIP 93 %, SOM 77 %, Firearms 63 %), then
times `draw()` with the default rules over `--rounds` seeds and prints p50/p95/max in milliseconds,
with the number of reviews and of additional reviewers drawn.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from palermo.review.domain.draw import Party, Rules, draw

REGIONS = {"AFRICAN": 54, "ASIA_PACIFIC": 53, "EEG": 23, "GRULAC": 33, "WEOG": 29}
PROTOCOL_SHARES = {"TIP": 0.93, "SOM": 0.77, "FIREARMS": 0.63}


def parties(count: int, seed: int = 0) -> list[Party]:
    rng = random.Random(seed)
    total = sum(REGIONS.values())
    made = []
    for region, share in REGIONS.items():
        for number in range(round(count * share / total)):
            protocols = {code for code, p in PROTOCOL_SHARES.items() if rng.random() < p}
            made.append(Party(f"{region[:2]}{number:02d}", region, frozenset({"UNTOC", *protocols})))
    made.append(Party("EUU", "", frozenset({"UNTOC", "TIP", "SOM", "FIREARMS"})))
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--states", type=int, default=200)
    args = parser.parse_args()
    chosen = parties(args.states)
    timings, reviews, additional = [], 0, 0
    for seed in range(args.rounds):
        started = time.perf_counter()
        result = draw(chosen, Rules(), seed)
        timings.append((time.perf_counter() - started) * 1000)
        reviews = len(result.reviews)
        additional = sum(1 for r in result.reviews for x in r.reviewers if x["slot"] == "additional")
    ordered = sorted(timings)
    print(f"parties: {len(chosen)}; reviews: {reviews}; additional reviewers in the last draw: {additional}")
    print(
        f"draw: p50 {statistics.median(timings):.1f} ms, p95 {ordered[round(0.95 * (len(ordered) - 1))]:.1f} ms, "
        f"max {ordered[-1]:.1f} ms over {args.rounds} seeds"
    )


if __name__ == "__main__":
    main()
