"""The map of an investigation: its entities by State, its addresses with coordinates, and the flows
between States weighted by links or by the payments' total, drawn on a world map and listed in tables.
For the investigation's members; 404 for everyone else."""

from django.shortcuts import render

from palermo.core.collation import sort_key
from palermo.networks.graph import geo
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.flows_map import entities_per_state, flows_between_states, places
from palermo.networks.graph.map_svg import map_drawing
from palermo.networks.graph.money_load import money_for, rate_table, rates_are_demo, rates_file
from palermo.networks.interfaces.schema_labels import country_name
from palermo.networks.views.access import investigation_or_404

WEIGHTS = ("links", "amount")


def network_map(request, pk: int):
    """The map page; ?weight=amount draws the flows by the payments' total instead of the links."""
    investigation = investigation_or_404(request.user, pk)
    built = graph_for(investigation)
    weight = request.GET.get("weight") if request.GET.get("weight") in WEIGHTS else "links"
    rates = rate_table()
    counts, without_state = entities_per_state(built)
    flows = flows_between_states(built, money_for(investigation), rates)
    found_places = places(built, investigation.pk)
    states = sorted(
        (
            {"code": code, "name": country_name(code), "count": count, "drawn": bool(geo.shape(code))}
            for code, count in counts.items()
        ),
        key=lambda state: (-state["count"], sort_key(state["name"])),
    )
    rows = [
        {
            "flow": flow,
            "source": country_name(flow.source),
            "target": country_name(flow.target),
            "drawn": geo.centroid(flow.source) is not None and geo.centroid(flow.target) is not None,
        }
        for flow in flows
    ]
    return render(
        request,
        "networks/map.html",
        {
            "investigation": investigation,
            "weight": weight,
            "drawing": map_drawing(counts, flows, found_places, weight=weight),
            "states": states,
            "without_state": without_state,
            "flows": rows,
            "places": found_places,
            "reporting": rates.reporting,
            "rates_name": rates_file().name,
            "demo_rates": rates_are_demo(),
            "undrawn": any(not row["drawn"] for row in rows) or any(not s["drawn"] for s in states),
        },
    )
