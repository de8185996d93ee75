"""Following the money over payments: from some nodes (accounts or people), n hops forward or back,
respecting time, on columnar numpy arrays built once and queried many times.

Definition (forward). A chain is a sequence of payments p1 … pk (k ≤ hops) where p1 leaves a start node,
each p(i+1) leaves the node that p(i) paid, and the days never go back: day(p(i+1)) ≥ day(p(i)) (the
same day is allowed). Every payment of a chain lies within since_day … until_day. A chain may pass a node
again (money going round is shown). A payment is in the flow if it lies on a chain; its hop is its
smallest position on any chain. A node's hop is the smallest number of payments that reach it, and its
day is the earliest day money can arrive there by a chain (its "earliest arrival"); a start node has hop
0 and the day since_day (UNDATED when not given). Back is the mirror: chains end in a start node, are
walked from their end, and days never go forward; a node's day is the latest day money can leave it on a
chain toward the start.

Payments without a date (day UNDATED) can be followed but do not constrain time: such a payment may
follow any payment and be followed by any payment that could follow the one before it (money paid on
an unknown day arrives when it was available). They are not excluded by since_day/until_day (their day
is not known to be outside), unless `undated=False`. Flow.undated counts them.

This is about dates, not about tracing the exact amounts (no FIFO attribution): money leaves a node only
after some money arrived there. Totals are sums of the payments in the flow, converted with a RateTable.

Computed level by level with "earliest arrival" labels: at hop h the labels are the earliest arrivals
over chains of at most h payments; a node's label only improves (an earlier day), and only nodes whose
label improved are expanded again, each time over the payments that its new label newly allows. A
dated payment is therefore looked at once per query; a cycle ends when no label improves.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from weakref import WeakKeyDictionary

import numpy as np

from palermo.networks.graph.rates import UNDATED, RateTable, date_of, day_number, normal_code

__all__ = ["UNDATED", "Flow", "Payments", "date_of", "day_number", "follow"]

_DAY_OFFSET = UNDATED  # keys hold day - UNDATED: 0 for no date, every real day in 1 .. 2**32 - 1
_FREE = -(2**40)  # the label of a node that no date constrains yet (below every real day)
_UNREACHED = 2**40


@dataclass(frozen=True, eq=False)
class _Adjacency:
    """The payments grouped by the node they are followed from, each group sorted by day (no date first)."""

    order: np.ndarray  # int64: payment rows, in key order
    starts: np.ndarray  # int64, node_count + 1: where each node's group starts in `order`
    keys: np.ndarray  # int64: node << 32 | (day - UNDATED), sorted
    to: np.ndarray  # int32: the node each payment leads to, in key order
    day: np.ndarray  # int64: the day, in key order (negated for back, so that both walk forward in time)
    undated: np.ndarray  # int64: how many payments of each node's group have no date (they come first)


def _adjacency(source: np.ndarray, to: np.ndarray, day: np.ndarray, node_count: int) -> _Adjacency:
    keys = (source.astype(np.int64) << 32) | (day.astype(np.int64) - _DAY_OFFSET)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    sorted_source = source[order]
    starts = np.searchsorted(sorted_source, np.arange(node_count + 1), side="left").astype(np.int64)
    undated = np.bincount(source[day == UNDATED], minlength=node_count).astype(np.int64)
    return _Adjacency(order, starts, keys, to[order], day[order].astype(np.int64), undated)


@dataclass(frozen=True, eq=False)
class Payments:
    """Payments as columns, with their indexes for following them both ways; build with `build`."""

    payer: np.ndarray  # int32 node of the payer account, else of the payer
    beneficiary: np.ndarray  # int32
    amount: np.ndarray  # float64, in the payment's currency; NaN when not known
    currency: np.ndarray  # int16 index into `currencies`, -1 when not known
    currencies: tuple[str, ...]
    day: np.ndarray  # int32 days since 1970-01-01, UNDATED when not known
    payment_index: np.ndarray  # int64: the row each payment came from, for mapping back to entities
    node_count: int
    _forward: _Adjacency = field(repr=False)
    _back: _Adjacency = field(repr=False)
    _converted: WeakKeyDictionary = field(default_factory=WeakKeyDictionary, repr=False)

    @classmethod
    def build(
        cls,
        *,
        payer: Any,
        beneficiary: Any,
        amount: Any,
        currency: Any,
        currencies: Sequence[str],
        day: Any,
        payment_index: Any = None,
        node_count: int | None = None,
    ) -> "Payments":
        """Payments from arrays of equal length (see the fields); node_count defaults to the largest node + 1."""
        payer = np.ascontiguousarray(payer, dtype=np.int32)
        beneficiary = np.ascontiguousarray(beneficiary, dtype=np.int32)
        amount = np.ascontiguousarray(amount, dtype=np.float64)
        currency = np.ascontiguousarray(currency, dtype=np.int16)
        day = np.ascontiguousarray(day, dtype=np.int32)
        size = len(payer)
        if payment_index is None:
            payment_index = np.arange(size, dtype=np.int64)
        payment_index = np.ascontiguousarray(payment_index, dtype=np.int64)
        if any(len(column) != size for column in (beneficiary, amount, currency, day, payment_index)):
            raise ValueError("the payment columns differ in length")
        largest = int(max(payer.max(initial=-1), beneficiary.max(initial=-1)))
        node_count = largest + 1 if node_count is None else node_count
        if largest >= node_count or min(payer.min(initial=0), beneficiary.min(initial=0)) < 0:
            raise ValueError("a payer or beneficiary is not a node between 0 and node_count - 1")
        if currency.size and (currency.min() < -1 or currency.max() >= len(currencies)):
            raise ValueError("a currency is not an index into the currencies")
        back_day = np.where(day == UNDATED, UNDATED, -day.astype(np.int64))
        return cls(
            payer,
            beneficiary,
            amount,
            currency,
            tuple(currencies),
            day,
            payment_index,
            node_count,
            _adjacency(payer, beneficiary, day, node_count),
            _adjacency(beneficiary, payer, back_day, node_count),
        )

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[int, int, float | None, str | None, date | int | None]],
        *,
        node_count: int | None = None,
    ) -> "Payments":
        """Payments from rows of (payer, beneficiary, amount, currency code, date or day number); None for
        what is not known, and a currency that is not a code counts as none (so is not converted)."""
        payer, beneficiary, amount, currency, day = [], [], [], [], []
        codes: dict[str, int] = {}
        for row_payer, row_beneficiary, row_amount, row_currency, row_day in rows:
            payer.append(row_payer)
            beneficiary.append(row_beneficiary)
            amount.append(np.nan if row_amount is None else float(row_amount))
            code = normal_code(row_currency)
            currency.append(-1 if code is None else codes.setdefault(code, len(codes)))
            if isinstance(row_day, date):
                row_day = day_number(row_day)
            day.append(UNDATED if row_day is None else row_day)
        return cls.build(
            payer=payer,
            beneficiary=beneficiary,
            amount=amount,
            currency=currency,
            currencies=list(codes),
            day=day,
            node_count=node_count,
        )

    def __len__(self) -> int:
        return len(self.payer)

    def converted(self, rates: RateTable) -> np.ndarray:
        """Every amount in the reporting currency (NaN where not convertible), computed once per table."""
        amounts = self._converted.get(rates)
        if amounts is None:
            amounts = rates.convert(self.amount, self.currency, self.day, codes=self.currencies)
            self._converted[rates] = amounts
        return amounts


@dataclass(frozen=True, eq=False)
class Flow:
    """The payments and nodes that money can follow from the start, with totals in the reporting currency.

    Arrays of payments are aligned with `payment_rows` (ascending rows of Payments); arrays of nodes with
    `nodes` (ascending). Node days are as in the module's docstring; UNDATED when no date constrains them.
    """

    payments: Payments = field(repr=False)
    direction: Literal["forward", "back"]
    hops: int
    start: np.ndarray
    reporting_currency: str | None
    payment_rows: np.ndarray  # int64
    payment_hop: np.ndarray  # int8, 1 .. hops
    payment_amount: np.ndarray  # float64 converted; NaN when not converted
    nodes: np.ndarray  # int32
    node_hop: np.ndarray  # int8, 0 for the start
    node_day: np.ndarray  # int32
    node_in: np.ndarray  # float64: converted total of the flow's payments into each node
    node_out: np.ndarray  # float64: converted total of the flow's payments out of each node
    hop_totals: dict[int, dict[str, float | int]]  # hop -> {"amount", "count", "not_converted"}
    not_converted: int  # payments of the flow whose amount could not be converted (or has none)
    missing_rates: tuple[str, ...]  # currencies of the flow with an amount but no rate
    undated: int  # payments of the flow without a date

    @property
    def payment_ids(self) -> np.ndarray:
        """The flow's payments as `payment_index` values (the loader's rows)."""
        return self.payments.payment_index[self.payment_rows]

    @property
    def total(self) -> float:
        return float(np.nansum(self.payment_amount))

    def totals_by(self, group_of_node: Mapping[int, Any] | Sequence[Any] | np.ndarray) -> dict[Any, dict]:
        """Totals per group of nodes (a State, an account): {group: {"in", "out", "count", "not_converted"}}.

        `group_of_node` maps a node to its group (a dict, or an array indexed by node); nodes without one
        (None, missing) are left out. A payment within a group counts in its "in" and its "out" and once in
        its "count" (payments into or out of the group)."""
        if isinstance(group_of_node, Mapping):
            node_groups = [group_of_node.get(int(node)) for node in self.nodes]
        else:
            node_groups = list(np.asarray(group_of_node, dtype=object)[self.nodes])
        numbers: dict[Any, int] = {}
        node_number = np.array(
            [-1 if group is None else numbers.setdefault(group, len(numbers)) for group in node_groups],
            dtype=np.int64,
        )
        size = len(numbers) + 1
        node_number[node_number < 0] = size - 1  # the last slot gathers the nodes without a group
        rows = self.payment_rows
        payer = node_number[np.searchsorted(self.nodes, self.payments.payer[rows])]
        beneficiary = node_number[np.searchsorted(self.nodes, self.payments.beneficiary[rows])]
        amount = np.nan_to_num(self.payment_amount)
        missing = np.isnan(self.payment_amount)
        totals_in = np.bincount(beneficiary, weights=amount, minlength=size)
        totals_out = np.bincount(payer, weights=amount, minlength=size)
        inside = payer == beneficiary
        count = (
            np.bincount(payer, minlength=size)
            + np.bincount(beneficiary, minlength=size)
            - np.bincount(payer[inside], minlength=size)
        )
        unconverted = (
            np.bincount(payer[missing], minlength=size)
            + np.bincount(beneficiary[missing], minlength=size)
            - np.bincount(payer[missing & inside], minlength=size)
        )
        return {
            group: {
                "in": float(totals_in[number]),
                "out": float(totals_out[number]),
                "count": int(count[number]),
                "not_converted": int(unconverted[number]),
            }
            for group, number in numbers.items()
        }


def follow(
    payments: Payments,
    start: Sequence[int] | np.ndarray,
    *,
    hops: int = 5,
    direction: Literal["forward", "back"] = "forward",
    since_day: int | None = None,
    until_day: int | None = None,
    rates: RateTable | None = None,
    undated: bool = True,
) -> Flow:
    """The flow of money from (forward) or into (back) the start nodes, within `hops` payments.

    Without `rates` no amount is converted (all count as not converted)."""
    if direction not in ("forward", "back"):
        raise ValueError("direction is 'forward' or 'back'")
    if not 1 <= hops <= 100:
        raise ValueError("hops is between 1 and 100")
    start_nodes = np.unique(np.asarray(start, dtype=np.int64))
    if start_nodes.size and (start_nodes[0] < 0 or start_nodes[-1] >= payments.node_count):
        raise ValueError("a start node is not a node of the payments")
    if direction == "forward":
        adjacency, low, high = payments._forward, since_day, until_day
    else:  # the mirror: days negated, so that "on or before" becomes "on or after"
        adjacency = payments._back
        low = None if until_day is None else -until_day
        high = None if since_day is None else -since_day
    label, node_hop, payment_hop = _walk(
        adjacency, payments.node_count, len(payments), start_nodes, hops, low, high, undated
    )
    return _flow(payments, direction, hops, start_nodes, rates, label, node_hop, payment_hop)


def _walk(
    adjacency: _Adjacency,
    node_count: int,
    payment_count: int,
    start: np.ndarray,
    hops: int,
    low: int | None,
    high: int | None,
    undated: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels (earliest arrival, in the adjacency's days), hop of each node (-1 unreached) and of each
    payment (0 not in the flow), level by level."""
    label = np.full(node_count, _UNREACHED, dtype=np.int64)
    node_hop = np.full(node_count, -1, dtype=np.int8)
    payment_hop = np.zeros(payment_count, dtype=np.int8)
    # Where each node's followed dated payments begin (-1: none yet); those before it are earlier than the
    # node's label, and are let through only when the label improves.
    unfollowed = np.full(node_count, -1, dtype=np.int64)
    label[start] = _FREE if low is None else low
    node_hop[start] = 0
    frontier = start
    for hop in range(1, hops + 1):
        if frontier.size == 0:
            break
        frontier_label = label[frontier]
        end = unfollowed[frontier]
        new = end < 0
        if new.any():
            fresh = frontier[new]
            if high is None:
                end[new] = adjacency.starts[fresh + 1]
            else:
                end[new] = np.searchsorted(adjacency.keys, _key(fresh, high), side="right")
        begin = np.minimum(np.searchsorted(adjacency.keys, _key(frontier, frontier_label)), end)
        unfollowed[frontier] = begin
        positions = _ranges(begin, end)
        payment_hop[adjacency.order[positions]] = hop
        targets = adjacency.to[positions]
        arrivals = adjacency.day[positions]
        if undated:
            # A payment without a date goes on whenever money is there: it carries its payer's label.
            counts = adjacency.undated[frontier]
            undated_positions = _ranges(adjacency.starts[frontier], adjacency.starts[frontier] + counts)
            rows = adjacency.order[undated_positions]
            payment_hop[rows[payment_hop[rows] == 0]] = hop
            targets = np.concatenate([targets, adjacency.to[undated_positions]])
            arrivals = np.concatenate([arrivals, np.repeat(frontier_label, counts)])
        before = label.copy()  # a pass over the nodes costs less than sorting the targets
        np.minimum.at(label, targets, arrivals)
        frontier = np.flatnonzero(label < before)
        node_hop[frontier[node_hop[frontier] < 0]] = hop
    return label, node_hop, payment_hop


