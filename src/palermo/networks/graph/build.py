"""The graph of an investigation, built from the database in one pass: its canonical entities as
vertices and its links as directed edges — FtM's relationship schemata (an Ownership is an edge from the
owner to the asset, a Payment from payer to beneficiary…) and every other property whose value is an entity
(a wallet's holder, an event's participants), the edge then pointing from the entity to the value.

Only ready sources count. Each edge keeps the entity it came from (the relationship, or the entity holding
the property) so that its statements and sources are found again. Built graphs are kept per process for
each version of the investigation (`graph_for`), so that a neighbourhood or a path needs no query."""

import gc
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from threading import Lock

import igraph
import numpy as np
import pyarrow as pa
from django.db import connection

from palermo.networks.ftm.extension import shown_caption
from palermo.networks.graph import columns
from palermo.networks.graph.reading import read
from palermo.networks.models import Investigation
from palermo.networks.models.entities import DATE_PROPS

# The investigation's ready sources (only what they state counts); named in the queries below as a list of
# numbers, which both databases filter by far faster than a join per statement.
READY_SQL = "SELECT id FROM networks_source WHERE investigation_id = %s AND state = 'ready' ORDER BY id"
MAX_LISTED_SOURCES = (
    900  # beyond this many ready sources, the queries join (a long list of numbers is not faster)
)
# Entities, with their canonical id.
ENTITIES_SQL = """
SELECT e.entity_id, e.canonical_id, e.schema, e.caption, e.countries
FROM networks_entity e {join}
WHERE e.investigation_id = %s AND {ready}
"""
# Every link statement, with its source (an edge's confidence is how many sources state it).
LINKS_SQL = """
SELECT s.entity_id, s.prop, s.value, s.source_id
FROM networks_statement s {join}
WHERE s.investigation_id = %s AND s.is_link AND {ready}
"""
# The dates of relationships (an ownership's start, a payment's date): edges are filtered by date range.
# Written as the partial index `statement_dates` is (models/entities.py), so that both databases use it.
DATES_SQL = f"""
SELECT s.entity_id, s.value
FROM networks_statement s {{join}}
WHERE s.investigation_id = %s AND s.prop IN ({", ".join(f"'{prop}'" for prop in DATE_PROPS)}) AND {{ready}}
"""
SCHEMATA = (
    pa.schema(
        [(name, pa.string()) for name in ("entity_id", "canonical_id", "schema", "caption", "countries")]
    ),
    pa.schema(
        [("entity_id", pa.string()), ("prop", pa.string()), ("value", pa.string()), ("source_id", pa.int64())]
    ),
    pa.schema([("entity_id", pa.string()), ("value", pa.string())]),
)
KEPT_GRAPHS = 4  # per process: the few investigations being worked on


@dataclass
class Vertex:
    canonical_id: str
    schema: str
    stated_caption: str  # as stored, the same in every language; `caption` is shown
    countries: tuple[str, ...]

    @property
    def caption(self) -> str:
        """The caption in the active language (the graph is cached across languages)."""
        return shown_caption(self.schema, self.stated_caption)


@dataclass
class InvestigationGraph:
    """An igraph.Graph (directed) with, per vertex, its canonical entity and, per edge, where it came
    from: `edge_entity[i]` the entity id, `edge_schema[i]` its schema, `edge_prop[i]` the property of a
    non-relationship link ("" for a relationship), `edge_sources[i]` how many sources state it and
    `edge_dates[i]` its earliest and latest date as written ("" if none)."""

    version: int
    graph: igraph.Graph
    vertices: list[Vertex]
    index: dict[str, int]
    edge_entity: list[str] = field(default_factory=list)
    edge_schema: list[str] = field(default_factory=list)
    edge_prop: list[str] = field(default_factory=list)
    edge_sources: list[int] = field(default_factory=list)
    edge_dates: list[tuple[str, str]] = field(default_factory=list)

    def vertex_of(self, canonical_id: str) -> int | None:
        return self.index.get(canonical_id)


