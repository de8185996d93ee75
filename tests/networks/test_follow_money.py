"""Following the money over payments: time-respecting chains forward and back, hops, windows, payments
without a date, conversion through a rate table, and a property test against a plain reference."""

import math
from collections import defaultdict
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.networks.graph.money import UNDATED, Payments, day_number, follow
from palermo.networks.graph.rates import RateTable, RateTableError

A, B, C, D, E, S = range(6)


def payments(*rows, node_count=6):
    """Rows of (payer, beneficiary, day) or (payer, beneficiary, day, amount, currency); day None: no date."""
    full = [(*row, 100.0, "EUR") if len(row) == 3 else row for row in rows]
    return Payments.from_rows(
        [(payer, beneficiary, amount, currency, day) for payer, beneficiary, day, amount, currency in full],
        node_count=node_count,
    )


def hops_of(flow):
    return dict(zip(flow.payment_rows.tolist(), flow.payment_hop.tolist(), strict=True))


def nodes_of(flow):
    return {
        node: (hop, None if day == UNDATED else day)
        for node, hop, day in zip(
            flow.nodes.tolist(), flow.node_hop.tolist(), flow.node_day.tolist(), strict=True
        )
    }


def test_money_is_not_followed_into_a_payment_made_before_it_arrived():
    flow = follow(payments((A, B, 10), (B, C, 5)), [A])
    assert hops_of(flow) == {0: 1}
    assert nodes_of(flow) == {A: (0, None), B: (1, 10)}


def test_a_payment_on_the_day_the_money_arrived_is_followed():
    flow = follow(payments((A, B, 10), (B, C, 10)), [A])
    assert hops_of(flow) == {0: 1, 1: 2}
    assert nodes_of(flow) == {A: (0, None), B: (1, 10), C: (2, 10)}


def test_money_going_round_a_cycle_is_shown_once_and_the_walk_ends():
    flow = follow(payments((S, A, 1), (A, B, 2), (B, A, 3), (A, C, 4), (C, D, 0), (B, D, 5)), [S], hops=10)
    assert hops_of(flow) == {0: 1, 1: 2, 2: 3, 3: 2, 5: 3}
    assert nodes_of(flow) == {S: (0, None), A: (1, 1), B: (2, 2), C: (2, 4), D: (3, 5)}


def test_an_earlier_arrival_by_a_longer_chain_opens_later_payments_within_the_hops():
    rows = ((S, A, 10), (S, B, 1), (B, A, 2), (A, C, 5))
    flow = follow(payments(*rows), [S], hops=3)
    assert hops_of(flow) == {0: 1, 1: 1, 2: 2, 3: 3}
    assert nodes_of(flow) == {S: (0, None), A: (1, 2), B: (1, 1), C: (3, 5)}
    # Within two hops, A is reached early only by a chain of two: the payment to C would be a third.
    assert hops_of(follow(payments(*rows), [S], hops=2)) == {0: 1, 1: 1, 2: 2}


def test_fan_out_and_in_totals_each_node_in_and_out():
    flow = follow(
        payments(
            (S, A, 1, 10.0, "EUR"), (S, B, 1, 20.0, "EUR"), (A, D, 2, 5.0, "EUR"), (B, D, 2, 7.0, "EUR")
        ),
        [S],
        rates=RateTable.empty("EUR"),
    )
    totals = dict(
        zip(flow.nodes.tolist(), zip(flow.node_in.tolist(), flow.node_out.tolist(), strict=True), strict=True)
    )
    assert totals == {A: (10.0, 5.0), B: (20.0, 7.0), D: (12.0, 0.0), S: (0.0, 30.0)}
    assert flow.hop_totals == {
        1: {"amount": 30.0, "count": 2, "not_converted": 0},
        2: {"amount": 12.0, "count": 2, "not_converted": 0},
        3: {"amount": 0.0, "count": 0, "not_converted": 0},
        4: {"amount": 0.0, "count": 0, "not_converted": 0},
        5: {"amount": 0.0, "count": 0, "not_converted": 0},
    }
    assert flow.total == 42.0


def test_the_hops_limit_stops_the_chain():
    chain = payments(*[(node, node + 1, node) for node in range(5)])
    assert hops_of(follow(chain, [0], hops=3)) == {0: 1, 1: 2, 2: 3}
    assert nodes_of(follow(chain, [0], hops=3)) == {0: (0, None), 1: (1, 0), 2: (2, 1), 3: (3, 2)}


def test_back_follows_payments_made_before_the_money_left():
    flow = follow(payments((A, B, 1), (B, C, 5), (D, B, 7), (E, A, 0)), [C], direction="back")
    assert hops_of(flow) == {1: 1, 0: 2, 3: 3}
    assert nodes_of(flow) == {A: (2, 1), B: (1, 5), C: (0, None), E: (3, 0)}


