"""The map of an investigation's network: its canonical entities counted per State (an entity of two
States counts in each), the addresses that have coordinates, and the flows between States — every link
whose two ends are of different States, and the payments among them, summed per currency and converted
to the reporting currency. Reads the built graph and payments; the addresses take one query."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from palermo.core.collation import sort_key
from palermo.networks.graph.build import InvestigationGraph
from palermo.networks.graph.money_load import Money
from palermo.networks.graph.rates import RateTable

# The coordinates of the investigation's addresses (FtM Address: latitude, longitude), of ready sources.
COORDINATES_SQL = """
SELECT e.canonical_id, s.prop, s.value
FROM networks_statement s
JOIN networks_source src ON src.id = s.source_id
JOIN networks_entity e ON e.investigation_id = s.investigation_id AND e.entity_id = s.entity_id
JOIN networks_source first_src ON first_src.id = e.first_source_id AND first_src.state = 'ready'
WHERE s.investigation_id = %s AND src.state = 'ready' AND s.schema = 'Address'
  AND s.prop IN ('latitude', 'longitude')
ORDER BY s.id
"""


@dataclass
class Flow:
    """The links from one State to another; the payments among them, per currency and converted."""

    source: str
    target: str
    links: int = 0
    payments: int = 0
    amounts: dict[str, float] = field(default_factory=dict)  # currency -> sum
    converted: float = 0.0  # in the reporting currency, of the payments that could be converted
    unconverted: int = 0  # payments with no amount, no currency or no rate


@dataclass
class Place:
    """An address with coordinates, and the entities linked to it."""

    canonical_id: str
    caption: str
    latitude: float
    longitude: float
    entities: list[tuple[str, str]] = field(default_factory=list)  # (canonical id, caption)


def entities_per_state(built: InvestigationGraph) -> tuple[Counter, int]:
    """How many canonical entities each State has (by FtM country code), and how many have none."""
    counts: Counter = Counter()
    without = 0
    for vertex in built.vertices:
        counts.update(vertex.countries)
        without += not vertex.countries
    return counts, without


def _pairs(built: InvestigationGraph, source: str, target: str):
    """The (from, to) States of a link between two entities: each State of one end with each other
    State of the other."""
    left = built.vertices[built.index[source]].countries if source in built.index else ()
    right = built.vertices[built.index[target]].countries if target in built.index else ()
    return [(a, b) for a in left for b in right if a != b]


def flows_between_states(built: InvestigationGraph, money: Money | None, rates: RateTable) -> list[Flow]:
    """The flows between States, the most linked first (then by payments, then by code)."""
    flows: dict[tuple[str, str], Flow] = {}

    def flow(pair: tuple[str, str]) -> Flow:
        if pair not in flows:
            flows[pair] = Flow(*pair)
        return flows[pair]

    vertices = built.vertices
    for source, target in built.graph.get_edgelist():
        for pair in _pairs(built, vertices[source].canonical_id, vertices[target].canonical_id):
            flow(pair).links += 1
    if money is not None and len(money.payments):
        payments = money.payments
        converted = payments.converted(rates)
        for row in range(len(payments)):
            pairs = _pairs(
                built, money.node_ids[payments.payer[row]], money.node_ids[payments.beneficiary[row]]
            )
            amount, code = float(payments.amount[row]), int(payments.currency[row])
            for pair in pairs:
                found = flow(pair)
                found.payments += 1
                if not math.isnan(amount) and code >= 0:
                    currency = payments.currencies[code]
                    found.amounts[currency] = found.amounts.get(currency, 0.0) + amount
                if np.isnan(converted[row]):
                    found.unconverted += 1
                else:
                    found.converted += float(converted[row])
    for found in flows.values():
        found.amounts = dict(sorted(found.amounts.items()))
    return sorted(flows.values(), key=lambda f: (-f.links, -f.payments, f.source, f.target))


def places(built: InvestigationGraph, investigation_id: int) -> list[Place]:
    """The addresses with a latitude and a longitude (the first stated of each), by caption, with the
    entities that link to them."""
    coordinates: dict[str, dict[str, float]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(COORDINATES_SQL, [investigation_id])
        for canonical_id, prop, value in cursor.fetchall():
            try:
                coordinates[canonical_id].setdefault(prop, float(value))
            except ValueError:
                continue
    found = []
    graph = built.graph
    for canonical_id, values in coordinates.items():
        vertex = built.vertex_of(canonical_id)
        if vertex is None or len(values) < 2:
            continue
        address = built.vertices[vertex]
        linked = sorted({graph.es[e].source for e in graph.incident(vertex, mode="in")} - {vertex})
        found.append(
            Place(
                canonical_id,
                address.caption,
                values["latitude"],
                values["longitude"],
                [(built.vertices[v].canonical_id, built.vertices[v].caption) for v in linked],
            )
        )
    return sorted(found, key=lambda place: (sort_key(place.caption), place.canonical_id))
