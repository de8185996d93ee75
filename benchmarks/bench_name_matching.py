"""Benchmark of name matching: precision, recall and F1 per schema for Palermo's matcher and for
nomenklatura's logic-v2, on the labelled adversarial pairs of benchmarks/data/ (name_pairs_corpus.py).

    .venv/bin/python benchmarks/bench_name_matching.py                 # the held-out set
    .venv/bin/python benchmarks/bench_name_matching.py --set dev       # the set the matcher was tuned on
    .venv/bin/python benchmarks/bench_name_matching.py --errors 30     # also list Palermo's mistakes

Palermo: `match_names(schema, name1, name2) >= DEFAULT_THRESHOLD`. logic-v2: two FtM entities of the
schema, each with one `name`, scored by `LogicV2.compare` with its default configuration; a match at 0.7,
the threshold yente (OpenSanctions' matching API, the usual user of logic-v2) applies by default. Both are
also reported at the threshold that would have given each its best F1 on this very set (an upper bound,
not a fair number). Times are wall-clock per pair, after one warm-up call that loads the name taggers, with
empty caches (every name new); on a shared 2-core machine: noisy.
"""

import argparse
import csv
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from followthemoney import model
from nomenklatura.matching import LogicV2

from palermo.networks.matching import DEFAULT_THRESHOLD, match_names

DATA = Path(__file__).parent / "data"
SETS = {"holdout": DATA / "name_pairs_holdout.csv", "dev": DATA / "name_pairs.csv"}
LOGIC_V2_THRESHOLD = 0.7


def read_pairs(path: Path) -> list[tuple[str, str, str, bool]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["schema"], r["name1"], r["name2"], r["label"] == "1") for r in csv.DictReader(handle)]


def logic_v2_scorer():
    config = LogicV2.default_config()
    numbers = itertools.count()

    def score(schema: str, name1: str, name2: str) -> float:
        # Fresh ids for every pair: nomenklatura caches names per entity, and an entity hashes by its id.
        number = next(numbers)
        left = model.make_entity(schema)
        left.id = f"left-{number}"
        left.add("name", name1)
        right = model.make_entity(schema)
        right.id = f"right-{number}"
        right.add("name", name2)
        return LogicV2.compare(left, right, config).score

    return score


def scores_of(scorer, pairs) -> tuple[list[float], float]:
    scorer("Person", "Warm Up", "Up Warm")  # loads the name taggers (seconds, once per process)
    started = time.perf_counter()
    scores = [scorer(schema, name1, name2) for schema, name1, name2, _ in pairs]
    return scores, (time.perf_counter() - started) / len(pairs)


def counts(pairs, scores, threshold: float) -> dict[str, list[int]]:
    """[true positives, false positives, false negatives] per schema and overall."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (schema, _, _, label), score in zip(pairs, scores, strict=True):
        predicted = score >= threshold
        for key in (schema, "overall"):
            if predicted and label:
                table[key][0] += 1
            elif predicted:
                table[key][1] += 1
            elif label:
                table[key][2] += 1
    return table


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(pairs, scores) -> tuple[float, float]:
    best = (0.0, 0.0)
    for step in range(1, 100):
        threshold = step / 100
        f1 = prf(*counts(pairs, scores, threshold)["overall"])[2]
        best = max(best, (f1, threshold))
    return best[1], best[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="holdout")
    parser.add_argument("--errors", type=int, default=0, help="list this many of Palermo's mistakes")
    args = parser.parse_args()
    pairs = read_pairs(SETS[args.set])
    matchers = {
        "Palermo": (lambda s, a, b: match_names(s, a, b), DEFAULT_THRESHOLD),
        "logic-v2": (logic_v2_scorer(), LOGIC_V2_THRESHOLD),
    }
    schemata = sorted({p[0] for p in pairs})
    positives = sum(p[3] for p in pairs)
    print(f"{args.set} set: {len(pairs)} pairs ({positives} true matches), {SETS[args.set].name}\n")
    print("| matcher (threshold) | schema | pairs | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|")
    results = {}
    for name, (scorer, threshold) in matchers.items():
        scores, per_pair = scores_of(scorer, pairs)
        results[name] = (scores, per_pair, threshold)
        table = counts(pairs, scores, threshold)
        for schema in [*schemata, "overall"]:
            size = len(pairs) if schema == "overall" else sum(p[0] == schema for p in pairs)
            precision, recall, f1 = prf(*table[schema])
            label = f"**{schema}**" if schema == "overall" else schema
            print(f"| {name} ({threshold}) | {label} | {size} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    print()
    for name, (scores, per_pair, threshold) in results.items():
        best_at, best_f1 = best_threshold(pairs, scores)
        print(
            f"{name}: {per_pair * 1e6:.0f} µs per pair; best overall F1 on this set {best_f1:.3f} "
            f"at threshold {best_at:.2f} (default {threshold})"
        )
    if args.errors:
        scores = results["Palermo"][0]
        mistakes = [(p, s) for p, s in zip(pairs, scores, strict=True) if (s >= DEFAULT_THRESHOLD) != p[3]]
        print(f"\nPalermo's mistakes: {len(mistakes)}")
        for (schema, name1, name2, label), score in mistakes[: args.errors]:
            print(f"  {'FN' if label else 'FP'} {score:.3f} {schema}: {name1!r} / {name2!r}")


if __name__ == "__main__":
    main()