def test_since_and_until_bound_every_payment_both_ways():
    rows = payments((A, B, 1), (A, B, 5), (B, C, 9), (B, C, 12))
    forward = follow(rows, [A], since_day=3, until_day=10)
    assert hops_of(forward) == {1: 1, 2: 2}
    assert nodes_of(forward) == {A: (0, 3), B: (1, 5), C: (2, 9)}
    back = follow(rows, [C], direction="back", since_day=3, until_day=10)
    assert hops_of(back) == {2: 1, 1: 2}
    assert nodes_of(back) == {A: (2, 5), B: (1, 9), C: (0, 10)}


def test_payments_without_a_date_are_followed_without_constraining_time():
    rows = payments((A, B, None), (B, C, 3), (C, D, None), (D, E, 1))
    flow = follow(rows, [A])
    assert hops_of(flow) == {0: 1, 1: 2, 2: 3}
    assert nodes_of(flow) == {A: (0, None), B: (1, None), C: (2, 3), D: (3, 3)}
    assert flow.undated == 2
    assert hops_of(follow(rows, [A], undated=False)) == {}
    assert hops_of(follow(rows, [A], since_day=5)) == {0: 1}


def test_back_through_a_payment_without_a_date_keeps_the_later_bound():
    flow = follow(payments((A, B, 4), (B, C, None), (D, B, 9)), [C], direction="back", until_day=6)
    assert hops_of(flow) == {1: 1, 0: 2}
    assert nodes_of(flow) == {A: (2, 4), B: (1, 6), C: (0, 6)}


def test_amounts_convert_at_the_latest_rate_on_or_before_the_day():
    rates = RateTable.from_rows(
        [(date(2025, 1, 1), "USD", "0.9"), (date(2025, 2, 1), "usd", "0.8"), (date(2025, 1, 1), "EUR", 1)]
    )
    rows = payments(
        (S, A, day_number(date(2025, 1, 15)), 100.0, "USD"),
        (S, A, day_number(date(2025, 2, 1)), 100.0, "USD"),
        (S, A, day_number(date(2024, 12, 1)), 100.0, "USD"),
        (S, A, None, 100.0, "USD"),
        (S, A, day_number(date(2025, 3, 1)), 50.0, "EUR"),
        (S, A, day_number(date(2025, 3, 1)), 1000.0, "RUB"),
        (S, A, day_number(date(2025, 3, 1)), None, "USD"),
    )
    flow = follow(rows, [S], rates=rates)
    converted = flow.payment_amount.tolist()
    assert converted[:5] == pytest.approx([90.0, 80.0, 90.0, 80.0, 50.0])
    assert math.isnan(converted[5]) and math.isnan(converted[6])
    assert flow.not_converted == 2
    assert flow.missing_rates == ("RUB",)
    assert flow.reporting_currency == "EUR"
    assert flow.total == pytest.approx(390.0)


def test_without_a_rate_table_nothing_is_converted():
    flow = follow(payments((S, A, 1), (A, B, 2)), [S])
    assert flow.not_converted == 2
    assert flow.total == 0.0
    assert flow.reporting_currency is None


def test_convert_takes_codes_as_strings():
    rates = RateTable.from_rows([(date(2025, 1, 1), "BRL", 0.16)])
    converted = rates.convert(
        np.array([10.0, 10.0, 10.0]), ["BRL", "EUR", None], np.array([20089, 20089, 20089])
    )
    assert converted[:2].tolist() == pytest.approx([1.6, 10.0])
    assert math.isnan(converted[2])


def test_rate_table_problems_are_named_by_line():
    text = "\n".join(
        [
            "# invented demo rates",
            "date,currency,rate",
            "2025-01-01,USD,0.92",
            "2025-13-01,USD,0.9",
            "01/02/2025,USD,0.9",
            "2025-01-01,U$D,0.9",
            "2025-01-01,RUB,-1",
            "2025-01-01,CNY,abc",
            "",
            "2025-01-01,usd,0.93",
            "2025-01-01,EUR,2",
            "2025-01-01,BRL",
        ]
    )
    with pytest.raises(RateTableError) as caught:
        RateTable.from_csv(text)
    assert [(problem.line, problem.code) for problem in caught.value.problems] == [
        (4, "bad_date"),
        (5, "bad_date"),
        (6, "bad_code"),
        (7, "bad_rate"),
        (8, "bad_rate"),
        (10, "duplicate"),
        (11, "reporting_rate"),
        (12, "bad_row"),
    ]
    assert caught.value.messages()[5] == "Line 10: USD already has a rate for 2025-01-01, on line 3."


def test_a_rate_table_without_its_header_is_refused():
    with pytest.raises(RateTableError) as caught:
        RateTable.from_csv("2025-01-01,USD,0.92\n")
    assert [(problem.line, problem.code) for problem in caught.value.problems] == [(1, "no_header")]


