"""Exploring an investigation's graph: the neighbourhood of entities to a depth, through the edges a filter
lets pass (kinds of link, States of the neighbours, a date range, how many sources state the link), the
edges among a set of entities, and paths between two of them. Pure functions on a built graph: no query."""

from dataclasses import dataclass, field
from itertools import pairwise

from palermo.networks.graph.build import InvestigationGraph

NEIGHBOURS_SHOWN = 500  # new entities one expansion adds to a chart at most (the rest are counted)


@dataclass(frozen=True)
class EdgeFilter:
    kinds: frozenset[str] = field(default_factory=frozenset)  # schemata or properties of links; empty: all
    countries: frozenset[str] = field(default_factory=frozenset)  # a neighbour must be of one of these
    since: str = ""  # ISO dates (or their beginning): a dated link must reach into the range
    until: str = ""
    min_sources: int = 1

    @property
    def empty(self) -> bool:
        return self == EdgeFilter()


def edge_kind(built: InvestigationGraph, edge: int) -> str:
    """What an edge is: its relationship's schema, or the property that links (e.g. "holder")."""
    return built.edge_prop[edge] or built.edge_schema[edge]


def edge_passes(built: InvestigationGraph, edge: int, rule: EdgeFilter) -> bool:
    if rule.kinds and edge_kind(built, edge) not in rule.kinds:
        return False
    if built.edge_sources[edge] < rule.min_sources:
        return False
    first, last = built.edge_dates[edge]
    if first and rule.until and first[: len(rule.until)] > rule.until:
        return False
    return not (last and rule.since and last < rule.since[: len(last)])


def vertex_passes(built: InvestigationGraph, vertex: int, rule: EdgeFilter) -> bool:
    return not rule.countries or bool(rule.countries.intersection(built.vertices[vertex].countries))


def neighbourhood(
    built: InvestigationGraph,
    start: list[int],
    *,
    depth: int,
    rule: EdgeFilter = EdgeFilter(),
    limit: int = NEIGHBOURS_SHOWN,
) -> tuple[list[int], int]:
    """The entities within `depth` links of the start ones (start first, then by distance and index), at
    most `limit` besides the start, and how many there were in all."""
    graph = built.graph
    if rule.empty:
        found = graph.neighborhood(start, order=depth, mode="all")
        reached = {v for group in found for v in group} - set(start)
        ordered = sorted(reached)
        return list(dict.fromkeys(start)) + ordered[:limit], len(reached)
    seen = dict.fromkeys(start, 0)
    frontier = list(seen)
    for distance in range(1, depth + 1):
        following = []
        for vertex in frontier:
            for edge in graph.incident(vertex, mode="all"):
                if not edge_passes(built, edge, rule):
                    continue
                source, target = graph.es[edge].tuple
                other = target if source == vertex else source
                if other not in seen and vertex_passes(built, other, rule):
                    seen[other] = distance
                    following.append(other)
        frontier = following
    reached = [v for v in seen if seen[v] > 0]
    reached.sort(key=lambda v: (seen[v], v))
    return list(dict.fromkeys(start)) + reached[:limit], len(reached)


def edges_among(built: InvestigationGraph, vertices: set[int], rule: EdgeFilter = EdgeFilter()) -> list[int]:
    """The edges whose two ends are both among the vertices (and that the filter lets pass), sorted."""
    graph = built.graph
    found = set()
    for vertex in vertices:
        for edge in graph.incident(vertex, mode="out"):
            if graph.es[edge].target in vertices and edge_passes(built, edge, rule):
                found.add(edge)
    return sorted(found)


def edge_weights(built: InvestigationGraph) -> list[float]:
    """Distances for weighted paths: a link that more sources state is shorter (1 / sources)."""
    return [1.0 / max(count, 1) for count in built.edge_sources]


def path_edges(built: InvestigationGraph, path: list[int]) -> list[int]:
    """The edges along a path of vertices (between consecutive ones, in either direction; the one that
    most sources state where there are several)."""
    graph = built.graph
    edges = []
    for left, right in pairwise(path):
        candidates = [e for e in graph.incident(left, mode="all") if set(graph.es[e].tuple) == {left, right}]
        if candidates:
            edges.append(max(candidates, key=lambda e: (built.edge_sources[e], -e)))
    return edges
