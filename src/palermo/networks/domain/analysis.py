"""The analysis of an investigation's network, a background job ("networks.analyse"): centrality (degree,
betweenness, PageRank, eigenvector), communities (Leiden), cohesion (k-core, articulation points,
bridges), the disruption curves (the most central members removed one by one, as in the Montagna
studies) and the spread over States. Measured on the undirected graph of who is linked to whom (a link's
direction says who owns or pays, not who can reach whom), each pair of entities linked once.

The result is kept on the job: the graph's figures, the most central entities per measure, the largest
communities, and the curves; entities named by canonical id (the page captions them when shown)."""

import igraph
from django.db import transaction
from django.utils.translation import gettext_noop

from palermo.core.jobs import JobContext, enqueue
from palermo.core.models.jobs import ACTIVE_STATES, Job, JobState
from palermo.networks.domain.investigations import audit
from palermo.networks.graph import analytics
from palermo.networks.graph.build import graph_for
from palermo.networks.models import Investigation

JOB_KIND = "networks.analyse"
TOP = 25  # entities listed per measure
COMMUNITIES_LISTED = 20
DISRUPTION_STEPS = 20
# Above this many links, betweenness counts only paths of up to CUTOFF links, and the disruption curves
# rank members once on the intact network instead of after each removal (each would be a new betweenness).
LARGE = 100_000
CUTOFF = 4
MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")


def analyses(investigation: Investigation):
    return Job.objects.filter(kind=JOB_KIND, params__investigation=investigation.pk)


def latest_analysis(investigation: Investigation) -> Job | None:
    return analyses(investigation).order_by("-created_at", "-id").first()


def latest_result(investigation: Investigation) -> Job | None:
    return analyses(investigation).filter(state=JobState.DONE).order_by("-created_at", "-id").first()


@transaction.atomic
def start_analysis(*, investigation: Investigation, user, request=None) -> Job:
    """Queue an analysis, unless one is queued or running already (then that one)."""
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    running = analyses(investigation).filter(state__in=ACTIVE_STATES).first()
    if running is not None:
        return running
    from palermo.networks import jobs  # noqa: F401  (registers the job kind)

    job = enqueue(kind=JOB_KIND, params={"investigation": investigation.pk}, user=user, unit="steps")
    audit("networks.analysis.started", investigation=investigation, actor=user, data={}, request=request)
    return job


def undirected(built) -> igraph.Graph:
    """Who is linked to whom: one undirected edge per linked pair, no self-links."""
    graph = igraph.Graph(n=built.graph.vcount(), edges=built.graph.get_edgelist(), directed=False)
    graph.simplify(multiple=True, loops=True)
    return graph


def _top(values: list[float], ids: list[str]) -> list[list]:
    order = sorted(range(len(values)), key=lambda v: (-values[v], v))[:TOP]
    return [[ids[v], values[v]] for v in order if values[v] > 0]


def analyse(job: JobContext) -> dict:
    investigation = Investigation.objects.get(pk=job.params["investigation"])
    built = graph_for(investigation)
    graph = undirected(built)
    ids = [vertex.canonical_id for vertex in built.vertices]
    large = graph.ecount() > LARGE
    steps = 6
    job.progress(0, steps, note=gettext_noop("Measuring centrality"))
    measures = analytics.centrality(graph, betweenness_cutoff=CUTOFF if large else None)
    job.progress(1, steps, note=gettext_noop("Finding communities"))
    membership, modularity = analytics.communities(graph)
    job.progress(2, steps, note=gettext_noop("Measuring cohesion"))
    coreness = analytics.coreness(graph)
    cut_points = analytics.articulation_points(graph)
    bridges = analytics.bridges(graph)
    job.progress(3, steps, note=gettext_noop("Removing the most central members one by one"))
    curves = {}
    for measure in analytics.MEASURES:
        curve = analytics.disruption_curve(
            graph,
            measure=measure,
            steps=min(DISRUPTION_STEPS, graph.vcount()),
            recompute=not large,
            betweenness_cutoff=CUTOFF if large else None,
        )
        curves[measure] = [
            {**step, "removed": ids[step["removed"]] if step["removed"] is not None else None}
            for step in curve
        ]
        job.progress(4, steps, note=gettext_noop("Removing the most central members one by one"))
    job.progress(5, steps, note=gettext_noop("Measuring the spread over States"))
    borders = analytics.cross_border(graph, [set(vertex.countries) for vertex in built.vertices])
    sizes: dict[int, list[int]] = {}
    for vertex, community in enumerate(membership):
        sizes.setdefault(community, []).append(vertex)
    degree = measures["degree"]
    listed = sorted(sizes.values(), key=lambda members: (-len(members), members[0]))[:COMMUNITIES_LISTED]
    result = {
        "version": built.version,
        "summary": {**analytics.graph_summary(graph), "modularity": modularity, "communities": len(sizes)},
        "betweenness_cutoff": CUTOFF if large else None,
        "recomputed": not large,
        "top": {measure: _top(measures[measure], ids) for measure in MEASURES},
        "communities": [
            {
                "size": len(members),
                "members": [ids[v] for v in sorted(members, key=lambda v: (-degree[v], v))[:5]],
            }
            for members in listed
        ],
        "max_coreness": max(coreness, default=0),
        "core": [ids[v] for v in range(len(ids)) if coreness and coreness[v] == max(coreness)][:TOP],
        "articulation_points": {
            "count": len(cut_points),
            "listed": [ids[v] for v in sorted(cut_points, key=lambda v: (-degree[v], v))[:TOP]],
        },
        "bridges": len(bridges),
        "disruption": curves,
        "cross_border": borders,
    }
    job.progress(steps, steps, note="")
    return result
