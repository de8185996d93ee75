"""Benchmark of following the money (palermo.networks.graph.money): invented payments among accounts,
built into arrays once, then followed 5 hops forward and back from random starting accounts.

    .venv/bin/python benchmarks/bench_follow_money.py                      # 1,000,000 payments
    .venv/bin/python benchmarks/bench_follow_money.py --payments 100000    # smaller

The payments are invented: ~1 account for 5 payments, payers and beneficiaries drawn with a heavy tail
(Zipf-like weights, so a few accounts have many payments), dates over 3 years (2024-2026), 1% without a
date, 5 currencies converted with the demo rate table (invented rates). Starting accounts are drawn among
those that paid (forward) or were paid (back); the 5 busiest accounts are timed apart, as the worst case.
Times are wall-clock per `follow` call, including the totals; amounts are converted once per rate table
before (timed apart). On a shared 2-core machine: noisy.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from palermo.networks.graph.money import UNDATED, Payments, day_number, follow  # noqa: E402
from palermo.networks.graph.rates import RateTable  # noqa: E402

RATES = ROOT / "src" / "palermo" / "networks" / "data" / "rates" / "demo-rates.csv"
CURRENCIES = ["EUR", "USD", "RUB", "BRL", "CNY"]
CURRENCY_SHARE = [0.4, 0.3, 0.1, 0.1, 0.1]


def invented_payments(count: int, accounts: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, accounts + 1) ** 0.9  # heavy tail: account 0 is the busiest
    weights /= weights.sum()
    shuffle = rng.permutation(accounts)  # busy accounts spread over the indices
    payer = shuffle[rng.choice(accounts, size=count, p=weights)]
    beneficiary = shuffle[rng.choice(accounts, size=count, p=weights)]
    first_day = day_number(date(2024, 1, 1))
    day = rng.integers(first_day, first_day + 3 * 365, size=count)
    day[rng.random(count) < 0.01] = UNDATED
    return {
        "payer": payer,
        "beneficiary": beneficiary,
        "amount": np.round(rng.lognormal(8, 2, size=count), 2),
        "currency": rng.choice(len(CURRENCIES), size=count, p=CURRENCY_SHARE),
        "day": day,
    }


def percentiles(times: list[float]) -> dict[str, float]:
    values = np.array(times) * 1000
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p95_ms": round(float(np.percentile(values, 95)), 1),
        "max_ms": round(float(values.max()), 1),
    }


def timed_follows(payments, starts, direction: str, hops: int, rates) -> tuple[list[float], list[int]]:
    times, sizes = [], []
    for start in starts:
        began = time.perf_counter()
        flow = follow(payments, [int(start)], hops=hops, direction=direction, rates=rates)
        times.append(time.perf_counter() - began)
        sizes.append(len(flow.payment_rows))
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, help="default: one for 5 payments")
    parser.add_argument("--starts", type=int, default=50)
    parser.add_argument("--hops", type=int, default=5)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    accounts = args.accounts or max(args.payments // 5, 10)

    columns = invented_payments(args.payments, accounts, args.seed)
    began = time.perf_counter()
    payments = Payments.build(currencies=CURRENCIES, node_count=accounts, **columns)
    build_seconds = time.perf_counter() - began
    rates = RateTable.from_csv(RATES)
    began = time.perf_counter()
    payments.converted(rates)  # once per rate table, then kept with the payments
    convert_seconds = time.perf_counter() - began
    follow(payments, [0], hops=args.hops, rates=rates)  # warm-up

    rng = np.random.default_rng(args.seed + 1)
    busiest = np.argsort(np.bincount(columns["payer"], minlength=accounts))[-5:][::-1]
    rows, result = [], {"payments": args.payments, "accounts": accounts, "hops": args.hops}
    result["build_s"] = round(build_seconds, 3)
    result["convert_s"] = round(convert_seconds, 3)
    for direction, ends in (("forward", columns["payer"]), ("back", columns["beneficiary"])):
        active = np.unique(ends)
        starts = rng.choice(active, size=min(args.starts, active.size), replace=False)
        for group, chosen in (("random", starts), ("busiest", busiest)):
            times, sizes = timed_follows(payments, chosen, direction, args.hops, rates)
            stats = percentiles(times)
            stats["flow_payments_p50"] = int(np.percentile(sizes, 50))
            stats["flow_payments_max"] = int(max(sizes))
            rows.append((direction, group, len(chosen), stats))
            result[f"{direction}_{group.replace(' ', '_')}"] = stats

    print(
        f"{args.payments:,} payments among {accounts:,} accounts; arrays built in {build_seconds:.2f} s, "
        f"amounts converted in {convert_seconds:.2f} s"
    )
    print(
        f"{'direction':<9} {'starts':<12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'flow p50':>10} {'flow max':>10}"
    )
    for direction, group, count, stats in rows:
        print(
            f"{direction:<9} {f'{count} {group}':<12} {stats['p50_ms']:>8} {stats['p95_ms']:>8} "
            f"{stats['max_ms']:>8} {stats['flow_payments_p50']:>10,} {stats['flow_payments_max']:>10,}"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