def _queries(cursor, investigation_id: int) -> tuple[pa.Table, pa.Table, pa.Table] | None:
    """The three queries' tables (entities, links, dates), or None without a ready source."""
    cursor.execute(READY_SQL, [investigation_id])
    ready = [row[0] for row in cursor.fetchall()]
    if not ready:
        return None
    if len(ready) <= MAX_LISTED_SOURCES:
        listed = ", ".join(["%s"] * len(ready))
        parts = [("", f"e.first_source_id IN ({listed})"), ("", f"s.source_id IN ({listed})")]
        extra = ready
    else:
        parts = [
            ("JOIN networks_source src ON src.id = e.first_source_id", "src.state = 'ready'"),
            ("JOIN networks_source src ON src.id = s.source_id", "src.state = 'ready'"),
        ]
        extra = []
    # Links and dates are ids, names of properties and dates, which hold no comma, quote or line break
    # (FtM checks them); an entity's caption may hold anything.
    entities, links, dates = (
        (
            sql.format(join=join, ready=ready_filter),
            [investigation_id, *extra],
            schema,
            sql is not ENTITIES_SQL,
        )
        for sql, (join, ready_filter), schema in zip(
            (ENTITIES_SQL, LINKS_SQL, DATES_SQL), (parts[0], parts[1], parts[1]), SCHEMATA, strict=True
        )
    )
    # On PostgreSQL the server joins the links' text on a second connection while this one joins the
    # entities' (1 s less at a million links). Not inside a transaction: another connection would not see
    # its writes. Not on SQLite: two connections of one process contend for its allocator's lock and
    # both queries took longer side by side than one after the other.
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return _read(cursor, entities), _read(cursor, links), _read(cursor, dates)
    with ThreadPoolExecutor(max_workers=1) as elsewhere:
        later = elsewhere.submit(_read_elsewhere, links, dates)
        first = _read(cursor, entities)
        return first, *later.result()


def _read(cursor, query: tuple[str, list, pa.Schema, bool]) -> pa.Table:
    sql, params, schema, plain = query
    return read(cursor, sql, params, schema, plain=plain)


def _read_elsewhere(*queries: tuple[str, list, pa.Schema, bool]) -> list[pa.Table]:
    """The tables of `queries`, read on this thread's own connection, closed after."""
    try:
        with connection.cursor() as cursor:
            return [_read(cursor, query) for query in queries]
    finally:
        connection.close()


def build_graph(investigation_id: int, *, version: int = 0) -> InvestigationGraph:
    """The investigation's graph, read from the database in four queries. Edges come in the order of their
    entity's id, then property, then target: the same graph gives the same edge numbers."""
    # Millions of rows and tuples, none of them in a cycle: the cycle collector would walk them again and
    # again while they are made (half the time of a build of a million links).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(investigation_id, version)
    finally:
        if collecting:
            gc.enable()


def _build(investigation_id: int, version: int) -> InvestigationGraph:
    with connection.cursor() as cursor:
        found = _queries(cursor, investigation_id)
    if found is None:
        return InvestigationGraph(version, igraph.Graph(directed=True), [], {})
    return graph_of_rows(version, *found)


def graph_of_rows(version: int, entities: pa.Table, links: pa.Table, dates: pa.Table) -> InvestigationGraph:
    """The graph from the tables of the three queries (entities, links, dates)."""
    if not entities.num_rows:
        return InvestigationGraph(version, igraph.Graph(directed=True), [], {})
    ids = columns.encode(entities, links, dates)
    held = columns.entities(ids, entities)
    vertices = [Vertex(*values) for values in columns.vertex_values(ids, held, entities)]
    index = {vertex.canonical_id: number for number, vertex in enumerate(vertices)}
    built = InvestigationGraph(version, igraph.Graph(directed=True), vertices, index)
    built.graph.add_vertices(len(vertices))
    stated, prop_names = columns.stated_links(ids, held, links)
    edges = columns.edges(held, stated, prop_names)
    date_index, spans = columns.dates(ids, held, dates)
    built.graph.add_edges(list(zip(edges.source.tolist(), edges.target.tolist(), strict=True)))
    built.edge_entity = entities["entity_id"].take(pa.array(edges.row)).to_pylist()
    built.edge_schema = np.array(held.schema_names, dtype=object)[edges.schema].tolist()
    built.edge_prop = edges.prop
    built.edge_sources = edges.sources.tolist()
    built.edge_dates = [spans[i] for i in date_index[edges.row].tolist()]
    return built


_kept: OrderedDict[tuple[int, int], InvestigationGraph] = OrderedDict()
_lock = Lock()


def graph_for(investigation: Investigation) -> InvestigationGraph:
    """The investigation's graph at its current version: built once per process and version (the few most
    recently used are kept)."""
    version = Investigation.objects.filter(pk=investigation.pk).values_list("graph_version", flat=True)[0]
    key = (investigation.pk, version)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    built = build_graph(investigation.pk, version=version)
    with _lock:
        for old in [k for k in _kept if k[0] == investigation.pk]:
            del _kept[old]
        _kept[key] = built
        while len(_kept) > KEPT_GRAPHS:
            _kept.popitem(last=False)
    return built
