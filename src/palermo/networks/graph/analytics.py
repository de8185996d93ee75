"""Measures of a network on igraph: centrality, communities, cohesion, paths, disruption and borders.

Pure functions of an `igraph.Graph`; vertices and edges are named by igraph's indices. Every function
accepts graphs of 0 or 1 vertex, without edges, with self-loops and with multi-edges (each docstring says
how those count), and gives the same answer for the same graph every time. Where a measure is checked
against networkx 3.6 (tests/networks/test_graph_analytics.py), its docstring says which networkx call and
normalisation it equals.
"""

import itertools
import math
import random
import threading
import warnings
from collections import Counter
from contextlib import contextmanager

import igraph

MEASURES = ("betweenness", "degree")
_RANDOM = threading.Lock()  # igraph's random generator is one for the process
# Betweenness values that agree to this many significant digits are ties: sums of path fractions for
# vertices in the same position may differ in their last bits depending on the order of the sums.
TIE_DIGITS = 12


@contextmanager
def _quietly():
    """igraph warns of what the docstrings here define (disconnected graphs, unreachable vertices)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _floats(values) -> list[float]:
    # + 0.0 turns igraph's -0.0 into 0.0, which JSON and people read more easily.
    return [float(value) + 0.0 for value in values]


def _scaled(values: list[float]) -> list[float]:
    """Divided by their maximum, which becomes exactly 1 (igraph's own scaling may leave 0.9999999999999999)."""
    largest = max(values)
    return _floats(value / largest for value in values) if largest > 0 else _floats(values)


def _undirected(g: igraph.Graph) -> igraph.Graph:
    """Each directed edge as an undirected one (a reciprocated pair counts twice), attributes kept."""
    return g.as_undirected(mode="each") if g.is_directed() else g


def _simple_undirected(g: igraph.Graph) -> igraph.Graph:
    """The undirected view with multi-edges merged and self-loops dropped, without attributes."""
    simple = igraph.Graph(n=g.vcount(), edges=g.get_edgelist(), directed=False)
    simple.simplify(multiple=True, loops=True)
    return simple


def _check_distances(g: igraph.Graph, weights: str | None) -> None:
    if weights is not None and g.ecount() and min(g.es[weights]) <= 0:
        raise ValueError(f"edge attribute {weights!r}: betweenness needs weights > 0 (they are distances)")


def centrality(
    g: igraph.Graph, *, weights: str | None = None, betweenness_cutoff: int | None = None
) -> dict[str, list[float]]:
    """Degree, betweenness, PageRank and eigenvector centrality of every vertex, by name of the measure.

    - degree: edges at the vertex, in and out (a multi-edge counts once per edge, a self-loop twice);
      networkx's `G.degree` of the (Multi)(Di)Graph.
    - betweenness: unnormalised, over unordered pairs in an undirected graph and ordered pairs in a
      directed one; `weights` are distances (> 0); with `betweenness_cutoff`, only shortest paths of at
      most that length count. networkx's `betweenness_centrality(G, normalized=False, weight=...)`.
      Parallel edges are distinct paths (each multiplies the paths through it).
    - pagerank: damping 0.85, summing to 1, a vertex without out-edges jumping anywhere; `weights` are
      strengths (the share of a vertex's walk along each edge). Directed edges are followed forwards.
      networkx's `pagerank(G, alpha=0.85, weight=...)`, except that an undirected self-loop counts twice
      here (as in the degree) and once in networkx.
    - eigenvector: of the undirected view (a directed edge counts as an undirected one, a reciprocated
      pair twice), `weights` as strengths, scaled so that the largest is 1; a self-loop puts 2 on the
      diagonal. networkx's `eigenvector_centrality` divided by its maximum, on a Graph whose edge
      weights are those summed over parallel edges (a self-loop's doubled). On a disconnected graph only
      the component of the largest eigenvalue has non-zero values; without edges every vertex has 1.
    """
    if weights is not None:
        _check_distances(g, weights)
    with _quietly():
        degree = _floats(g.degree(mode="all", loops=True))
        betweenness = _floats(g.betweenness(directed=True, weights=weights, cutoff=betweenness_cutoff))
        pagerank = _floats(g.pagerank(directed=True, damping=0.85, weights=weights))
        eigenvector = _scaled(_undirected(g).eigenvector_centrality(weights=weights)) if g.vcount() else []
    return {"degree": degree, "betweenness": betweenness, "pagerank": pagerank, "eigenvector": eigenvector}


def communities(g: igraph.Graph, *, weights: str | None = None, seed: int = 1) -> tuple[list[int], float]:
    """Leiden communities maximising modularity, and that modularity: (community of each vertex, Q).

    Runs on the undirected view (each directed edge an undirected one: the same as collapsing the
    directions and summing weights, unweighted edges counting 1 each); `weights` are strengths; two
    iterations, the same partition for the same `seed`. A multi-edge counts once per edge. Q is igraph's
    modularity of the membership on that undirected view (networkx's `community.modularity`, a self-loop
    inside its community); without edges, where Q is undefined, it is 0.0.
    """
    if g.vcount() == 0:
        return [], 0.0
    view = _undirected(g)
    # igraph's own Leiden, not leidenalg's: on a million edges it took 8.6 s on a quiet machine (24 s under
    # load) where leidenalg took 221 s (benchmarks/bench_graph_analytics.py), for the same modularity. Iterating until
    # no move improves took more than 15 minutes. It draws from igraph's generator, seeded for this call.
    with _RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            clustering = view.community_leiden(
                objective_function="modularity", weights=weights, n_iterations=2
            )
        finally:
            igraph.set_random_number_generator(random)
    membership = list(clustering.membership)
    modularity = view.modularity(membership, weights=weights)
    return membership, (0.0 if math.isnan(modularity) else float(modularity))  # NaN: no edges


def coreness(g: igraph.Graph) -> list[int]:
    """The k-core number of every vertex in the undirected view, counting distinct neighbours only
    (multi-edges once, self-loops not at all); networkx's `core_number` of the simple graph."""
    return list(_simple_undirected(g).coreness(mode="all"))


def articulation_points(g: igraph.Graph) -> list[int]:
    """Vertices whose removal splits their component in the undirected view, sorted; networkx's
    `articulation_points`. Multi-edges and self-loops change nothing."""
    return sorted(g.articulation_points())


def bridges(g: igraph.Graph) -> list[int]:
    """Edges whose removal splits their component in the undirected view, sorted; a multi-edge is never
    a bridge (its twin keeps the ends together) and nor is a self-loop. networkx's `bridges`."""
    return sorted(g.bridges())


def shortest_paths(
    g: igraph.Graph,
    source: int,
    target: int,
    *,
    k: int = 1,
    weights: str | None = None,
    mode: str = "all",
) -> list[list[int]]:
    """Paths from `source` to `target` as vertex lists; [] when `target` cannot be reached.

    k=1: every shortest path, sorted; k>1: the k shortest simple paths (Yen's algorithm), shortest first
    and equally long ones sorted. Paths differing only by parallel edges are one path. `weights` are
    distances (>= 0); `mode` "all" ignores directions, "out" follows them, "in" goes against them.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    with _quietly():
        if k == 1:
            return sorted(_all_shortest_paths(g, source, target, weights, mode))
        graph = _simple_for_paths(g, weights, mode)
        found = graph.get_k_shortest_paths(source, to=target, k=k, weights=weights, mode=mode)
    lengths = {tuple(path): _length(graph, path, weights, mode) for path in found if path}
    return [list(path) for path in sorted(lengths, key=lambda path: (lengths[path], path))]


REVERSED = {"out": "in", "in": "out", "all": "all"}


def _all_shortest_paths(
    g: igraph.Graph, source: int, target: int, weights: str | None, mode: str
) -> list[list[int]]:
    """Every shortest path: by a search from both ends without weights, by Dijkstra's from `source` with."""
    # igraph's get_all_shortest_paths keeps the paths to every vertex it reaches (a second and more on a
    # million edges); its distances from one vertex take 0.4 s there. Searching from both ends until the
    # searches meet visits a few hundred vertices of such a graph: under a millisecond.
    if weights is None:
        return _meet_in_the_middle(g, source, target, mode)
    return _walk_back(g, source, target, weights, mode)


def _meet_in_the_middle(g: igraph.Graph, source: int, target: int, mode: str) -> list[list[int]]:
    """All shortest paths without weights: breadth-first from both ends, a level of the smaller frontier
    at a time, until a new level reaches the other search's last one (its vertices are the middle)."""
    if source == target:
        return [[source]]
    ends = {"forward": source, "backward": target}
    direction = {"forward": mode, "backward": REVERSED[mode]}
    depth = {"forward": {source: 0}, "backward": {target: 0}}
    frontier = {"forward": [source], "backward": [target]}
    levels = {"forward": 0, "backward": 0}
    while True:
        side = "forward" if len(frontier["forward"]) <= len(frontier["backward"]) else "backward"
        other = "backward" if side == "forward" else "forward"
        seen, level = depth[side], levels[side] + 1
        reached = []
        for vertex in frontier[side]:
            for neighbour in g.neighbors(vertex, mode=direction[side]):
                if neighbour not in seen:
                    seen[neighbour] = level
                    reached.append(neighbour)
        if not reached:
            return []
        frontier[side], levels[side] = reached, level
        middle = [vertex for vertex in reached if vertex in depth[other]]
        if middle:
            break

    def walks(side: str, vertex: int, known: dict[int, list[list[int]]]) -> list[list[int]]:
        """The shortest paths from the side's end to `vertex`, by the levels of that side's search."""
        if vertex not in known:
            if vertex == ends[side]:
                known[vertex] = [[vertex]]
            else:
                steps = depth[side]
                before = {
                    neighbour
                    for neighbour in g.neighbors(vertex, mode=REVERSED[direction[side]])
                    if steps.get(neighbour) == steps[vertex] - 1
                }
                known[vertex] = [
                    [*walk, vertex] for previous in sorted(before) for walk in walks(side, previous, known)
                ]
        return known[vertex]

    from_source: dict[int, list[list[int]]] = {}
    from_target: dict[int, list[list[int]]] = {}
    return [
        head + tail[::-1][1:]
        for vertex in middle
        for head in walks("forward", vertex, from_source)
        for tail in walks("backward", vertex, from_target)
    ]


def _walk_back(g: igraph.Graph, source: int, target: int, weights: str, mode: str) -> list[list[int]]:
    """All shortest paths with weights: Dijkstra's distances from `source`, then every way back from
    `target` along edges that keep to them."""
    distance = g.distances(source=source, weights=weights, mode=mode)[0]
    if math.isinf(distance[target]):
        return []
    steps_back: dict[int, list[int]] = {}

    def before(vertex: int) -> list[int]:
        """The vertices a shortest path to `vertex` can come from."""
        if vertex not in steps_back:
            found = set()
            for edge in g.es[g.incident(vertex, mode=REVERSED[mode])]:
                start, end = edge.tuple
                other = start if end == vertex else end
                gap = distance[vertex] - distance[other] - edge[weights]
                if other != vertex and abs(gap) <= 1e-9 * max(1.0, distance[vertex]):
                    found.add(other)
            steps_back[vertex] = sorted(found)
        return steps_back[vertex]

    paths = []
    partial_paths = [[target]]
    while partial_paths:
        partial = partial_paths.pop()
        if partial[-1] == source:
            paths.append(partial[::-1])
            continue
        # Only a zero weight could lead back to a vertex of the path: a loop, not a simple path.
        partial_paths.extend([*partial, other] for other in before(partial[-1]) if other not in partial)
    return paths


def _simple_for_paths(g: igraph.Graph, weights: str | None, mode: str) -> igraph.Graph:
    """The graph with parallel edges merged (keeping the shortest) where `mode` would see any."""
    # Yen's algorithm enumerates edge sequences: parallel edges, or a reciprocated pair followed both
    # ways, would give one vertex path several times.
    combine = {weights: "min"} if weights else "ignore"
    if g.is_directed() and mode == "all":
        return g.as_undirected(mode="collapse", combine_edges=combine)
    if g.has_multiple():
        simple = g.copy()
        simple.simplify(multiple=True, loops=False, combine_edges=combine)
        return simple
    return g


def _length(g: igraph.Graph, path: list[int], weights: str | None, mode: str) -> float:
    if weights is None:
        return float(len(path) - 1)
    directed = mode != "all"
    total = 0.0
    for start, end in itertools.pairwise(path):
        first, second = (end, start) if mode == "in" else (start, end)
        total += g.es[g.get_eid(first, second, directed=directed)][weights]
    return total


def neighbourhood(g: igraph.Graph, vertices: list[int], *, depth: int, mode: str = "all") -> list[int]:
    """The vertices at most `depth` steps from any of `vertices`, these included, sorted; `mode` as in
    `shortest_paths`."""
    if not vertices:
        return []
    reached = g.neighborhood(vertices, order=depth, mode=mode)
    return sorted(set().union(*reached))


def _attack_values(g: igraph.Graph, measure: str, betweenness_cutoff: int | None) -> list[float]:
    if measure == "degree":
        return [float(value) for value in g.degree(mode="all", loops=True)]
    values = g.betweenness(directed=True, cutoff=betweenness_cutoff)
    return [float(f"{value:.{TIE_DIGITS}g}") for value in values]


def _components(g: igraph.Graph) -> tuple[int, int]:
    sizes = g.connected_components(mode="weak").sizes() if g.vcount() else []
    return len(sizes), max(sizes, default=0)


def disruption_curve(
    g: igraph.Graph,
    *,
    measure: str,
    steps: int,
    recompute: bool = True,
    betweenness_cutoff: int | None = None,
) -> list[dict]:
    """What is left of the network as its most central members are removed one by one (Montagna et al.).

    Step 0 is the intact graph; each further step removes the vertex with the highest `measure`
    ("betweenness", unweighted and directed as the graph is, or "degree", as in `centrality`), either
    recomputed on what is left (`recompute`) or ranked once on the intact graph. Ties go to the lowest
    original index (betweenness values equal to 12 significant digits are ties). After each step:
    {"step", "removed" (original index, None at step 0), "largest_component" (vertices of the largest
    weakly connected component, 0 when none is left), "components" (isolated vertices count)}. Stops
    after `steps` removals or when no vertex is left.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    # A copy without attributes: removals renumber vertices, `original` keeps their first indices.
    remaining = igraph.Graph(n=g.vcount(), edges=g.get_edgelist(), directed=g.is_directed())
    original = list(range(g.vcount()))
    components, largest = _components(remaining)
    curve = [{"step": 0, "removed": None, "largest_component": largest, "components": components}]
    if not recompute:
        values = _attack_values(remaining, measure, betweenness_cutoff)
        ranking = sorted(original, key=lambda vertex: (-values[vertex], vertex))
    for step in range(1, steps + 1):
        if not original:
            break
        if recompute:
            values = _attack_values(remaining, measure, betweenness_cutoff)
            position = values.index(max(values))  # the first: `original` stays in increasing order
        else:
            position = original.index(ranking[step - 1])
        removed = original.pop(position)
        remaining.delete_vertices(position)
        components, largest = _components(remaining)
        curve.append(
            {"step": step, "removed": removed, "largest_component": largest, "components": components}
        )
    return curve


def cross_border(g: igraph.Graph, countries: list[set[str]]) -> dict:
    """How a network spreads over States, given each vertex's set of State codes (possibly empty).

    {"states": every code present, sorted; "vertices_without_state": how many have none;
    "edges_across_states": edges whose two ends both have States and not the same set of them (a
    self-loop never does; each of parallel edges counts); "per_state": {code: {"vertices": those having
    the code, "edges": edges whose two ends both have it (self-loops and each parallel edge included),
    "components" and "largest_component": of the State's subgraph (its vertices and the edges among
    them), weakly connected}}}.
    """
    if len(countries) != g.vcount():
        raise ValueError(f"{len(countries)} sets of States for {g.vcount()} vertices")
    vertices: Counter[str] = Counter(code for codes in countries for code in codes)
    edges: Counter[str] = Counter()
    across = 0
    for start, end in g.get_edgelist():
        first, second = countries[start], countries[end]
        if first and second and first != second:
            across += 1
        edges.update(first & second)
    states = sorted(vertices)
    per_state = {}
    for code in states:
        members = [vertex for vertex, codes in enumerate(countries) if code in codes]
        components, largest = _components(g.induced_subgraph(members))
        per_state[code] = {
            "vertices": vertices[code],
            "edges": edges[code],
            "components": components,
            "largest_component": largest,
        }
    return {
        "states": states,
        "vertices_without_state": sum(1 for codes in countries if not codes),
        "edges_across_states": across,
        "per_state": per_state,
    }


def graph_summary(g: igraph.Graph) -> dict:
    """Vertices, edges, weakly connected components, the largest one's size, density and direction.

    Density is networkx's `density`: edges (each parallel edge and self-loop included, so it can pass 1)
    over the pairs of distinct vertices, ordered when directed; 0.0 below two vertices.
    """
    vertex_count, edge_count = g.vcount(), g.ecount()
    components, largest = _components(g)
    pairs = vertex_count * (vertex_count - 1) // (1 if g.is_directed() else 2)
    return {
        "vertices": vertex_count,
        "edges": edge_count,
        "components": components,
        "largest_component": largest,
        "density": edge_count / pairs if pairs else 0.0,
        "directed": g.is_directed(),
    }
