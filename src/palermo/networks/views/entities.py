"""An investigation's entities: the list of canonical entities (search by name, filter by schema, in
pages) and an entity's page with each value's sources, the ids merged into it and the entities linked to
it. For the investigation's members; 404 for everyone else."""

from functools import cache

from django.http import Http404
from django.shortcuts import render

from palermo.core.pages import page_of
from palermo.networks.ftm.model import model
from palermo.networks.interfaces.schema_labels import country_name, property_label, schema_label
from palermo.networks.models import SourceKind
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import canonical_ids, canonical_rows, entity_detail


def schema_filter_choices() -> list[tuple[str, str]]:
    """The schemata one can filter by (those not abstract), labelled and ordered for the reader."""
    labelled = [
        (schema.name, schema_label(schema)) for schema in model.schemata.values() if not schema.abstract
    ]
    return sorted(labelled, key=lambda pair: pair[1])


@cache
def _any_property(name: str):
    return next((prop for prop in model.properties if prop.name == name), None)


def prop_named(schema, name: str):
    """The schema's property `name`, else any schema's (merged entities may mix schemata)."""
    return (schema.get(name) if schema is not None else None) or _any_property(name)


def labelled(row) -> dict:
    schema = model.get(row.schema)
    return {
        "row": row,
        "schema_label": schema_label(schema) if schema else row.schema,
        "countries": [country_name(code) for code in row.countries],
    }


def entity_list(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    query = request.GET.get("q", "").strip()[:200]
    schema = request.GET.get("schema", "")
    if schema not in model.schemata:
        schema = ""
    page = page_of(request, canonical_ids(investigation, query=query, schema=schema))
    rows = [labelled(row) for row in canonical_rows(investigation, list(page))]
    return render(
        request,
        "networks/entities.html",
        {
            "investigation": investigation,
            "page": page,
            "rows": rows,
            "query": query,
            "schema": schema,
            "schemata": schema_filter_choices(),
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
            "entity": labelled(detail.canonical),
            "properties": properties,
            "incoming": [
                {
                    "link": link,
                    "schema_label": schema_label(model.get(link.schema)) if model.get(link.schema) else "",
                }
                for link in detail.incoming
            ],
            "may_edit": may_edit,
            "form_kind": SourceKind.FORM,
            "user_id": request.user.pk,
        },
    )
