"""Following the money from an account, a wallet or a person (with the accounts they own and the wallets
they hold), n hops forward (where it went) or back (where it came from), money leaving a node only after it
arrived there; amounts converted through the rate table kept as data; totals per hop, per State and per
account; the flow drawn as a Sankey diagram; and, for an account, wallet or company in another State, the
request for its records drafted in the cooperation module. Members read; 404 for everyone else."""

import re
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palermo.cooperation.rules import authority_of
from palermo.networks.graph.build import InvestigationGraph, graph_for
from palermo.networks.graph.elements import family, kind_label
from palermo.networks.graph.money import Flow, follow
from palermo.networks.graph.money_load import Money, money_for, rate_table, rates_are_demo
from palermo.networks.graph.rates import date_of, day_number
from palermo.networks.graph.sankey import SankeyLink, SankeyNode, sankey
from palermo.networks.interfaces.schema_labels import country_name
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import canonical_ids, canonical_rows

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_HOPS = 10
ROWS_SHOWN = 500
RECORD_FAMILIES = {"account", "wallet", "organization"}  # whose records a request can ask for


@dataclass
class Entry:
    canonical_id: str
    caption: str
    kind: str
    countries: tuple[str, ...]
    may_ask: bool = False


def start_nodes(built: InvestigationGraph, money: Money, canonical_id: str) -> list[int]:
    """The money nodes of an entity: itself, and the accounts it owns and the wallets it holds."""
    vertex = built.vertex_of(canonical_id)
    ids = {canonical_id}
    if vertex is not None:
        graph = built.graph
        for edge in graph.incident(vertex, mode="all"):
            source, target = graph.es[edge].tuple
            other = built.vertices[target if source == vertex else source]
            owned = built.edge_schema[edge] == "Ownership" and source == vertex
            held = built.edge_prop[edge] == "holder" and target == vertex
            if (owned or held) and family(other.schema) in ("account", "wallet"):
                ids.add(other.canonical_id)
    return sorted(node for node in (money.node_of(i) for i in ids) if node is not None)


def entry_of(built: InvestigationGraph, canonical_id: str, home: str) -> Entry:
    vertex = built.vertex_of(canonical_id)
    if vertex is None:
        return Entry(canonical_id, canonical_id, "", ())
    found = built.vertices[vertex]
    abroad = bool(found.countries) and home not in found.countries
    return Entry(
        canonical_id,
        found.caption,
        kind_label(found.schema),
        found.countries,
        may_ask=abroad and family(found.schema) in RECORD_FAMILIES,
    )


def options(request) -> dict:
    """The query's choices, bad values replaced by the defaults (the form says what was used)."""
    direction = (
        request.GET.get("direction") if request.GET.get("direction") in ("forward", "back") else "forward"
    )
    try:
        hops = min(max(int(request.GET.get("hops") or 5), 1), MAX_HOPS)
    except ValueError:
        hops = 5
    dates = {}
    for name in ("since", "until"):
        value = (request.GET.get(name) or "").strip()
        dates[name] = value if DATE.match(value) else ""
    return {"direction": direction, "hops": hops, "by_holder": request.GET.get("per") != "account", **dates}


def _day(text: str) -> int | None:
    from datetime import date

    try:
        return day_number(date.fromisoformat(text)) if text else None
    except ValueError:
        return None


def money_page(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    chosen = options(request)
    built, money = graph_for(investigation), money_for(investigation, by_holder=chosen["by_holder"])
    start = request.GET.get("from", "")
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "investigation": investigation,
        "chosen": chosen,
        "query": query,
        "payment_count": len(money.payments),
        "demo_rates": rates_are_demo(),
        "may_draft": request.user.has_perm("cooperation.draft_request")
        and authority_of(request.user) is not None,
    }
    if query:
        ids = list(canonical_ids(investigation, query=query)[:20])
        context["found"] = [
            (row.canonical_id, row.caption, kind_label(row.schema))
            for row in canonical_rows(investigation, ids)
        ]
    if not start:
        context["busiest"] = busiest(built, money)
        return render(request, "networks/money.html", context)
    if built.vertex_of(start) is None and money.node_of(start) is None:
        raise Http404
    home = investigation.authority.party.alpha2.lower()
    flow = follow(
        money.payments,
        start_nodes(built, money, start),
        hops=chosen["hops"],
        direction=chosen["direction"],
        since_day=_day(chosen["since"]),
        until_day=_day(chosen["until"]),
        rates=rate_table(),
    )
    context.update(flow_context(built, money, flow, start, home))
    return render(request, "networks/money.html", context)


