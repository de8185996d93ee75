"""Saving a link chart as a named view of the investigation, and removing one: analysts and leads; every
write audited (the name and the number of entities, never who is on the chart)."""

import math

from django.db import transaction
from django.utils.translation import gettext as _

from palermo.networks.domain.investigations import audit
from palermo.networks.models import ChartView, Investigation

MAX_NODES = 2000
COLOURS = ("schema", "country")
EDIT = "networks.edit_entities"


class ChartViewError(ValueError):
    pass


def clean_state(state) -> dict:
    """The chart's state kept: entities with their place and whether pinned, and how it is coloured."""
    if not isinstance(state, dict) or not isinstance(state.get("nodes"), list):
        raise ChartViewError(_("The chart could not be read."))
    nodes = state["nodes"]
    if len(nodes) > MAX_NODES:
        raise ChartViewError(_("A chart holds at most %(count)d entities.") % {"count": MAX_NODES})
    kept = []
    for node in nodes:
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node["id"]:
            raise ChartViewError(_("The chart could not be read."))
        x, y = node.get("x", 0), node.get("y", 0)
        if not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)
        ):
            raise ChartViewError(_("The chart could not be read."))
        kept.append(
            {"id": node["id"][:128], "x": float(x), "y": float(y), "pinned": node.get("pinned") is True}
        )
    colour_by = state.get("colour_by") if state.get("colour_by") in COLOURS else "schema"
    return {"nodes": kept, "colour_by": colour_by}


@transaction.atomic
def save_chart_view(*, investigation: Investigation, user, name: str, state, request=None) -> ChartView:
    """Save the chart under its name (a view of that name is replaced)."""
    if not user.has_perm(EDIT, investigation):
        raise ChartViewError(_("Only the lead and the analysts of the investigation save charts."))
    name = (name or "").strip()
    if not name:
        raise ChartViewError(_("Give the chart a name."))
    if len(name) > 200:
        raise ChartViewError(_("A chart's name has at most 200 characters."))
    cleaned = clean_state(state)
    view, created = ChartView.objects.select_for_update().get_or_create(
        investigation=investigation, name=name, defaults={"state": cleaned, "created_by": user}
    )
    if not created:
        view.state = cleaned
        view.save(update_fields=["state", "updated_at"])
    audit(
        "networks.chart.saved",
        investigation=investigation,
        actor=user,
        data={"view": view.pk, "entities": len(cleaned["nodes"]), "replaced": not created},
        request=request,
    )
    return view


@transaction.atomic
def delete_chart_view(*, view: ChartView, user, request=None) -> None:
    investigation = view.investigation
    if not user.has_perm(EDIT, investigation):
        raise ChartViewError(_("Only the lead and the analysts of the investigation remove charts."))
    view_id = view.pk
    view.delete()
    audit(
        "networks.chart.removed",
        investigation=investigation,
        actor=user,
        data={"view": view_id},
        request=request,
    )
