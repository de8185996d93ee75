"""An investigation's entities: the list of canonical entities (search by name, filter by schema, in
pages) and an entity's page with each value's sources, the ids merged into it and the entities linked to
it. For the investigation's members; 404 for everyone else."""

from functools import cache

from django.http import Http404
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi

from palermo.core.collation import sort_key
from palermo.core.pages import page_of
from palermo.networks.ftm.model import model
from palermo.networks.interfaces.schema_labels import (
    country_name,
    property_label,
    schema_label,
    translated,
)
from palermo.networks.models import Decision, SourceKind
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import (
    canonical_ids,
    canonical_rows,
    entity_detail,
    schema_counts,
    with_relationship_ends,
)

# Unicode's first-strong isolate and its end: a name keeps its own direction inside a plain-text caption.
ISOLATE, END_ISOLATE = "\u2068", "\u2069"


def schema_filter_choices(investigation, chosen: str = "") -> list[tuple[str, str, int]]:
    """The schemata the investigation's entities have (and the one chosen, if it has none of it), each
    labelled for the reader with its number of entities, in the order of the reader's language."""
    counts = schema_counts(investigation)
    if chosen in model.schemata:
        counts.setdefault(chosen, 0)
    choices = [
        (name, schema_label(model[name]) if name in model.schemata else name, count)
        for name, count in counts.items()
    ]
    language = get_language() or "en"
    return sorted(choices, key=lambda choice: (sort_key(choice[1], language), choice[0]))


@cache
def _any_property(name: str):
    return next((prop for prop in model.properties if prop.name == name), None)


def prop_named(schema, name: str):
    """The schema's property `name`, else any schema's (merged entities may mix schemata)."""
    return (schema.get(name) if schema is not None else None) or _any_property(name)


def arrow(schema) -> str:
    """What joins a relationship's two ends: an arrow pointing from source to target in the reader's
    direction of writing (the ends are isolated, so the page's direction orders them), or a two-way one
    for a relationship FtM does not direct (an Associate, a Family)."""
    if not schema.edge_directed:
        return "↔"
    return "←" if get_language_bidi() else "→"


def is_unnamed(caption: str, schema) -> bool:
    """Whether an entity's stored caption is only its kind: FtM captions an entity that has no caption
    property by its schema's label (in English when it is stored)."""
    return caption in {schema._label, str(schema.label)}


def labelled(row) -> dict:
    """A canonical row with what the pages show of it: its caption (for a relationship whose ends the
    investigation has, "source → target" as HTML and as text), its kind and its countries."""
    schema = model.get(row.schema)
    label = schema_label(schema) if schema else row.schema
    unnamed = schema is not None and is_unnamed(row.caption, schema)
    caption = label if unnamed else (row.caption or row.canonical_id)
    item = {
        "row": row,
        "schema_label": label,
        "caption": caption,
        "text": caption,
        "detail": "",
        "countries": [country_name(code) for code in row.countries],
    }
    if row.ends and schema is not None:
        source, target = row.ends
        joint = arrow(schema)
        item["text"] = f"{ISOLATE}{source}{END_ISOLATE} {joint} {ISOLATE}{target}{END_ISOLATE}"
        item["caption"] = format_html(
            '<span dir="auto">{}</span> <span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span> <span dir="auto">{}</span>',
            source,
            joint,
            translated(schema._edge_label),
            target,
        )
        item["detail"] = "" if unnamed else row.caption  # the relationship's own caption: a role, an amount
    return item


def incoming_link(link) -> dict:
    """An entity linking to this one (a relationship, mostly): captioned by its kind when it has no name of
    its own."""
    schema = model.get(link.schema)
    if schema is None:
        return {"link": link, "schema_label": "", "unnamed": False}
    unnamed = not link.caption or is_unnamed(link.caption, schema)
    return {"link": link, "schema_label": schema_label(schema), "unnamed": unnamed}


def entity_list(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    query = request.GET.get("q", "").strip()[:200]
    # A kind the investigation has none of (or that FtM does not know) finds no entity: no error.
    schema = request.GET.get("schema", "").strip()[:64]
    page = page_of(request, canonical_ids(investigation, query=query, schema=schema))
    rows = [
        labelled(row)
        for row in with_relationship_ends(investigation, canonical_rows(investigation, list(page)))
    ]
    return render(
        request,
        "networks/entities.html",
        {
            "investigation": investigation,
            "page": page,
            "rows": rows,
            "query": query,
            "schema": schema,
            "schemata": schema_filter_choices(investigation, schema),
            "filtered": bool(query or schema),
            "may_edit": request.user.has_perm("networks.edit_entities", investigation),
        },
    )


def entity_page(request, pk: int, canonical_id: str):
    investigation = investigation_or_404(request.user, pk)
    detail = entity_detail(investigation, canonical_id)
    if detail is None:
        raise Http404
    schema = model.get(detail.canonical.schema)
    may_edit = request.user.has_perm("networks.edit_entities", investigation)
    properties = []
    for prop_name, values in detail.by_prop.items():
        prop = prop_named(schema, prop_name)
        properties.append(
            {
                "name": prop_name,
                "label": property_label(prop) if prop is not None else prop_name,
                "is_entity": prop is not None and prop.type.name == "entity",
                "is_country": prop is not None and prop.type.name == "country",
                "values": [
                    {
                        "value": value,
                        "shown": country_name(value)
                        if prop is not None and prop.type.name == "country"
                        else value,
                        "target": detail.targets.get(value),
                        "statements": statements,
                    }
                    for value, statements in values.items()
                ],
            }
        )
    order = {name: index for index, name in enumerate(schema.featured)} if schema else {}
    properties.sort(key=lambda item: (order.get(str(item["name"]), len(order)), str(item["label"])))
    return render(
        request,
        "networks/entity.html",
        {
            "investigation": investigation,
            "entity": labelled(with_relationship_ends(investigation, [detail.canonical])[0]),
            "properties": properties,
            "incoming": [incoming_link(link) for link in detail.incoming],
            "screening_rows": _screening_rows(investigation, detail.canonical.canonical_id),
            "decisions": Decision.choices,
            "may_edit": may_edit,
            "form_kind": SourceKind.FORM,
            "user_id": request.user.pk,
        },
    )


def _screening_rows(investigation, canonical_id: str) -> list[dict]:
    """The entity's hits on watch lists (dismissed ones last)."""
    from palermo.networks.views.screening import hit_rows

    hits = investigation.screening_hits.filter(canonical_id=canonical_id).select_related(
        "listed__watch_list", "decided_by"
    )
    return hit_rows(
        investigation, sorted(hits, key=lambda hit: (hit.decision == Decision.DISMISSED, -hit.score))
    )