def test_the_demo_rate_table_reads_and_converts_every_currency():
    from pathlib import Path

    import palermo.networks

    path = Path(palermo.networks.__file__).parent / "data" / "rates" / "demo-rates.csv"
    rates = RateTable.from_csv(path)
    assert rates.reporting == "EUR"
    assert rates.currencies == ("BRL", "BTC", "CNY", "EGP", "RUB", "USD", "USDT")
    days = np.full(7, day_number(date(2026, 6, 15)))
    converted = rates.convert(np.ones(7), list(rates.currencies), days)
    assert not np.isnan(converted).any()
    assert (converted > 0).all()


def test_totals_by_group_count_each_payment_once_per_group():
    rows = payments(
        (S, A, 1, 10.0, "EUR"), (A, B, 2, 4.0, "EUR"), (B, C, 3, 1.0, "EUR"), (A, C, 3, 2.0, "RUB")
    )
    flow = follow(rows, [S], rates=RateTable.empty("EUR"))
    states = {S: "IT", A: "IT", B: "BR", C: "BR"}
    assert flow.totals_by(states) == {
        "IT": {"in": 10.0, "out": 14.0, "count": 3, "not_converted": 1},
        "BR": {"in": 5.0, "out": 1.0, "count": 3, "not_converted": 1},
    }
    by_array = flow.totals_by(np.array(["IT", None, "BR", "BR", None, "IT"], dtype=object))
    assert by_array == {
        "IT": {"in": 10.0, "out": 14.0, "count": 3, "not_converted": 1},
        "BR": {"in": 1.0, "out": 0.0, "count": 2, "not_converted": 1},
    }


def test_payment_ids_map_back_to_the_loader_rows():
    rows = Payments.build(
        payer=[0, 1],
        beneficiary=[1, 2],
        amount=[1.0, 2.0],
        currency=[0, 0],
        currencies=["EUR"],
        day=[1, 2],
        payment_index=[70, 42],
    )
    assert follow(rows, [0]).payment_ids.tolist() == [70, 42]


def test_a_start_that_is_not_a_node_is_refused():
    with pytest.raises(ValueError):
        follow(payments((A, B, 1)), [99])


# The reference: every chain walked one by one, as the definition says (exponential; small graphs only).


def reference(rows, start, hops, direction, since, until, undated):
    """({row: hop}, {node: (hop, day)}) by walking every chain; day None where no date constrains it."""
    forward = direction == "forward"
    payment_hop, node_hop, node_day = {}, {}, {}
    seen = set()
    rows_of = defaultdict(list)  # the payments that leave a node (forward) or reach it (back)
    for row, (payer, beneficiary, day) in enumerate(rows):
        rows_of[payer if forward else beneficiary].append((row, (payer, beneficiary, day)))

    def better(old, new):  # None is "no constraint": earlier than any day forward, later back
        if old is None or new is None:
            return None
        return min(old, new) if forward else max(old, new)

    def walk(node, time, depth):
        if (node, time, depth) in seen or depth == hops:
            return
        seen.add((node, time, depth))
        for row, (payer, beneficiary, day) in rows_of[node]:
            if day is None:
                if not undated:
                    continue
                next_time = time
            else:
                if (since is not None and day < since) or (until is not None and day > until):
                    continue
                if time is not None and (day < time if forward else day > time):
                    continue
                next_time = day
            other = beneficiary if forward else payer
            payment_hop[row] = min(payment_hop.get(row, hops + 1), depth + 1)
            node_hop[other] = min(node_hop.get(other, hops + 1), depth + 1)
            node_day[other] = better(node_day[other], next_time) if other in node_day else next_time
            walk(other, next_time, depth + 1)

    first = since if forward else until
    for node in start:
        node_hop[node] = 0
        node_day[node] = first
    for node in start:
        walk(node, first, 0)
    return payment_hop, {node: (node_hop[node], node_day[node]) for node in node_hop}


@st.composite
def small_cases(draw):
    # Few nodes and days, many payments: chains cross, cycle and reach nodes again earlier.
    node_count = draw(st.integers(2, 8))
    node = st.integers(0, node_count - 1)
    day = st.one_of(st.none(), st.integers(0, 12)) if draw(st.booleans()) else st.integers(0, 12)
    size = draw(st.integers(1, 40))
    rows = draw(st.lists(st.tuples(node, node, day), min_size=size, max_size=size))
    start = draw(st.lists(node, min_size=1, max_size=2))
    hops = draw(st.integers(1, 5))
    direction = draw(st.sampled_from(["forward", "back"]))
    since = draw(st.one_of(st.none(), st.integers(0, 12)))
    until = draw(st.one_of(st.none(), st.integers(0, 12)))
    return node_count, rows, start, hops, direction, since, until, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(small_cases())
def test_follow_finds_exactly_the_chains_of_the_reference(case):
    node_count, rows, start, hops, direction, since, until, undated = case
    built = payments(*rows, node_count=node_count)
    flow = follow(
        built, start, hops=hops, direction=direction, since_day=since, until_day=until, undated=undated
    )
    expected_payments, expected_nodes = reference(rows, start, hops, direction, since, until, undated)
    assert hops_of(flow) == expected_payments
    assert nodes_of(flow) == expected_nodes
