"""Paths between two entities of an investigation's graph, links followed in either direction: all the
shortest (in number of links) or the k shortest; weighted, a link that more sources state counts as
shorter (1 / sources), so that the best-attested path comes first."""

from palermo.networks.graph import analytics
from palermo.networks.graph.build import InvestigationGraph

DISTANCE = "distance"


def find_paths(
    built: InvestigationGraph, left: int, right: int, *, k: int = 1, weighted: bool = False
) -> list[list[int]]:
    graph = built.graph
    if weighted and DISTANCE not in graph.es.attributes():
        graph.es[DISTANCE] = [1.0 / max(count, 1) for count in built.edge_sources]
    if left == right:
        return [[left]]
    return analytics.shortest_paths(
        graph, left, right, k=k, weights=DISTANCE if weighted else None, mode="all"
    )
