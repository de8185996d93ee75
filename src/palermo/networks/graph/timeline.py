"""The dated items of an investigation in time order: every date stated of an entity or a relationship of
a ready source (a payment's day, an ownership's start, a court case's filing, a company's incorporation…),
with the entity's kind and caption, the two ends of a relationship and a payment's amount.

One item per canonical entity, property and date as written. Dates are kept as written ("2021", "2021-03",
"2021-03-05"): a partial date sorts at its start, before the full dates of the same day."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from palermo.networks.ftm.extension import shown_caption
from palermo.networks.ftm.model import model
from palermo.networks.graph.build import InvestigationGraph

# A record's own bookkeeping, not something that happened in the case.
BOOKKEEPING = frozenset({"createdAt", "modifiedAt", "retrievedAt", "processedAt", "indexUpdatedAt"})
DATE_PROPS = tuple(
    sorted(
        {
            prop.name
            for schema in model.schemata.values()
            for prop in schema.properties.values()
            if prop.type.name == "date" and prop.name not in BOOKKEEPING
        }
    )
)
MONEY_PROPS = ("amount", "currency")
DATED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")

# Every date (and amount) of a ready source, with the canonical entity it was stated of (one a ready
# source holds, as the graph has it).
ITEMS_SQL = """
SELECT e.canonical_id, s.entity_id, e.schema, e.caption, s.prop, s.value
FROM networks_statement s
JOIN networks_source src ON src.id = s.source_id
JOIN networks_entity e ON e.investigation_id = s.investigation_id AND e.entity_id = s.entity_id
JOIN networks_source first_src ON first_src.id = e.first_source_id AND first_src.state = 'ready'
WHERE s.investigation_id = %s AND src.state = 'ready' AND s.prop IN ({props})
ORDER BY s.id
"""


@dataclass(frozen=True)
class End:
    canonical_id: str
    caption: str


@dataclass(frozen=True)
class TimelineItem:
    """`date` as written; `ends` (from, to) of a relationship, else None; `involves` the canonical ids of
    the entity and of every entity it links."""

    date: str
    canonical_id: str
    schema: str
    caption: str
    prop: str
    ends: tuple[End, End] | None = None
    amount: float | None = None
    currency: str = ""
    involves: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        return f"{self.canonical_id}/{self.prop}/{self.date}"


@dataclass(frozen=True)
class TimelineFilter:
    """Which items to keep: involving one of `ids`, of one of `kinds` (schemata), reaching into the range
    from `since` to `until` (ISO dates or their beginning). `ids` None and empty fields keep everything."""

    ids: frozenset[str] | None = None
    kinds: frozenset[str] = frozenset()
    since: str = ""
    until: str = ""

    def keeps(self, item: TimelineItem) -> bool:
        if self.ids is not None and not self.ids & item.involves:
            return False
        if self.kinds and item.schema not in self.kinds:
            return False
        written = item.date
        if self.until and written[: len(self.until)] > self.until:
            return False
        return not (self.since and written < self.since[: len(written)])


@dataclass
class _Entity:
    schema: str = ""
    caption: str = ""
    records: set[str] = field(default_factory=set)
    dates: set[tuple[str, str]] = field(default_factory=set)  # (property, date)
    money: dict[str, str] = field(default_factory=dict)  # the first amount and currency stated


def _read(investigation_id: int) -> dict[str, _Entity]:
    props = DATE_PROPS + MONEY_PROPS
    sql = ITEMS_SQL.format(props=", ".join(["%s"] * len(props)))
    found: dict[str, _Entity] = defaultdict(_Entity)
    with connection.cursor() as cursor:
        cursor.execute(sql, [investigation_id, *props])
        for canonical_id, entity_id, schema, caption, prop, value in cursor.fetchall():
            entity = found[canonical_id]
            entity.records.add(entity_id)
            # The canonical record names the entity, as in the graph; else the first one read.
            if not entity.schema or entity_id == canonical_id:
                entity.schema, entity.caption = schema, caption
            if prop in MONEY_PROPS:
                entity.money.setdefault(prop, value)
            elif DATED.match(value):
                entity.dates.add((prop, value))
    return found


def _amount(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _links(built: InvestigationGraph, vertex: int | None, edges: list[int]) -> list[tuple[int, int]]:
    """The (from, to) vertices an entity links: a relationship's ends (its edges), else the values of the
    properties the entity holds (its outgoing edges that are not relationships)."""
    graph = built.graph
    if vertex is not None:
        edges = [e for e in graph.incident(vertex, mode="out") if built.edge_prop[e]]
    return [graph.es[e].tuple for e in edges]


def dated_items(built: InvestigationGraph, investigation_id: int) -> list[TimelineItem]:
    """Every dated item of the investigation, sorted by date, then entity and property."""
    edges_of: dict[str, list[int]] = defaultdict(list)
    for edge, entity_id in enumerate(built.edge_entity):
        edges_of[entity_id].append(edge)
    items = []
    for canonical_id, entity in _read(investigation_id).items():
        if not entity.dates:
            continue
        vertex = built.vertex_of(canonical_id)
        schema, caption = entity.schema, shown_caption(entity.schema, entity.caption)
        if vertex is not None:
            schema, caption = built.vertices[vertex].schema, built.vertices[vertex].caption
        pairs = _links(built, vertex, [e for r in sorted(entity.records) for e in edges_of.get(r, ())])
        involves = {canonical_id} | {built.vertices[v].canonical_id for pair in pairs for v in pair}
        found = model.get(schema)
        ends = None
        if found is not None and found.edge and pairs:
            ends = tuple(End(built.vertices[v].canonical_id, built.vertices[v].caption) for v in pairs[0])
        amount = _amount(entity.money.get("amount"))
        for prop, written in entity.dates:
            items.append(
                TimelineItem(
                    written,
                    canonical_id,
                    schema,
                    caption,
                    prop,
                    ends,
                    amount,
                    (entity.money.get("currency") or "").upper() if amount is not None else "",
                    frozenset(involves),
                )
            )
    items.sort(key=lambda item: (item.date, item.canonical_id, item.prop))
    return items


def timeline_items(
    built: InvestigationGraph, investigation_id: int, rule: TimelineFilter = TimelineFilter()
) -> list[TimelineItem]:
    """The dated items the filter keeps, in time order (one query)."""
    return [item for item in dated_items(built, investigation_id) if rule.keeps(item)]