def _key(nodes: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    # Days are clipped to the dated part of a node's group: 1 is the earliest real day, above "no date".
    offset = np.clip(np.asarray(day, dtype=np.int64) - _DAY_OFFSET, 1, 2**32 - 1)
    return (nodes.astype(np.int64) << 32) | offset


def _ranges(begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """All positions begin[i] ≤ p < end[i], range after range."""
    counts = end - begin
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    shift = np.repeat(begin - np.cumsum(counts) + counts, counts)
    return shift + np.arange(total, dtype=np.int64)


def _flow(
    payments: Payments,
    direction: Literal["forward", "back"],
    hops: int,
    start: np.ndarray,
    rates: RateTable | None,
    label: np.ndarray,
    node_hop: np.ndarray,
    payment_hop: np.ndarray,
) -> Flow:
    rows = np.flatnonzero(payment_hop)
    hop_of_payment = payment_hop[rows]
    day = payments.day[rows]
    amount = np.full(rows.size, np.nan) if rates is None else payments.converted(rates)[rows]
    missing = np.isnan(amount)
    nodes = np.flatnonzero(node_hop >= 0).astype(np.int32)
    node_label = label[nodes]
    node_day = np.where(node_label == _FREE, UNDATED, node_label if direction == "forward" else -node_label)
    weights = np.nan_to_num(amount)
    size = payments.node_count
    node_in = np.bincount(payments.beneficiary[rows], weights=weights, minlength=size)[nodes]
    node_out = np.bincount(payments.payer[rows], weights=weights, minlength=size)[nodes]
    hop_amount = np.bincount(hop_of_payment, weights=weights, minlength=hops + 1)
    hop_count = np.bincount(hop_of_payment, minlength=hops + 1)
    hop_missing = np.bincount(hop_of_payment[missing], minlength=hops + 1)
    hop_totals: dict[int, dict[str, float | int]] = {
        hop: {
            "amount": float(hop_amount[hop]),
            "count": int(hop_count[hop]),
            "not_converted": int(hop_missing[hop]),
        }
        for hop in range(1, hops + 1)
    }
    unconverted = rows[missing]  # of these, an amount in a known currency lacks only a rate
    has_amount = ~np.isnan(payments.amount[unconverted]) & (payments.currency[unconverted] >= 0)
    codes_without_rate = np.unique(payments.currency[unconverted[has_amount]])
    missing_rates = tuple(sorted(payments.currencies[code] for code in codes_without_rate))
    return Flow(
        payments=payments,
        direction=direction,
        hops=hops,
        start=start.astype(np.int32),
        reporting_currency=None if rates is None else rates.reporting,
        payment_rows=rows.astype(np.int64),
        payment_hop=hop_of_payment,
        payment_amount=amount,
        nodes=nodes,
        node_hop=node_hop[nodes],
        node_day=node_day.astype(np.int32),
        node_in=node_in,
        node_out=node_out,
        hop_totals=hop_totals,
        not_converted=int(missing.sum()),
        missing_rates=missing_rates,
        undated=int(np.count_nonzero(day == UNDATED)),
    )
