"""The graph measures of networks/graph/analytics.py against networkx 3.6 on the same graphs, and the
disruption curve, ties and degenerate graphs worked out by hand."""

import itertools
import random

import igraph
import networkx as nx
import pytest

from palermo.networks.graph import analytics

TOLERANCE = 1e-9


def weighted_digraph() -> nx.DiGraph:
    """A random directed graph with weights from 0.5 to 3 (no two paths of the same length)."""
    graph = nx.gnp_random_graph(30, 0.12, seed=3, directed=True)
    weights = random.Random(5)
    for start, end in graph.edges:
        graph.edges[start, end]["weight"] = round(weights.uniform(0.5, 3.0), 6)
    return graph


def loops_and_isolates() -> nx.Graph:
    """A triangle with a tail ending in a self-loop, and two isolated vertices."""
    graph = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 3)])
    graph.add_nodes_from([4, 5])
    return graph


def unweighted_karate() -> nx.Graph:
    return nx.Graph(nx.karate_club_graph().edges)


GRAPHS = {
    "karate": (unweighted_karate, None),
    "karate weighted": (nx.karate_club_graph, "weight"),
    "gnp": (lambda: nx.gnp_random_graph(40, 0.1, seed=7), None),
    "directed weighted": (weighted_digraph, "weight"),
    "self-loop and isolated vertices": (loops_and_isolates, None),
}


def to_igraph(graph: nx.Graph, weights: str | None = None) -> igraph.Graph:
    """The same graph in igraph: vertex i is networkx's node i, edges in networkx's order."""
    assert sorted(graph.nodes) == list(range(len(graph)))
    converted = igraph.Graph(n=len(graph), edges=list(graph.edges()), directed=graph.is_directed())
    if weights:
        converted.es[weights] = [data[weights] for _, _, data in graph.edges(data=True)]
    return converted


def undirected_summed(graph: nx.Graph, weights: str | None, loop_weight: int = 1) -> nx.Graph:
    """The undirected graph whose edge weights are those of the parallel (or reciprocal) edges summed;
    a self-loop's weight multiplied by `loop_weight`."""
    summed = nx.Graph()
    summed.add_nodes_from(graph.nodes)
    for start, end, data in graph.edges(data=True):
        weight = (data[weights] if weights else 1) * (loop_weight if start == end else 1)
        previous = summed.get_edge_data(start, end, {"weight": 0})["weight"]
        summed.add_edge(start, end, weight=previous + weight)
    return summed


def as_list(values: dict) -> list[float]:
    return [values[node] for node in sorted(values)]


def assert_close(actual: list[float], expected: list[float]) -> None:
    assert len(actual) == len(expected)
    for index, (mine, theirs) in enumerate(zip(actual, expected, strict=True)):
        assert mine == pytest.approx(theirs, abs=TOLERANCE), f"vertex {index}: {mine} != {theirs}"


@pytest.fixture(params=list(GRAPHS))
def pair(request) -> tuple[nx.Graph, igraph.Graph, str | None]:
    make, weights = GRAPHS[request.param]
    graph = make()
    return graph, to_igraph(graph, weights), weights


def test_degree_equals_networkx_counting_self_loops_twice(pair):
    graph, converted, weights = pair
    degree = analytics.centrality(converted, weights=weights)["degree"]
    assert degree == [float(value) for value in as_list(dict(graph.degree()))]
    assert all(isinstance(value, float) for value in degree)


def test_betweenness_equals_unnormalised_networkx_with_weights_as_distances(pair):
    graph, converted, weights = pair
    expected = nx.betweenness_centrality(graph, normalized=False, weight=weights)
    assert_close(analytics.centrality(converted, weights=weights)["betweenness"], as_list(expected))


def test_pagerank_equals_networkx_with_weights_as_strengths(pair):
    graph, converted, weights = pair
    # igraph counts an undirected self-loop twice (as in the degree), networkx once: give networkx two.
    reference = nx.MultiGraph(graph) if not graph.is_directed() else graph
    reference.add_edges_from([(node, node, {}) for node in nx.nodes_with_selfloops(graph)])
    expected = nx.pagerank(reference, alpha=0.85, weight=weights, tol=1e-15, max_iter=10_000)
    pagerank = analytics.centrality(converted, weights=weights)["pagerank"]
    assert_close(pagerank, as_list(expected))
    assert sum(pagerank) == pytest.approx(1.0, abs=TOLERANCE)


