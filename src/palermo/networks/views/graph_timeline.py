"""The timeline of an investigation: its dated items (payments, ownerships, court dates…) in time order,
drawn and listed, filtered by the entities of a chart (?ids=), kinds and dates. For the investigation's
members; 404 for everyone else."""

from collections import Counter

from django.shortcuts import render
from django.utils.translation import gettext as _

from palermo.core.collation import sort_key
from palermo.networks.ftm.model import model
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import kind_label
from palermo.networks.graph.timeline import TimelineFilter, TimelineItem, dated_items
from palermo.networks.graph.timeline_svg import timeline_chart
from palermo.networks.interfaces.schema_labels import property_label, translated
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities import arrow
from palermo.networks.views.graph import DATE, MAX_CHART

MAX_ITEMS = 2000  # listed and drawn at most; the rest are counted


def timeline_filter(values) -> tuple[TimelineFilter, list[str]]:
    """The filter of a query string, and the problems with it in the reader's language."""
    problems = []
    since, until = (values.get(name, "").strip() for name in ("since", "until"))
    if any(value and not DATE.match(value) for value in (since, until)):
        problems.append(_("Write dates as YYYY-MM-DD, YYYY-MM or YYYY."))
        since = until = ""
    # The entities of a chart: an item is kept if it involves one of them (none given: every item).
    ids = frozenset(i.strip()[:128] for i in values.get("ids", "").split(",") if i.strip()) or None
    if ids is not None and len(ids) > MAX_CHART:
        problems.append(_("A chart holds at most %(count)d entities.") % {"count": MAX_CHART})
        ids = None
    kinds = frozenset(kind[:64] for kind in values.getlist("kinds") if kind)
    return TimelineFilter(ids=ids, kinds=kinds, since=since, until=until), problems


def _row(item: TimelineItem) -> dict:
    """An item as the table lists it: its kind and what its date is (a start, a filing…) named."""
    schema = model.get(item.schema)
    prop = schema.get(item.prop) if schema is not None else None
    row = {
        "item": item,
        "kind": kind_label(item.schema),
        "date_label": property_label(prop) if prop is not None else item.prop,
    }
    if item.ends and schema is not None:
        row["arrow"], row["edge_label"] = arrow(schema), translated(schema._edge_label)
    return row


def timeline(request, pk: int):
    """The timeline page: the items the filter keeps, at most MAX_ITEMS, drawn and in a table."""
    investigation = investigation_or_404(request.user, pk)
    built = graph_for(investigation)
    rule, problems = timeline_filter(request.GET)
    every = dated_items(built, investigation.pk)
    kept = [] if problems else [item for item in every if rule.keeps(item)]
    shown = kept[:MAX_ITEMS]
    counts = Counter(item.schema for item in every)
    kinds = sorted(
        ((schema, kind_label(schema), count) for schema, count in counts.items()),
        key=lambda kind: (sort_key(kind[1]), kind[0]),
    )
    return render(
        request,
        "networks/timeline.html",
        {
            "investigation": investigation,
            "rule": rule,
            "ids": ",".join(sorted(rule.ids)) if rule.ids else "",
            "chart_ids": len(rule.ids) if rule.ids is not None else None,
            "problems": problems,
            "kinds": kinds,
            "rows": [_row(item) for item in shown],
            "chart": timeline_chart(shown),
            "total": len(kept),
            "more": len(kept) - len(shown),
        },
        status=400 if problems else 200,
    )