def busiest(built: InvestigationGraph, money: Money, count: int = 20) -> list[tuple[Entry, int]]:
    """The entities that take part in the most payments: where one usually starts."""
    import numpy as np

    if not len(money.payments):
        return []
    counts = np.bincount(money.payments.payer, minlength=len(money.node_ids)) + np.bincount(
        money.payments.beneficiary, minlength=len(money.node_ids)
    )
    order = sorted(range(len(counts)), key=lambda n: (-int(counts[n]), money.node_ids[n]))[:count]
    return [(entry_of(built, money.node_ids[n], ""), int(counts[n])) for n in order if counts[n]]


SANKEY_LABEL_ROOM = 170  # of the default 720: a label of 28 characters


def flow_sankey(money: Money, flow: Flow, entries: dict[str, Entry]):
    """The flow drawn from step to step: one band per payer and beneficiary, as wide as the converted amount
    (payments that could not be converted are not drawn; the tables list them)."""
    sign = 1 if flow.direction == "forward" else -1
    nodes = [
        SankeyNode(
            money.node_ids[int(n)],
            entries[money.node_ids[int(n)]].caption,
            sign * int(h),
            entries[money.node_ids[int(n)]].kind,
        )
        for n, h in zip(flow.nodes, flow.node_hop, strict=True)
    ]
    totals: dict[tuple[str, str], float] = {}
    counts: dict[tuple[str, str], int] = {}
    payments = flow.payments
    for row, amount in zip(flow.payment_rows, flow.payment_amount, strict=True):
        if not amount > 0:
            continue
        pair = (money.node_ids[int(payments.payer[row])], money.node_ids[int(payments.beneficiary[row])])
        totals[pair] = totals.get(pair, 0.0) + float(amount)
        counts[pair] = counts.get(pair, 0) + 1
    if flow.direction == "back":
        totals = {(target, source): value for (source, target), value in totals.items()}
        counts = {(target, source): value for (source, target), value in counts.items()}
    links = [
        SankeyLink(
            source,
            target,
            value,
            f"{entries[source].caption} → {entries[target].caption}: "
            + ngettext(
                "%(amount)s %(currency)s in %(count)s payment",
                "%(amount)s %(currency)s in %(count)s payments",
                counts[source, target],
            )
            % {
                "amount": number_format(value, decimal_pos=2, force_grouping=True),
                "currency": flow.reporting_currency,
                "count": counts[source, target],
            },
        )
        for (source, target), value in sorted(totals.items())
    ]
    # Room on the right for the last step's names (a wallet's address is long): no label crosses another.
    return sankey(nodes, links, label_room=SANKEY_LABEL_ROOM) if links else None


def flow_context(built: InvestigationGraph, money: Money, flow: Flow, start: str, home: str) -> dict:
    entries = {
        money.node_ids[n]: entry_of(built, money.node_ids[n], home) for n in (int(x) for x in flow.nodes)
    }
    by_state = flow.totals_by(
        {int(n): (entries[money.node_ids[int(n)]].countries or ("",))[0] for n in flow.nodes}
    )
    states = sorted(
        (
            {"code": code, "name": country_name(code) if code else _("No State"), **totals}
            for code, totals in by_state.items()
        ),
        key=lambda row: (-(row["in"] + row["out"]), row["code"]),
    )
    accounts = [
        {
            "entry": entries[money.node_ids[int(node)]],
            "hop": int(hop),
            "in": float(value_in),
            "out": float(value_out),
        }
        for node, hop, value_in, value_out in zip(
            flow.nodes, flow.node_hop, flow.node_in, flow.node_out, strict=True
        )
    ]
    accounts.sort(key=lambda row: (row["hop"], -(row["in"] + row["out"]), row["entry"].caption))
    payments = flow.payments
    rows = []
    for row, hop, converted in list(
        zip(flow.payment_rows, flow.payment_hop, flow.payment_amount, strict=True)
    )[:ROWS_SHOWN]:
        currency = int(payments.currency[row])
        rows.append(
            {
                "hop": int(hop),
                "date": date_of(int(payments.day[row])),
                "payer": entries[money.node_ids[int(payments.payer[row])]],
                "beneficiary": entries[money.node_ids[int(payments.beneficiary[row])]],
                "amount": None
                if payments.amount[row] != payments.amount[row]
                else float(payments.amount[row]),
                "currency": payments.currencies[currency] if currency >= 0 else "",
                "converted": None if converted != converted else float(converted),
                "entity": money.payment_entities[int(payments.payment_index[row])],
            }
        )
    rows.sort(key=lambda r: (r["hop"], r["date"] or date_of(0), r["entity"]))
    return {
        "sankey": flow_sankey(money, flow, entries),
        "start": entry_of(built, start, home),
        "flow": flow,
        "hop_totals": sorted(flow.hop_totals.items()),
        "states": states,
        "accounts": accounts,
        "payments": rows,
        "more_payments": max(len(flow.payment_rows) - ROWS_SHOWN, 0),
        "chart_ids": ",".join(sorted({start, *entries})),
    }