def test_eigenvector_equals_networkx_scaled_to_a_maximum_of_one(pair):
    graph, converted, weights = pair
    reference = undirected_summed(graph, weights, loop_weight=2)
    found = nx.eigenvector_centrality(reference, weight="weight", tol=1e-15, max_iter=100_000)
    largest = max(found.values())
    eigenvector = analytics.centrality(converted, weights=weights)["eigenvector"]
    assert_close(eigenvector, [value / largest for value in as_list(found)])
    assert max(eigenvector) == 1.0


def brute_force_betweenness(graph: nx.Graph, cutoff: int) -> list[float]:
    """Betweenness over the shortest paths of at most `cutoff` edges, enumerating them with networkx."""
    values = dict.fromkeys(graph.nodes, 0.0)
    pairs = itertools.combinations(graph.nodes, 2)
    for source, target in pairs:
        if not nx.has_path(graph, source, target):
            continue
        paths = list(nx.all_shortest_paths(graph, source, target))
        if len(paths[0]) - 1 > cutoff:
            continue
        for path in paths:
            for inner in path[1:-1]:
                values[inner] += 1 / len(paths)
    return as_list(values)


@pytest.mark.parametrize("cutoff", [1, 2, 3])
def test_betweenness_cutoff_counts_only_paths_of_at_most_that_length(cutoff):
    graph = unweighted_karate()
    found = analytics.centrality(to_igraph(graph), betweenness_cutoff=cutoff)["betweenness"]
    assert_close(found, brute_force_betweenness(graph, cutoff))
    if cutoff == 1:
        assert found == [0.0] * len(graph)


def test_betweenness_refuses_weights_that_are_not_distances():
    converted = igraph.Graph([(0, 1), (1, 2)])
    converted.es["weight"] = [1.0, 0.0]
    with pytest.raises(ValueError, match="weights > 0"):
        analytics.centrality(converted, weights="weight")


def test_parallel_edges_count_once_each_in_degree_and_as_distinct_paths_in_betweenness():
    converted = igraph.Graph([(0, 1), (0, 1), (1, 2), (0, 3), (3, 2)])
    measures = analytics.centrality(converted)
    assert measures["degree"] == [3.0, 3.0, 2.0, 2.0]
    # 0 to 2: two paths through 1 (one per parallel edge) and one through 3; 1 to 3: two through 0 and
    # one through 2.
    assert measures["betweenness"] == pytest.approx([2 / 3, 2 / 3, 1 / 3, 1 / 3], abs=TOLERANCE)


@pytest.mark.parametrize("name", list(GRAPHS))
def test_leiden_modularity_is_networkx_modularity_of_the_same_partition(name):
    make, weights = GRAPHS[name]
    graph = make()
    membership, modularity = analytics.communities(to_igraph(graph, weights), weights=weights)
    assert len(membership) == len(graph)
    parts = [{node for node in graph.nodes if membership[node] == community} for community in set(membership)]
    reference = undirected_summed(graph, weights)
    assert modularity == pytest.approx(
        nx.community.modularity(reference, parts, weight="weight"), abs=TOLERANCE
    )


def test_leiden_finds_the_best_known_partition_of_the_karate_club_reproducibly():
    converted = to_igraph(unweighted_karate())
    membership, modularity = analytics.communities(converted, seed=1)
    # 0.4198 is the maximum modularity of Zachary's network (Brandes et al. 2008), in four communities.
    assert modularity == pytest.approx(0.41979, abs=1e-5)
    assert len(set(membership)) == 4
    random.seed(99)  # the process's generator, which igraph draws from by default, changes nothing
    assert analytics.communities(converted, seed=1) == (membership, modularity)
    gnp = to_igraph(nx.gnp_random_graph(200, 0.03, seed=2))
    assert analytics.communities(gnp, seed=1) == analytics.communities(gnp, seed=1)
    assert analytics.communities(gnp, seed=1) != analytics.communities(gnp, seed=2)


def test_communities_of_graphs_without_edges_are_single_vertices_with_modularity_zero():
    assert analytics.communities(igraph.Graph()) == ([], 0.0)
    assert analytics.communities(igraph.Graph(n=1)) == ([0], 0.0)
    membership, modularity = analytics.communities(igraph.Graph(n=3))
    assert sorted(membership) == [0, 1, 2]
    assert modularity == 0.0


def test_communities_of_a_directed_graph_are_those_of_its_undirected_view():
    # Two directed triangles joined by one arc: the triangles, whichever way their arcs point.
    converted = igraph.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)], directed=True)
    membership, modularity = analytics.communities(converted)
    assert membership[0] == membership[1] == membership[2] != membership[3] == membership[4] == membership[5]
    assert modularity == pytest.approx(5 / 14, abs=TOLERANCE)  # 2 * (3/7 - (7/14)^2)


