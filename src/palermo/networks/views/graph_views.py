"""Saved link charts (save, read back, remove) and the downloads of a chart: PNG and SVG are drawn by
the browser from the chart; GEXF, GraphML, Cypher and FtM are written here from the entities on it (every
download audited, as the investigation's data leaves the platform)."""

import io
import json

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from palermo.networks.domain.charts import ChartViewError, delete_chart_view, save_chart_view
from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.export import write_ftm_lines
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import elements
from palermo.networks.graph.explore import edges_among
from palermo.networks.graph.exports import write_cypher, write_gexf, write_graphml
from palermo.networks.models import ChartView
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.graph import MAX_CHART

EDIT = "networks.edit_entities"
FORMATS = {
    "gexf": ("gexf", "application/gexf+xml"),
    "graphml": ("graphml", "application/graphml+xml"),
    "cypher": ("cypher", "text/plain; charset=utf-8"),
    "ftm": ("ftm.json", "application/x-ndjson"),
}


def _json(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    return body if isinstance(body, dict) else {}


@require_POST
def view_save(request, pk: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    body = _json(request)
    try:
        view = save_chart_view(
            investigation=investigation,
            user=request.user,
            name=str(body.get("name") or ""),
            state=body.get("state"),
            request=request,
        )
    except ChartViewError as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    return JsonResponse(
        {
            "id": view.pk,
            "name": view.name,
            "message": _("The chart is saved as “%(name)s”.") % {"name": view.name},
        }
    )


@require_GET
def view_state(request, pk: int, view_id: int):
    investigation = investigation_or_404(request.user, pk)
    view = get_object_or_404(ChartView, investigation=investigation, pk=view_id)
    return JsonResponse({"id": view.pk, "name": view.name, "state": view.state})


@require_POST
def view_delete(request, pk: int, view_id: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    view = get_object_or_404(ChartView, investigation=investigation, pk=view_id)
    try:
        delete_chart_view(view=view, user=request.user, request=request)
    except ChartViewError as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    return JsonResponse({"message": _("The chart is removed.")})


@require_POST
def chart_export(request, pk: int):
    """The chart's entities (`ids`, a JSON list in the form) and the links among them, as `format`."""
    investigation = investigation_or_404(request.user, pk)
    kind = request.POST.get("format", "")
    if kind not in FORMATS:
        raise Http404
    try:
        ids = json.loads(request.POST.get("ids") or "[]")
    except ValueError:
        ids = None
    if not isinstance(ids, list) or not ids or len(ids) > MAX_CHART:
        return JsonResponse({"error": _("Put entities on the chart first.")}, status=400)
    built = graph_for(investigation)
    vertices = [v for v in (built.vertex_of(str(i)) for i in ids) if v is not None]
    edges = edges_among(built, set(vertices))
    chart = elements(built, vertices, edges, investigation.pk)
    title = _("Link chart of %(title)s") % {"title": investigation.title}
    if kind == "gexf":
        content = write_gexf(chart, title=title)
    elif kind == "graphml":
        content = write_graphml(chart)
    elif kind == "cypher":
        content = write_cypher(chart)
    else:
        out = io.BytesIO()
        canonical = {built.vertices[v].canonical_id for v in vertices} | {built.edge_entity[e] for e in edges}
        write_ftm_lines(investigation, out, only=canonical)
        content = out.getvalue()
    audit(
        "networks.chart.exported",
        investigation=investigation,
        actor=request.user,
        data={"format": kind, "entities": len(vertices), "links": len(edges)},
        request=request,
    )
    extension, content_type = FORMATS[kind]
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"investigation-{investigation.pk}-chart.{extension}",
        content_type=content_type,
    )
