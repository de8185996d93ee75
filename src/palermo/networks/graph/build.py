"""The graph of an investigation, built from the database in one pass: its canonical entities as
vertices and its links as directed edges — FtM's relationship schemata (an Ownership is an edge from the
owner to the asset, a Payment from payer to beneficiary…) and every other property whose value is an entity
(a wallet's holder, an event's participants), the edge then pointing from the entity to the value.

Only ready sources count. Each edge keeps the entity it came from (the relationship, or the entity holding
the property) so that its statements and sources are found again. Built graphs are kept per process for
each version of the investigation (`graph_for`), so that a neighbourhood or a path needs no query."""

import gc
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

import igraph
from django.db import connection

from palermo.networks.ftm.model import model
from palermo.networks.models import Investigation

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
DATES_SQL = """
SELECT s.entity_id, s.value
FROM networks_statement s {join}
WHERE s.investigation_id = %s AND s.prop IN ('date', 'startDate', 'endDate') AND {ready}
"""
KEPT_GRAPHS = 4  # per process: the few investigations being worked on


@dataclass
class Vertex:
    canonical_id: str
    schema: str
    caption: str
    countries: tuple[str, ...]


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


def _representatives(rows) -> tuple[dict[str, str], list[Vertex], dict[str, int], dict[str, str]]:
    """canonical id of each entity id; one vertex per canonical entity that is not a relationship (the
    caption of its own record, else of its smallest id, as the entity list shows it), in the order of the
    canonical ids; the schema of each relationship's entity ids. Most canonical entities have one record:
    they are read without sorting their group."""
    canonical_of: dict[str, str] = {}
    first: dict[str, tuple] = {}
    groups: dict[str, list[tuple]] = {}
    for row in rows:
        canonical_of[row[0]] = canonical_id = row[1]
        if canonical_id in first:
            groups.setdefault(canonical_id, [first[canonical_id]]).append(row)
        else:
            first[canonical_id] = row
    is_edge: dict[str, bool] = {}
    codes: dict[str, tuple[str, ...]] = {}
    vertices: list[Vertex] = []
    relationships: dict[str, str] = {}
    for canonical_id in sorted(first):
        members = groups.get(canonical_id)
        if members is None:
            entity_id, _, schema, caption, countries = first[canonical_id]
            if _is_edge(schema, is_edge):
                relationships[entity_id] = schema
                continue
            found = codes.get(countries)
            if found is None:
                found = codes[countries] = tuple(sorted(set(countries.split())))
            vertices.append(Vertex(canonical_id, schema, caption, found))
            continue
        group = sorted((row[0] != canonical_id, row[0], row[2], row[3], row[4]) for row in members)
        schema = _common(entry[2] for entry in group)
        if _is_edge(schema, is_edge):
            relationships.update((entry[1], schema) for entry in group)
            continue
        countries_ = tuple(sorted({code for entry in group for code in entry[4].split()}))
        vertices.append(Vertex(canonical_id, schema, group[0][3], countries_))
    return canonical_of, vertices, {v.canonical_id: i for i, v in enumerate(vertices)}, relationships


def _is_edge(schema: str, known: dict[str, bool]) -> bool:
    """Whether the schema is a relationship (an edge), remembered per schema name."""
    found = known.get(schema)
    if found is None:
        model_schema = model.get(schema)
        found = known[schema] = bool(model_schema is not None and model_schema.edge)
    return found


def _common(schemata) -> str:
    names = set(schemata)
    if len(names) == 1:
        return names.pop()
    result = None
    for name in sorted(names):
        schema = model.get(name)
        if schema is None:
            continue
        result = schema if result is None else model.common_schema(result, schema)
    return result.name if result is not None else sorted(names)[0]


def _queries(cursor, investigation_id: int) -> tuple[list, list, list] | None:
    """The rows of the three queries (entities, links, dates), or None without a ready source."""
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
    results = []
    for sql, (join, ready_filter) in zip(
        (ENTITIES_SQL, LINKS_SQL, DATES_SQL), (parts[0], parts[1], parts[1]), strict=True
    ):
        cursor.execute(sql.format(join=join, ready=ready_filter), [investigation_id, *extra])
        results.append(cursor.fetchall())
    return results[0], results[1], results[2]


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
        built = InvestigationGraph(version, igraph.Graph(directed=True), [], {})
        return built
    entity_rows, links, date_rows = found
    canonical_of, vertices, index, relationships = _representatives(entity_rows)
    del entity_rows
    dates: dict[str, list[str]] = {}
    for entity_id, value in date_rows:
        if entity_id in relationships:
            dates.setdefault(entity_id, []).append(value)
    # (entity id, property, canonical target) -> the source stating it, or the set of sources stating it
    stated: dict[tuple[str, str, str], int | set[int]] = {}
    by_entity: dict[str, list[tuple[str, str]]] = {}
    for entity_id, prop, value, source_id in links:
        target = canonical_of.get(value)
        if target is None or entity_id not in canonical_of:
            continue  # a link to (or from) an entity no ready source holds
        key = (entity_id, prop, target)
        known = stated.get(key)
        if known is None:
            stated[key] = source_id
            by_entity.setdefault(entity_id, []).append((prop, target))
        elif type(known) is set:
            known.add(source_id)
        elif known != source_id:
            stated[key] = {known, source_id}
    del links
    built = InvestigationGraph(version, igraph.Graph(directed=True), vertices, index)
    pairs: list[tuple[int, int]] = []
    ends = {}  # relationship schema -> (edge_source, edge_target)

    def count(entity_id: str, prop: str, target: str) -> set[int]:
        known = stated[entity_id, prop, target]
        return known if type(known) is set else {known}

    def add(source: str, target: str, entity_id: str, schema: str, prop: str, sources: int) -> None:
        source_vertex, target_vertex = index.get(source), index.get(target)
        if source_vertex is None or target_vertex is None:
            return
        pairs.append((source_vertex, target_vertex))
        built.edge_entity.append(entity_id)
        built.edge_schema.append(schema)
        built.edge_prop.append(prop)
        built.edge_sources.append(sources)
        written = dates.get(entity_id)
        built.edge_dates.append((min(written), max(written)) if written else ("", ""))

    for entity_id in sorted(by_entity):
        items = by_entity[entity_id]
        if len(items) > 1:
            items.sort()
        schema_name = relationships.get(entity_id)
        if schema_name is None:
            source = canonical_of[entity_id]
            schema = vertices[index[source]].schema if source in index else ""
            for prop, target in items:
                add(source, target, entity_id, schema, prop, len(count(entity_id, prop, target)))
            continue
        if schema_name not in ends:
            relationship = model[schema_name]
            ends[schema_name] = (relationship.edge_source, relationship.edge_target)
        source_prop, target_prop = ends[schema_name]
        sources = [target for prop, target in items if prop == source_prop]
        targets = [target for prop, target in items if prop == target_prop]
        for source in sources:
            from_source = count(entity_id, source_prop, source)
            for target in targets:
                together = from_source | count(entity_id, target_prop, target)
                add(source, target, entity_id, schema_name, "", len(together))
    built.graph.add_vertices(len(vertices))
    built.graph.add_edges(pairs)
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
