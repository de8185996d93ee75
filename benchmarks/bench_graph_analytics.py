"""Benchmark of the graph measures (networks/graph/analytics.py, on igraph) against networkx, side by side.

    .venv/bin/python benchmarks/bench_graph_analytics.py                        # 1,000,000 edges
    .venv/bin/python benchmarks/bench_graph_analytics.py --edges 100000
    .venv/bin/python benchmarks/bench_graph_analytics.py --networkx-edges 200000  # networkx on fewer edges
    .venv/bin/python benchmarks/bench_graph_analytics.py --leidenalg            # also leidenalg's Leiden
    .venv/bin/python benchmarks/bench_graph_analytics.py --quick   # build, read and PageRank only (minutes)

The graph: Barabási-Albert preferential attachment, 4 edges per new vertex (edges / 4 vertices, the
degrees a power law, a few hubs of a thousand neighbours), from igraph's generator seeded with --seed.
Both libraries get the same edge list. networkx is measured on the same graph, or on one of
--networkx-edges made the same way, with igraph measured again there for the ratio: nothing is
extrapolated. Times are wall-clock seconds of one run (medians and 95th percentiles for the per-pair and
per-vertex operations), on whatever else the machine is doing.

Operations: building the graph from the edge list (and, for Palermo, reading it from CSV with
graph/edgelist.py against networkx's read_edgelist); PageRank; communities (Leiden, two iterations, against
networkx's Louvain: networkx 3.6's leiden_communities needs a backend); one shortest path between random
pairs (igraph's get_shortest_path, networkx's bidirectional search), and all of them
(analytics.shortest_paths, a search from both ends too); the depth-2 neighbourhood of random vertices;
betweenness from 20 random sources to every vertex (the work of an estimate); exact betweenness and
betweenness with cutoff 3 on a smaller graph (--betweenness-edges): on a million edges either takes hours.

igraph's PageRank runs on OpenMP threads, which on a busy 2-core machine wait for each other: run with
OMP_NUM_THREADS=1 (as a web server should) for numbers that do not depend on the neighbours' load.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import igraph
import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from palermo.networks.graph import analytics
from palermo.networks.graph.edgelist import read_edge_list

# Palermo's targets on igraph (issue 15), in seconds, and the factor it must beat networkx by.
TARGETS = {
    "build": 10.0,
    "pagerank": 3.0,
    "communities": 15.0,
    "all shortest paths (median)": 0.1,
    "neighbourhood depth 2 (p95)": 0.1,
}
FACTOR = 20


def barabasi(edges: int, seed: int) -> tuple[int, list[tuple[int, int]]]:
    igraph.set_random_number_generator(random.Random(seed))
    try:
        graph = igraph.Graph.Barabasi(max(edges // 4, 5), 4)
    finally:
        igraph.set_random_number_generator(random)
    return graph.vcount(), graph.get_edgelist()


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


class Results(dict):
    """Measurements that are also said on stderr as they come: a long run stopped midway keeps them."""

    def __init__(self, side: str):
        super().__init__()
        self.side = side

    def __setitem__(self, operation: str, value: float) -> None:
        print(f"{self.side}: {operation} {value:.6g}", file=sys.stderr, flush=True)
        super().__setitem__(operation, value)


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def igraph_side(
    vertices: int, edges: list[tuple[int, int]], seed: int, csv_path: Path, leidenalg: bool, quick: bool
) -> dict:
    results = Results(f"igraph {len(edges):,}")
    results["build"], graph = timed(igraph.Graph, n=vertices, edges=edges)
    results["read CSV"], _ = timed(read_edge_list, csv_path, directed=False)
    results["pagerank"], _ = timed(graph.pagerank, damping=0.85)
    if quick:
        return results
    results["communities"], (_, modularity) = timed(analytics.communities, graph, seed=seed)
    results["modularity"] = modularity
    if leidenalg:
        import leidenalg as leiden

        results["communities (leidenalg)"], partition = timed(
            leiden.find_partition, graph, leiden.ModularityVertexPartition, seed=seed
        )
        results["modularity (leidenalg)"] = partition.modularity
    rng = random.Random(seed)
    pairs = [(rng.randrange(vertices), rng.randrange(vertices)) for _ in range(50)]
    results["one shortest path (median)"] = statistics.median(
        timed(graph.get_shortest_path, source, to=target)[0] for source, target in pairs
    )
    results["all shortest paths (median)"] = statistics.median(
        timed(analytics.shortest_paths, graph, source, target)[0] for source, target in pairs
    )
    sample = [rng.randrange(vertices) for _ in range(200)]
    times = [timed(analytics.neighbourhood, graph, [vertex], depth=2)[0] for vertex in sample]
    results["neighbourhood depth 2 (p50)"] = percentile(times, 0.5)
    results["neighbourhood depth 2 (p95)"] = percentile(times, 0.95)
    sources = rng.sample(range(vertices), 20)
    results["betweenness, 20 sources"], _ = timed(graph.betweenness, sources=sources)
    return results


def networkx_side(
    vertices: int, edges: list[tuple[int, int]], seed: int, csv_path: Path, quick: bool
) -> dict:
    results = Results(f"networkx {len(edges):,}")

    def build():
        graph = nx.Graph()
        graph.add_nodes_from(range(vertices))
        graph.add_edges_from(edges)
        return graph

    results["build"], graph = timed(build)
    results["read CSV"], _ = timed(nx.read_edgelist, csv_path, delimiter=",", comments=None)
    results["pagerank"], _ = timed(nx.pagerank, graph, alpha=0.85)
    if quick:
        return results
    results["communities"], parts = timed(nx.community.louvain_communities, graph, seed=seed)
    results["modularity"] = nx.community.modularity(graph, parts)
    rng = random.Random(seed)
    pairs = [(rng.randrange(vertices), rng.randrange(vertices)) for _ in range(50)]
    results["one shortest path (median)"] = statistics.median(
        timed(nx.shortest_path, graph, source, target)[0] for source, target in pairs
    )
    results["all shortest paths (median)"] = statistics.median(
        timed(lambda s, t: sorted(nx.all_shortest_paths(graph, s, t)), source, target)[0]
        for source, target in pairs
    )
    sample = [rng.randrange(vertices) for _ in range(200)]
    times = [
        timed(lambda v: sorted(nx.single_source_shortest_path_length(graph, v, cutoff=2)), vertex)[0]
        for vertex in sample
    ]
    results["neighbourhood depth 2 (p50)"] = percentile(times, 0.5)
    results["neighbourhood depth 2 (p95)"] = percentile(times, 0.95)
    sources = rng.sample(range(vertices), 20)
    results["betweenness, 20 sources"], _ = timed(
        nx.betweenness_centrality_subset, graph, sources, list(graph), normalized=False
    )
    return results


def betweenness_side(edges: int, seed: int) -> dict:
    vertices, edge_list = barabasi(edges, seed)
    graph = igraph.Graph(n=vertices, edges=edge_list)
    reference = nx.Graph(edge_list)
    return {
        "igraph exact": timed(graph.betweenness)[0],
        "igraph cutoff 3": timed(graph.betweenness, cutoff=3)[0],
        "networkx exact": timed(nx.betweenness_centrality, reference, normalized=False)[0],
    }


def write_csv(path: Path, edges: list[tuple[int, int]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("source,target\n")
        handle.writelines(f"{start},{end}\n" for start, end in edges)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--networkx-edges", type=int, help="networkx's graph size (default: --edges)")
    parser.add_argument("--betweenness-edges", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--leidenalg", action="store_true", help="also time leidenalg (minutes at 1M)")
    parser.add_argument("--quick", action="store_true", help="only the build, reading CSV and PageRank")
    options = parser.parse_args()
    networkx_edges = options.networkx_edges or options.edges

    with tempfile.TemporaryDirectory() as folder:
        vertices, edges = barabasi(options.edges, options.seed)
        csv_path = Path(folder) / "edges.csv"
        write_csv(csv_path, edges)
        print(f"Barabási-Albert graph: {vertices:,} vertices, {len(edges):,} edges", file=sys.stderr)
        mine = igraph_side(vertices, edges, options.seed, csv_path, options.leidenalg, options.quick)
        print("igraph done", file=sys.stderr)
        mine_small = mine
        if networkx_edges != options.edges:
            vertices, edges = barabasi(networkx_edges, options.seed)
            write_csv(csv_path, edges)
            mine_small = igraph_side(vertices, edges, options.seed, csv_path, False, options.quick)
        theirs = networkx_side(vertices, edges, options.seed, csv_path, options.quick)
        print("networkx done", file=sys.stderr)
    betweenness = {} if options.quick else betweenness_side(options.betweenness_edges, options.seed)

    rows = []
    for operation, seconds in mine.items():
        if operation.startswith("modularity"):
            continue
        reference = theirs.get(operation)
        ratio = reference / mine_small[operation] if reference and mine_small.get(operation) else None
        target = TARGETS.get(operation)
        met = None if target is None else seconds <= target and (ratio is None or ratio >= FACTOR)
        rows.append((operation, seconds, reference, ratio, target, met))

    small = (
        f" (networkx, and the ratio, at {networkx_edges:,} edges)" if networkx_edges != options.edges else ""
    )
    print(f"\n{options.edges:,} edges{small}\n")
    print("| operation | igraph (s) | networkx (s) | networkx / igraph | target | met |")
    print("|---|---:|---:|---:|---|---|")
    for operation, seconds, reference, ratio, target, met in rows:
        cells = [
            operation,
            f"{seconds:.4g}",
            "" if reference is None else f"{reference:.4g}",
            "" if ratio is None else f"{ratio:.1f}x",
            "" if target is None else f"<= {target:g} s, >= {FACTOR}x",
            "" if met is None else ("yes" if met else "no"),
        ]
        print("| " + " | ".join(cells) + " |")
    if not options.quick:
        qualities = [
            f"igraph's Leiden {mine['modularity']:.4f}",
            f"networkx's Louvain {theirs['modularity']:.4f}",
        ]
        if "modularity (leidenalg)" in mine:
            qualities.insert(1, f"leidenalg {mine['modularity (leidenalg)']:.4f}")
        print("\nModularity: " + ", ".join(qualities))
        print(
            f"Betweenness on {options.betweenness_edges:,} edges: "
            + ", ".join(f"{name} {seconds:.3g} s" for name, seconds in betweenness.items())
        )
    print(
        json.dumps(
            {
                "edges": options.edges,
                "networkx_edges": networkx_edges,
                "seed": options.seed,
                "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
                "igraph": mine,
                "igraph_at_networkx_size": mine_small if mine_small is not mine else None,
                "networkx": theirs,
                "betweenness_edges": options.betweenness_edges,
                "betweenness": betweenness,
            }
        )
    )


if __name__ == "__main__":
    main()