def test_coreness_equals_networkx_core_number_of_the_simple_graph(pair):
    graph, converted, _ = pair
    simple = nx.Graph(graph.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    assert analytics.coreness(converted) == as_list(nx.core_number(simple))


def test_coreness_counts_distinct_neighbours_only():
    converted = igraph.Graph([(0, 0), (0, 1), (0, 1), (1, 2)])
    assert analytics.coreness(converted) == [1, 1, 1]


def test_articulation_points_and_bridges_equal_networkx(pair):
    graph, converted, _ = pair
    undirected = graph.to_undirected()
    assert analytics.articulation_points(converted) == sorted(nx.articulation_points(undirected))
    found = {frozenset(converted.es[edge].tuple) for edge in analytics.bridges(converted)}
    assert found == {frozenset(edge) for edge in nx.bridges(undirected)}
    assert analytics.bridges(converted) == sorted(analytics.bridges(converted))


def test_a_parallel_edge_is_never_a_bridge_and_bridges_are_edge_indices():
    converted = igraph.Graph([(0, 1), (1, 2), (0, 1), (2, 3), (3, 3)])
    assert analytics.bridges(converted) == [1, 3]
    assert analytics.articulation_points(converted) == [1, 2]


def test_all_shortest_paths_equal_networkx_sorted():
    graph = unweighted_karate()
    expected = sorted(nx.all_shortest_paths(graph, 0, 33))
    assert analytics.shortest_paths(to_igraph(graph), 0, 33) == expected
    assert len(expected) == 4


def test_weighted_directed_shortest_paths_follow_the_arcs_and_equal_networkx():
    graph = weighted_digraph()
    converted = to_igraph(graph, "weight")
    source, target = 0, 17
    found = analytics.shortest_paths(converted, source, target, weights="weight", mode="out")
    assert found == [nx.dijkstra_path(graph, source, target)]
    k_found = analytics.shortest_paths(converted, source, target, k=4, weights="weight", mode="out")
    assert k_found == list(itertools.islice(nx.shortest_simple_paths(graph, source, target, "weight"), 4))


def test_k_shortest_paths_of_a_cycle_go_both_ways():
    converted = igraph.Graph.Ring(7)
    assert analytics.shortest_paths(converted, 0, 3, k=5) == [[0, 1, 2, 3], [0, 6, 5, 4, 3]]


def test_k_shortest_paths_differing_only_by_parallel_edges_are_one_path():
    converted = igraph.Graph([(0, 1), (0, 1), (1, 2), (0, 3), (3, 4), (4, 2)])
    assert analytics.shortest_paths(converted, 0, 2) == [[0, 1, 2]]
    assert analytics.shortest_paths(converted, 0, 2, k=3) == [[0, 1, 2], [0, 3, 4, 2]]


def test_k_shortest_paths_of_a_directed_graph_ignoring_directions_count_a_reciprocal_pair_once():
    converted = igraph.Graph([(0, 1), (1, 0), (1, 2), (2, 3), (0, 3)], directed=True)
    converted.es["weight"] = [5.0, 1.0, 1.0, 1.0, 4.0]
    assert analytics.shortest_paths(converted, 0, 2, k=3, weights="weight") == [
        [0, 1, 2],  # 1 + 1, through the lighter of the pair
        [0, 3, 2],  # 4 + 1
    ]
    assert analytics.shortest_paths(converted, 0, 2, k=3, weights="weight", mode="out") == [
        [0, 1, 2],  # 5 + 1: only the arc 0 → 1 goes forwards
    ]
    assert analytics.shortest_paths(converted, 2, 0, mode="out") == []
    assert analytics.shortest_paths(converted, 2, 0, mode="in") == [[2, 1, 0]]


def test_shortest_paths_to_an_unreachable_vertex_are_none_and_to_oneself_the_vertex():
    converted = igraph.Graph([(0, 1)], n=3)
    assert analytics.shortest_paths(converted, 0, 2) == []
    assert analytics.shortest_paths(converted, 0, 2, k=3) == []
    assert analytics.shortest_paths(converted, 1, 1, k=2) == [[1]]
    with pytest.raises(ValueError, match="k must be"):
        analytics.shortest_paths(converted, 0, 1, k=0)


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_neighbourhood_equals_networkx_within_depth(depth):
    graph = unweighted_karate()
    converted = to_igraph(graph)
    expected = set(nx.single_source_shortest_path_length(graph, 16, cutoff=depth))
    expected |= set(nx.single_source_shortest_path_length(graph, 26, cutoff=depth))
    assert analytics.neighbourhood(converted, [16, 26], depth=depth) == sorted(expected)


def test_neighbourhood_follows_the_mode_in_a_directed_graph():
    converted = igraph.Graph([(0, 1), (1, 2), (3, 1)], directed=True)
    assert analytics.neighbourhood(converted, [1], depth=1, mode="out") == [1, 2]
    assert analytics.neighbourhood(converted, [1], depth=1, mode="in") == [0, 1, 3]
    assert analytics.neighbourhood(converted, [0], depth=2) == [0, 1, 2, 3]
    assert analytics.neighbourhood(converted, [], depth=2) == []


def two_triangles_and_a_broker() -> igraph.Graph:
    """0-1-2 and 4-5-6 are triangles; 3 joins 2 and 4 (2 - 3 - 4)."""
    edges = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (4, 5), (4, 6), (5, 6)]
    return igraph.Graph(edges)


