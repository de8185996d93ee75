"""The graph of an investigation, built from the database in one pass: its canonical entities as
vertices and its links as directed edges — FtM's relationship schemata (an Ownership is an edge from the
owner to the asset, a Payment from payer to beneficiary…) and every other property whose value is an entity
(a wallet's holder, an event's participants), the edge then pointing from the entity to the value.

Only ready sources count. Each edge keeps the entity it came from (the relationship, or the entity holding
the property) so that its statements and sources are found again. Built graphs are kept per process for
each version of the investigation (`graph_for`), so that a neighbourhood or a path needs no query."""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from threading import Lock

import igraph
from django.db import connection

from palermo.networks.ftm.model import model
from palermo.networks.models import Investigation

# Entities, with their canonical id; only those of ready sources (as `visible_entities`).
ENTITIES_SQL = """
SELECT e.entity_id, e.canonical_id, e.schema, e.caption, e.countries
FROM networks_entity e JOIN networks_source src ON src.id = e.first_source_id
WHERE e.investigation_id = %s AND src.state = 'ready'
"""
# Every link statement of a ready source, with its source (an edge's confidence is how many sources state it).
LINKS_SQL = """
SELECT s.entity_id, s.prop, s.value, s.source_id
FROM networks_statement s JOIN networks_source src ON src.id = s.source_id
WHERE s.investigation_id = %s AND s.is_link AND src.state = 'ready'
"""
# The dates of relationships (an ownership's start, a payment's date): edges are filtered by date range.
DATES_SQL = """
SELECT s.entity_id, s.value
FROM networks_statement s JOIN networks_source src ON src.id = s.source_id
WHERE s.investigation_id = %s AND s.prop IN ('date', 'startDate', 'endDate') AND src.state = 'ready'
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
    caption of its own record, else of its smallest id, as the entity list shows it); the schema of each
    relationship's entity ids."""
    canonical_of: dict[str, str] = {}
    groups: dict[str, list[tuple]] = defaultdict(list)
    for entity_id, canonical_id, schema, caption, countries in rows:
        canonical_of[entity_id] = canonical_id
        groups[canonical_id].append((entity_id != canonical_id, entity_id, schema, caption, countries))
    vertices: list[Vertex] = []
    relationships: dict[str, str] = {}
    for canonical_id in sorted(groups):
        group = sorted(groups[canonical_id])
        schema = _common(entry[2] for entry in group)
        found = model.get(schema)
        if found is not None and found.edge:
            relationships.update((entry[1], schema) for entry in group)
            continue
        countries = tuple(sorted({code for entry in group for code in entry[4].split()}))
        vertices.append(Vertex(canonical_id, schema, group[0][3], countries))
    return canonical_of, vertices, {v.canonical_id: i for i, v in enumerate(vertices)}, relationships


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


def build_graph(investigation_id: int, *, version: int = 0) -> InvestigationGraph:
    """The investigation's graph, read from the database in three queries."""
    with connection.cursor() as cursor:
        cursor.execute(ENTITIES_SQL, [investigation_id])
        canonical_of, vertices, index, relationships = _representatives(cursor.fetchall())
        cursor.execute(LINKS_SQL, [investigation_id])
        links = cursor.fetchall()
        cursor.execute(DATES_SQL, [investigation_id])
        dates: dict[str, list[str]] = defaultdict(list)
        for entity_id, value in cursor.fetchall():
            if entity_id in relationships:
                dates[entity_id].append(value)
    # (entity id, property) -> canonical target -> the sources stating it
    stated: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for entity_id, prop, value, source_id in links:
        target = canonical_of.get(value)
        if target is not None and entity_id in canonical_of:  # else a link to an entity no ready source holds
            stated[entity_id, prop][target].add(source_id)
    built = InvestigationGraph(version, igraph.Graph(directed=True), vertices, index)
    pairs: list[tuple[int, int]] = []

    def add(source: str, target: str, entity_id: str, schema: str, prop: str, sources: set[int]) -> None:
        source_vertex, target_vertex = index.get(source), index.get(target)
        if source_vertex is None or target_vertex is None:
            return
        pairs.append((source_vertex, target_vertex))
        built.edge_entity.append(entity_id)
        built.edge_schema.append(schema)
        built.edge_prop.append(prop)
        built.edge_sources.append(len(sources))
        written = dates.get(entity_id)
        built.edge_dates.append((min(written), max(written)) if written else ("", ""))

    for (entity_id, prop), targets in sorted(stated.items()):
        schema_name = relationships.get(entity_id)
        if schema_name is None:
            source = canonical_of[entity_id]
            for target, sources in sorted(targets.items()):
                add(
                    source,
                    target,
                    entity_id,
                    vertices[index[source]].schema if source in index else "",
                    prop,
                    sources,
                )
            continue
        schema = model[schema_name]
        if prop != schema.edge_source:
            continue
        for source, source_sources in sorted(targets.items()):
            for target, target_sources in sorted(stated.get((entity_id, schema.edge_target), {}).items()):
                add(source, target, entity_id, schema_name, "", source_sources | target_sources)
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
