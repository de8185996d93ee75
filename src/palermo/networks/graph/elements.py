"""A part of an investigation's graph as a link chart draws it (Cytoscape.js elements) and as its table
view lists it: each entity with its caption, kind and States; each link with its kind, dates, amount or
share, and how many sources state it. Labels are in the reader's language; the values beside them are
plain (ISO dates, numbers as JSON numbers), never formatted for a locale."""

from collections import defaultdict

from django.urls import reverse
from django.utils.formats import number_format

from palermo.core.i18n import format_partial_date, listed
from palermo.networks.ftm.model import model
from palermo.networks.graph.build import InvestigationGraph
from palermo.networks.graph.explore import edge_kind
from palermo.networks.interfaces.schema_labels import country_name, property_label, schema_label
from palermo.networks.models import Decision, ScreeningHit, SourceState, Statement

EDGE_DETAILS = (
    "amount",
    "currency",
    "assetSymbol",
    "percentage",
    "date",
    "startDate",
    "endDate",
    "role",
    "relationship",
)


def kind_label(name: str, holder: str = "") -> str:
    """A schema's label, else a property's (the kind of a non-relationship link), in the reader's language;
    `holder`, the schema of the entity holding the property, picks its own label where schemata name the
    same property differently (a wallet's holder is not an identity document's holder)."""
    schema = model.get(name)
    if schema is not None:
        return schema_label(schema)
    holding = model.get(holder) if holder else None
    prop = holding.get(name) if holding is not None else None
    if prop is None:
        prop = next((p for p in model.properties if p.name == name), None)
    return property_label(prop) if prop is not None else name


FAMILIES = (
    ("Person", "person"),
    ("CryptoWallet", "wallet"),
    ("BankAccount", "account"),
    ("LegalEntity", "organization"),
    ("CourtCase", "case"),
    ("Address", "address"),
    ("Event", "event"),
    ("Asset", "asset"),
)


def family(schema_name: str) -> str:
    """The broad kind a chart colours by: person, organization, account, wallet, case, address, event,
    asset or other."""
    schema = model.get(schema_name)
    if schema is not None:
        for name, found in FAMILIES:
            if name in model.schemata and schema.is_a(name):
                return found
    return "other"


def node_data(built: InvestigationGraph, vertex: int, investigation_id: int) -> dict:
    entity = built.vertices[vertex]
    return {
        "id": entity.canonical_id,
        "label": entity.caption,
        "schema": entity.schema,
        "kind": kind_label(entity.schema),
        "family": family(entity.schema),
        "countries": list(entity.countries),
        "country": entity.countries[0] if entity.countries else "",
        "states": listed(country_name(code) for code in entity.countries),
        "url": reverse("networks:entity", args=[investigation_id, entity.canonical_id]),
    }


def _details(investigation_id: int, entity_ids: set[str]) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if not entity_ids:
        return found
    rows = (
        Statement.objects.filter(
            investigation_id=investigation_id,
            entity_id__in=entity_ids,
            prop__in=EDGE_DETAILS,
            source__state=SourceState.READY,
        )
        .order_by("id")
        .values_list("entity_id", "prop", "value")
    )
    for entity_id, prop, value in rows:
        if value not in found[entity_id][prop]:
            found[entity_id][prop].append(value)
    return found


def _listed(investigation_id: int, canonical_ids: list[str]) -> set[str]:
    """The entities with a hit on a watch list that no analyst dismissed."""
    hits = ScreeningHit.objects.filter(investigation_id=investigation_id).exclude(decision=Decision.DISMISSED)
    found: set[str] = set()
    if not hits.exists():  # most investigations: one query, not one per 900 entities
        return found
    for start in range(0, len(canonical_ids), 900):
        chunk = canonical_ids[start : start + 900]
        found.update(hits.filter(canonical_id__in=chunk).values_list("canonical_id", flat=True))
    return found


def _amount(values: dict[str, list[str]]) -> float | None:
    for text in values.get("amount", ()):
        try:
            return float(text)
        except ValueError:
            continue
    return None


def _currency(values: dict[str, list[str]]) -> str:
    """A payment's currency, or a crypto transfer's asset (BTC, USDT…)."""
    return (values.get("currency") or values.get("assetSymbol") or [""])[0].upper()


def edge_label(kind: str, values: dict[str, list[str]], amount: float | None) -> str:
    """The kind, then what the reader most needs: the amount or share, then the dates."""
    parts = [kind]
    if amount is not None:
        currency = _currency(values)
        parts.append(
            f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} {currency}".strip()
        )
    for share in values.get("percentage", ())[:1]:
        parts.append(f"{share} %")
    dates = sorted(set(values.get("date", []) + values.get("startDate", []) + values.get("endDate", [])))
    if dates:
        first, last = format_partial_date(dates[0]), format_partial_date(dates[-1])
        parts.append(first if len(dates) == 1 else f"{first} \u2013 {last}")
    return " · ".join(parts)


def elements(built: InvestigationGraph, vertices: list[int], edges: list[int], investigation_id: int) -> dict:
    """{"nodes": [...], "edges": [...]} with Cytoscape's `data` of each element."""
    graph = built.graph
    details = _details(investigation_id, {built.edge_entity[e] for e in edges})
    nodes = [{"data": node_data(built, v, investigation_id)} for v in vertices]
    listed = _listed(investigation_id, [node["data"]["id"] for node in nodes])
    for node in nodes:
        node["data"]["listed"] = node["data"]["id"] in listed
    links = []
    for edge in edges:
        source, target = graph.es[edge].tuple
        entity_id = built.edge_entity[edge]
        values = details.get(entity_id, {})
        kind = edge_kind(built, edge)
        amount = _amount(values)
        first, last = built.edge_dates[edge]
        links.append(
            {
                "data": {
                    "id": f"e{edge}",
                    "source": built.vertices[source].canonical_id,
                    "target": built.vertices[target].canonical_id,
                    "kind": kind,
                    "kindLabel": kind_label(kind, built.edge_schema[edge]),
                    "label": edge_label(kind_label(kind, built.edge_schema[edge]), values, amount),
                    "entity": entity_id,
                    "sources": built.edge_sources[edge],
                    "start": first,
                    "end": last,
                    "amount": amount,
                    "currency": _currency(values),
                }
            }
        )
    return {"nodes": nodes, "edges": links}
