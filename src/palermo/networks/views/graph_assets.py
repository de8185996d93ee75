"""Seizures, freezing and confiscation of an investigation's assets (arts. 12-14): every measure with its
asset, ordering authority, date and amount, and the totals per measure, State, kind of asset and case in
the rate table's currency. For the investigation's members; 404 for everyone else."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from palermo.core.collation import sort_key
from palermo.networks.ftm.extension import MEASURE_TYPES
from palermo.networks.graph.assets import asset_measures, totals
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import kind_label
from palermo.networks.graph.money_load import rate_table, rates_are_demo, rates_file
from palermo.networks.interfaces.schema_labels import country_name
from palermo.networks.views.access import investigation_or_404

FAMILY_NAMES = {
    "person": "Person",
    "organization": "LegalEntity",
    "account": "BankAccount",
    "wallet": "CryptoWallet",
    "case": "CourtCase",
    "address": "Address",
    "event": "Event",
    "asset": "Asset",
}


def assets_context(investigation) -> dict:
    built = graph_for(investigation)
    rates = rate_table()
    measures = asset_measures(built, investigation.pk, rates)
    by = totals(built, measures)

    def caption(canonical_id):
        vertex = built.vertex_of(canonical_id) if canonical_id else None
        return built.vertices[vertex].caption if vertex is not None else ""

    names = {
        "measure": lambda key: str(MEASURE_TYPES.get(key, key)) if key else _("Not stated"),
        "state": lambda key: country_name(key) if key else _("No State"),
        "kind": lambda key: kind_label(FAMILY_NAMES[key]) if key in FAMILY_NAMES else _("Other"),
        "case": lambda key: caption(key) or _("No case"),
    }
    tables = {
        name: [{**row, "name": names[name](row["key"])} for row in table.rows()] for name, table in by.items()
    }
    tables["state"].sort(key=lambda row: (-row["converted"], sort_key(row["name"])))
    rows = [
        {
            "measure": item,
            "measure_name": names["measure"](item.measure),
            "asset": caption(item.asset) or (item.asset or ""),
            "case": caption(item.case),
        }
        for item in measures
    ]
    return {
        "investigation": investigation,
        "rows": rows,
        "tables": tables,
        "total": round(sum(m.converted or 0.0 for m in measures), 2),
        "unconverted": sum(1 for m in measures if m.converted is None and m.amount is not None),
        "reporting": rates.reporting,
        "rates_name": rates_file().name,
        "demo_rates": rates_are_demo(),
    }


def assets(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    return render(request, "networks/assets.html", assets_context(investigation))