def curve_of(entries: list[dict]) -> list[tuple]:
    return [(e["step"], e["removed"], e["largest_component"], e["components"]) for e in entries]


def test_disruption_by_betweenness_removes_the_broker_first_then_ties_by_lowest_index():
    # Betweenness: 3 lies on the 9 paths between the triangles; 2 on the 8 from {0, 1} to {3, 4, 5, 6}
    # and 4 on the 8 from {5, 6} to {0, 1, 2, 3}; the others on none. Removing 3 leaves two triangles,
    # where every betweenness is 0: the lowest indices go first, 0, 1, 2 (the last triangle alone), then
    # 4 (leaving 5 - 6), 5 and 6 (nothing left, step 8 never comes).
    curve = analytics.disruption_curve(two_triangles_and_a_broker(), measure="betweenness", steps=10)
    assert curve_of(curve) == [
        (0, None, 7, 1),
        (1, 3, 3, 2),
        (2, 0, 3, 2),
        (3, 1, 3, 2),
        (4, 2, 3, 1),
        (5, 4, 2, 1),
        (6, 5, 1, 1),
        (7, 6, 0, 0),
    ]


def test_disruption_by_degree_recomputes_after_each_removal():
    # Degrees 2, 2, 3, 2, 3, 2, 2: 2 and 4 tie, 2 goes (lower index), leaving 0 - 1 and 3 - 4 with
    # the triangle 4-5-6. Then 4 has degree 3 and goes: 0 - 1, 3 alone, 5 - 6. Then 0, 1, 5 and 6 have
    # degree 1 (3 has none): 0 goes, the lowest index.
    curve = analytics.disruption_curve(two_triangles_and_a_broker(), measure="degree", steps=3)
    assert curve_of(curve) == [(0, None, 7, 1), (1, 2, 4, 2), (2, 4, 2, 3), (3, 0, 2, 3)]


def test_disruption_without_recomputing_follows_the_ranking_of_the_intact_graph():
    # Ranked once: 3 (9), 2 (8), 4 (8), then 0, 1, 5, 6 (0). Recomputing would remove 0 second.
    curve = analytics.disruption_curve(
        two_triangles_and_a_broker(), measure="betweenness", steps=4, recompute=False
    )
    assert curve_of(curve) == [(0, None, 7, 1), (1, 3, 3, 2), (2, 2, 3, 2), (3, 4, 2, 2), (4, 0, 2, 2)]


def test_disruption_breaks_ties_of_betweenness_summed_in_different_orders_by_lowest_index():
    # Every vertex of the dodecahedron lies on 15.5 shortest paths (igraph's sums differ in the last bits).
    # Without 0, six vertices (2, 3, 6, 9, 10, 11) lie on 17.95 each, which igraph gives as
    # 17.949999999999996 for 2 and 17.95 for 3: 2 goes, the lowest index.
    dodecahedron = igraph.Graph.Famous("Dodecahedron")
    curve = analytics.disruption_curve(dodecahedron, measure="betweenness", steps=2)
    assert [entry["removed"] for entry in curve] == [None, 0, 2]
    remaining = dodecahedron.copy()
    remaining.delete_vertices(0)
    assert remaining.betweenness()[1] < remaining.betweenness()[2]  # the case the rule is for


