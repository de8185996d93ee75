"""`palermo analyse-network EDGES.csv --json OUT.json`: the measures of graph/analytics.py for an edge list."""

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import igraph
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.networks.graph import analytics
from palermo.networks.graph.edgelist import EdgeListError, read_edge_list

LARGE = 100_000  # edges from which the command says what it is doing on stderr


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # a file-to-file tool: no database, no URLs

    @property
    def help(self) -> str:  # type: ignore[override]  # translated when asked for, not at import
        return _(
            "Measure a network given as an edge list and write the results as JSON: the graph's size, "
            "components, density and modularity; for every node its degree, betweenness, PageRank, "
            "eigenvector centrality, Leiden community, k-core and whether it is an articulation point; and "
            "how the network breaks up as its most central nodes are removed one by one (by betweenness and "
            "by degree). EDGES.csv has the columns source,target and optionally a weight (a column named "
            "weight, or the one given by --weight-column): a distance for betweenness, a strength for "
            "PageRank, eigenvector centrality and communities. On any problem in the file nothing is "
            "written and every problem is listed with its line."
        )

    def add_arguments(self, parser):
        parser.add_argument("edges", metavar="EDGES.csv", help=gettext_lazy("CSV file of edges (UTF-8)"))
        parser.add_argument(
            "--json", required=True, metavar="OUT.json", help=gettext_lazy("JSON file to write")
        )
        parser.add_argument(
            "--directed", action="store_true", help=gettext_lazy("edges go from source to target")
        )
        parser.add_argument(
            "--weight-column", help=gettext_lazy("the column of edge weights (default: weight, if present)")
        )
        parser.add_argument(
            "--steps",
            type=int,
            default=20,
            help=gettext_lazy("nodes removed in each disruption curve (default %(default)s)"),
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=gettext_lazy("seed of the Leiden algorithm (default 1)")
        )
        parser.add_argument(
            "--betweenness-cutoff",
            type=int,
            help=gettext_lazy(
                "count only shortest paths of at most this many edges in betweenness (faster on large "
                "networks; default: all paths)"
            ),
        )

    def handle(self, *args, edges, directed, weight_column, steps, seed, betweenness_cutoff, **options):
        output = options["json"]
        if steps < 0:
            raise CommandError(_("--steps must be 0 or more"))
        if betweenness_cutoff is not None and betweenness_cutoff < 1:
            raise CommandError(_("--betweenness-cutoff must be 1 or more"))
        started = time.perf_counter()
        try:
            graph = read_edge_list(
                edges, directed=directed, weight_column=weight_column, progress=self._lines_read
            )
        except EdgeListError as error:
            for problem in error.problems[:100]:
                self.stderr.write(f"{edges}: {problem}")
            raise CommandError(
                _("%(count)s problem(s); nothing was written.") % {"count": len(error.problems)}
            ) from None
        large = graph.ecount() >= LARGE
        if large:
            self.stderr.write(
                _("Read %(vertices)s nodes and %(edges)s edges in %(seconds).1f s")
                % {
                    "vertices": graph.vcount(),
                    "edges": graph.ecount(),
                    "seconds": time.perf_counter() - started,
                }
            )
            if betweenness_cutoff is None and steps:
                self.stderr.write(
                    _(
                        "Betweenness over all paths is computed %(times)s times (for the nodes and at each step "
                        "of the disruption by betweenness): hours on a network this large. --betweenness-cutoff "
                        "and fewer --steps shorten it."
                    )
                    % {"times": steps + 1}
                )
        report = analyse(
            graph,
            steps=steps,
            seed=seed,
            betweenness_cutoff=betweenness_cutoff,
            progress=self._stage if large else None,
        )
        write_json(output, report)
        summary = report["graph"]
        self.stdout.write(
            _(
                "%(vertices)s nodes, %(edges)s edges, %(components)s components (the largest of "
                "%(largest)s nodes), %(communities)s communities (modularity %(modularity).3f); written to "
                "%(file)s in %(seconds).1f s."
            )
            % {
                "vertices": summary["vertices"],
                "edges": summary["edges"],
                "components": summary["components"],
                "largest": summary["largest_component"],
                "communities": summary["communities"],
                "modularity": summary["modularity"],
                "file": output,
                "seconds": time.perf_counter() - started,
            }
        )

    def _lines_read(self, lines: int) -> None:
        self.stderr.write(_("%(lines)s lines read") % {"lines": lines})

    def _stage(self, name: str, seconds: float) -> None:
        self.stderr.write(_("%(stage)s: %(seconds).1f s") % {"stage": name, "seconds": seconds})


def analyse(
    graph: igraph.Graph,
    *,
    steps: int,
    seed: int,
    betweenness_cutoff: int | None,
    progress: Callable[[str, float], None] | None = None,
) -> dict:
    """The report written as JSON: the graph, its nodes (in the file's order), its disruption curves."""
    weights = "weight" if "weight" in graph.es.attributes() else None
    timer = time.perf_counter()

    def done(stage: str) -> None:
        nonlocal timer
        if progress is not None:
            progress(stage, time.perf_counter() - timer)
        timer = time.perf_counter()

    summary = analytics.graph_summary(graph)
    measures = analytics.centrality(graph, weights=weights, betweenness_cutoff=betweenness_cutoff)
    done(_("centrality"))
    membership, modularity = analytics.communities(graph, weights=weights, seed=seed)
    done(_("communities"))
    cores = analytics.coreness(graph)
    cut_vertices = set(analytics.articulation_points(graph))
    done(_("k-cores and articulation points"))
    names = graph.vs["name"] if graph.vcount() else []
    disruption = {}
    for measure in analytics.MEASURES:
        curve = analytics.disruption_curve(
            graph, measure=measure, steps=steps, betweenness_cutoff=betweenness_cutoff
        )
        disruption[measure] = [
            {**entry, "removed": None if entry["removed"] is None else names[entry["removed"]]}
            for entry in curve
        ]
        done(_("disruption by %(measure)s") % {"measure": measure})
    nodes = [
        {
            "id": names[vertex],
            "degree": int(measures["degree"][vertex]),
            "betweenness": measures["betweenness"][vertex],
            "pagerank": measures["pagerank"][vertex],
            "eigenvector": measures["eigenvector"][vertex],
            "community": membership[vertex],
            "coreness": cores[vertex],
            "articulation_point": vertex in cut_vertices,
        }
        for vertex in range(graph.vcount())
    ]
    return {
        "graph": {**summary, "communities": len(set(membership)), "modularity": modularity},
        "nodes": nodes,
        "disruption": disruption,
    }


def write_json(path: str, report: dict) -> None:
    """Write the report all at once: a file is whole or not there."""
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=".analyse-", suffix=".json", delete=False
    ) as output:
        try:
            json.dump(report, output, ensure_ascii=False, allow_nan=False)
            output.write("\n")
        except BaseException:
            os.unlink(output.name)
            raise
    os.replace(output.name, path)
    Path(path).chmod(0o644)
