"""The analysis of an investigation's network: the latest result (central members, communities,
cohesion, disruption curves, spread over States), the analysis started here as a background job with its
progress. Members read it; analysts and leads start it; everyone else 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.jobs import render_job_progress
from palermo.networks.domain.analysis import (
    MEASURES,
    analyses,
    latest_analysis,
    latest_result,
    start_analysis,
)
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.curves import disruption_chart
from palermo.networks.interfaces.schema_labels import country_name
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"


def _named(built, canonical_id: str) -> dict:
    vertex = built.vertex_of(canonical_id)
    caption = built.vertices[vertex].caption if vertex is not None else canonical_id
    return {"id": canonical_id, "caption": caption, "known": vertex is not None}


def shown_result(built, result: dict) -> dict:
    """The stored result with each entity captioned as the graph now names it."""
    measure_names = {
        "degree": _("Degree (links)"),
        "betweenness": _("Betweenness (brokers between others)"),
        "pagerank": _("PageRank"),
        "eigenvector": _("Eigenvector (linked to the well-linked)"),
    }
    top = [
        {
            "measure": measure,
            "name": measure_names[measure],
            "rows": [{**_named(built, i), "value": value} for i, value in result["top"].get(measure, [])],
        }
        for measure in MEASURES
    ]
    curves = {
        measure: [
            {**step, "removed": _named(built, step["removed"]) if step["removed"] else None} for step in curve
        ]
        for measure, curve in result["disruption"].items()
    }
    borders = result["cross_border"]
    return {
        "summary": result["summary"],
        "top": top,
        "communities": [
            {"size": c["size"], "members": [_named(built, i) for i in c["members"]]}
            for c in result["communities"]
        ],
        "core": [_named(built, i) for i in result["core"]],
        "max_coreness": result["max_coreness"],
        "cut_points": [_named(built, i) for i in result["articulation_points"]["listed"]],
        "cut_point_count": result["articulation_points"]["count"],
        "bridges": result["bridges"],
        "curves": curves,
        "chart": disruption_chart(result["disruption"]),
        "states": [
            {"code": code, "name": country_name(code), **figures}
            for code, figures in sorted(borders["per_state"].items(), key=lambda item: -item[1]["vertices"])
        ],
        "edges_across_states": borders["edges_across_states"],
        "without_state": borders["vertices_without_state"],
        "cutoff": result.get("betweenness_cutoff"),
        "recomputed": result.get("recomputed", True),
        "stale": result.get("version") != built.version,
    }


def analysis(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    job = latest_result(investigation)
    built = graph_for(investigation)
    return render(
        request,
        "networks/analysis.html",
        {
            "investigation": investigation,
            "job": job,
            "result": shown_result(built, job.result) if job is not None else None,
            "latest": latest_analysis(investigation),
            "may_edit": request.user.has_perm(EDIT, investigation),
            "link_count": built.graph.ecount(),
        },
    )


@require_POST
def analysis_start(request, pk: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    start_analysis(investigation=investigation, user=request.user, request=request)
    messages.success(request, _("The analysis has started. You can leave this page."))
    return redirect(reverse("networks:analysis", args=[pk]))


def analysis_progress(request, pk: int, job_id: int):
    """The progress part of an analysis, polled by htmx."""
    investigation = investigation_or_404(request.user, pk)
    job = get_object_or_404(analyses(investigation), pk=job_id)
    return render_job_progress(request, job)