def test_disruption_of_empty_graphs_is_the_intact_step_alone():
    assert analytics.disruption_curve(igraph.Graph(), measure="degree", steps=5) == [
        {"step": 0, "removed": None, "largest_component": 0, "components": 0}
    ]
    assert curve_of(analytics.disruption_curve(igraph.Graph(n=1), measure="betweenness", steps=5)) == [
        (0, None, 1, 1),
        (1, 0, 0, 0),
    ]
    with pytest.raises(ValueError, match="measure must be"):
        analytics.disruption_curve(igraph.Graph(n=1), measure="closeness", steps=1)


def test_cross_border_counts_edges_between_different_sets_of_states():
    converted = igraph.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (0, 0), (1, 2), (0, 4)])
    countries = [{"ITA"}, {"ITA", "BRA"}, {"BRA"}, set(), {"ITA"}]
    assert analytics.cross_border(converted, countries) == {
        "states": ["BRA", "ITA"],
        "vertices_without_state": 1,
        # 0-1 ({ITA} vs {ITA, BRA}) and 1-2 twice; not 2-3 nor 3-4 (3 has none), not 0-0, not 0-4.
        "edges_across_states": 3,
        "per_state": {
            # 1-2 twice: one part; 0-1, 0-0, 0-4: one part of three.
            "BRA": {"vertices": 2, "edges": 2, "components": 1, "largest_component": 2},
            "ITA": {"vertices": 3, "edges": 3, "components": 1, "largest_component": 3},
        },
    }
    with pytest.raises(ValueError, match="2 sets of States for 5 vertices"):
        analytics.cross_border(converted, countries[:2])


def test_graph_summary_equals_networkx_counting_parallel_edges_and_self_loops(pair):
    graph, converted, _ = pair
    summary = analytics.graph_summary(converted)
    components = list(
        nx.weakly_connected_components(graph) if graph.is_directed() else nx.connected_components(graph)
    )
    assert summary == {
        "vertices": len(graph),
        "edges": graph.number_of_edges(),
        "components": len(components),
        "largest_component": max(map(len, components)),
        "density": pytest.approx(nx.density(graph), abs=TOLERANCE),
        "directed": graph.is_directed(),
    }


@pytest.mark.parametrize("vertices", [0, 1])
def test_every_measure_accepts_a_graph_of_zero_or_one_vertex(vertices):
    converted = igraph.Graph(n=vertices)
    one = [0.0] * vertices
    assert analytics.centrality(converted) == {
        "degree": one,
        "betweenness": one,
        "pagerank": [1.0] * vertices,
        "eigenvector": [1.0] * vertices,
    }
    assert analytics.communities(converted) == (list(range(vertices)), 0.0)
    assert analytics.coreness(converted) == [0] * vertices
    assert analytics.articulation_points(converted) == []
    assert analytics.bridges(converted) == []
    assert analytics.neighbourhood(converted, list(range(vertices)), depth=2) == list(range(vertices))
    assert analytics.cross_border(converted, [set()] * vertices)["edges_across_states"] == 0
    assert analytics.graph_summary(converted) == {
        "vertices": vertices,
        "edges": 0,
        "components": vertices,
        "largest_component": vertices,
        "density": 0.0,
        "directed": False,
    }
    if vertices:
        assert analytics.shortest_paths(converted, 0, 0) == [[0]]


def test_all_shortest_paths_equal_networkx_on_every_graph(pair):
    graph, converted, weights = pair
    mode = "out" if graph.is_directed() else "all"
    for source, target in [(0, 1), (0, 3), (2, len(graph) - 1), (len(graph) - 1, 0)]:
        try:
            expected = sorted(nx.all_shortest_paths(graph, source, target, weight=weights))
        except nx.NetworkXNoPath:
            expected = []
        assert analytics.shortest_paths(converted, source, target, weights=weights, mode=mode) == expected


@pytest.mark.parametrize("directed", [False, True])
def test_all_shortest_paths_between_every_pair_equal_networkx(directed):
    graph = nx.gnp_random_graph(25, 0.12, seed=11, directed=directed)
    graph.add_edges_from([(3, 3), (4, 5)])  # a self-loop; and 4 - 5 twice in igraph below
    converted = to_igraph(graph)
    converted.add_edge(4, 5)
    mode = "out" if directed else "all"
    for source, target in itertools.product(range(25), repeat=2):
        try:
            expected = sorted(nx.all_shortest_paths(graph, source, target))
        except nx.NetworkXNoPath:
            expected = []
        assert analytics.shortest_paths(converted, source, target, mode=mode) == expected, (source, target)
