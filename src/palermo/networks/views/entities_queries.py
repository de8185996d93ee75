# ruff: noqa: RUF002 (names in Cyrillic and Arabic on purpose)
"""Reads of an investigation's entities for pages and the API: canonical entities one per row, and one
entity with every value's statements (its provenance), the ids merged into it and the entities linked to
it. Each read is a fixed number of queries on the (investigation, canonical_id), (investigation, schema)
and (investigation, entity_id) indexes, whatever the size of the investigation."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from followthemoney.exc import InvalidData
from followthemoney.types import registry
from normality import ascii_text

from palermo.core.i18n import listed
from palermo.networks.domain.resolution_keys import stored_key
from palermo.networks.ftm.extension import shown_caption
from palermo.networks.ftm.model import model
from palermo.networks.matching import blocking_keys
from palermo.networks.models import BlockingKey, Entity, Investigation, SourceState, Statement

# FtM's properties that point at another entity (whatever their schema): for links in both directions.
ENTITY_PROPS = sorted({prop.name for prop in model.properties if prop.type == registry.entity})
INCOMING_SHOWN = 200


@dataclass
class CanonicalRow:
    canonical_id: str
    caption: str
    schema: str
    countries: list[str]
    entity_ids: list[str]
    source_count: int = 0
    # A relationship's two ends (source, target) as the investigation's entities are captioned, when it
    # has both: `with_relationship_ends()` fills them in.
    ends: tuple[str, str] | None = None


def name_filter(query: str, investigation: Investigation | None = None) -> Q:
    """Entities whose caption contains the query, whatever its case; also its accent-free spelling (a
    search for "Zakharov" finds "Zakharov" and "ZAKHAROV"; "Müller" finds "Müller" and "Muller"); and,
    once the investigation has been searched for candidates, entities whose names share every word of the
    query across scripts ("Zakharov" finds "ЗАХАРОВ Александр" and "ألكسندر زاخاروف")."""
    query = query.strip()
    found = Q(caption__icontains=query)
    folded = ascii_text(query) or ""
    if folded and folded != query:
        found |= Q(caption__icontains=folded)
    if investigation is not None:
        across = across_scripts(investigation, query)
        if across is not None:
            found |= Q(canonical_id__in=across)
    return found


def across_scripts(investigation: Investigation, query: str):
    """The canonical ids whose name keys (the last search for candidates computed them) include a key of
    each word of the query; None when the query has no such word."""
    found = None
    for word in query.split()[:6]:
        proxy = model.make_entity("Person")
        proxy.add("name", word)
        keys = {stored_key(key) for key in blocking_keys(proxy) if key.startswith("n:")}
        if not keys:
            continue
        having = BlockingKey.objects.filter(investigation=investigation, key__in=keys).values("canonical_id")
        found = having if found is None else found.filter(canonical_id__in=having)
    return found


def canonical_ids(investigation: Investigation, *, query: str = "", schema: str = "") -> QuerySet:
    """The canonical ids of the investigation's entities (those named like `query`, of `schema`), in the
    order of the canonical index; one per canonical entity."""
    entities = Entity.objects.filter(investigation=investigation)
    if schema:
        entities = entities.filter(schema=schema)
    if query:
        entities = entities.filter(name_filter(query, investigation))
    return entities.order_by("canonical_id").values_list("canonical_id", flat=True).distinct()


def schema_counts(investigation: Investigation) -> dict[str, int]:
    """The schemata the investigation's entities have, each with the number of canonical entities that
    filtering by it finds (one query, on the (investigation, schema) index)."""
    return dict(
        Entity.objects.filter(investigation=investigation)
        .values_list("schema")
        .annotate(count=Count("canonical_id", distinct=True))
        .order_by()
    )


def common_schema(names) -> str:
    """The most specific schema that all the names share (FtM's rule when entities are merged)."""
    result = None
    for name in names:
        try:
            result = model.common_schema(result, name) if result is not None else model.get(name)
        except InvalidData:
            continue
    return result.name if result is not None else next(iter(names), "Thing")


def representative(group: list[Entity], canonical_id: str) -> Entity:
    """The record whose caption a canonical entity shows: its own, else the smallest id's."""
    return min(group, key=lambda entity: (entity.entity_id != canonical_id, entity.entity_id))


def canonical_rows(investigation: Investigation, ids: list[str]) -> list[CanonicalRow]:
    """One row per canonical id (in the order given): caption, schema, countries, number of sources."""
    members: dict[str, list[Entity]] = defaultdict(list)
    for entity in Entity.objects.filter(investigation=investigation, canonical_id__in=ids).only(
        "entity_id", "canonical_id", "schema", "caption", "countries"
    ):
        members[entity.canonical_id].append(entity)
    by_entity = {entity.entity_id: canonical for canonical, group in members.items() for entity in group}
    sources: dict[str, set[int]] = defaultdict(set)
    for entity_id, source_id in (
        Statement.objects.filter(
            investigation=investigation, entity_id__in=list(by_entity), source__state=SourceState.READY
        )
        .values_list("entity_id", "source_id")
        .distinct()
    ):
        sources[by_entity[entity_id]].add(source_id)
    rows = []
    for canonical in ids:
        group = members.get(canonical, [])
        if not group:
            continue
        countries = sorted({code for entity in group for code in entity.countries.split()})
        shown = representative(group, canonical)
        rows.append(
            CanonicalRow(
                canonical_id=canonical,
                caption=shown_caption(shown.schema, shown.caption),
                schema=common_schema([entity.schema for entity in group]),
                countries=countries,
                entity_ids=sorted(entity.entity_id for entity in group),
                source_count=len(sources.get(canonical, ())),
            )
        )
    return rows


def with_relationship_ends(investigation: Investigation, rows: list[CanonicalRow]) -> list[CanonicalRow]:
    """The rows, each relationship among them (an Ownership, a Directorship…: FtM's edge schemata) given
    the captions of its two ends: two queries for all the rows, none if no row is a relationship."""
    edges = {}
    for row in rows:
        schema = model.get(row.schema)
        if schema is not None and schema.edge:
            edges[row.canonical_id] = (row, schema.edge_source, schema.edge_target)
    if not edges:
        return rows
    canonical_of = {
        entity_id: row.canonical_id for row, _s, _t in edges.values() for entity_id in row.entity_ids
    }
    named: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity_id, prop, value in (
        Statement.objects.filter(
            investigation=investigation,
            entity_id__in=list(canonical_of),
            prop__in={prop for _row, source, target in edges.values() for prop in (source, target)},
            is_link=True,
            source__state=SourceState.READY,
        )
        .values_list("entity_id", "prop", "value")
        .distinct()
    ):
        named[canonical_of[entity_id]][prop].add(value)
    ends = {value for props in named.values() for values in props.values() for value in values}
    captions = end_captions(investigation, ends) if ends else {}
    for canonical, (row, source, target) in edges.items():
        source_side = _side(named[canonical][source], captions)
        target_side = _side(named[canonical][target], captions)
        if source_side and target_side:
            row.ends = (source_side, target_side)
    return rows


def _side(entity_ids: set[str], captions: dict[str, str]) -> str:
    """One end of a relationship: its entities' captions (rarely more than one), "" if none is known."""
    return listed(dict.fromkeys(captions[found] for found in sorted(entity_ids) if found in captions))


def end_captions(investigation: Investigation, entity_ids: set[str]) -> dict[str, str]:
    """Each of these entity ids (of the investigation) with the caption of the canonical entity it is
    part of, as its row in the list shows it; one query."""
    groups = Entity.objects.filter(investigation=investigation, entity_id__in=entity_ids).values(
        "canonical_id"
    )
    members: dict[str, list[Entity]] = defaultdict(list)
    for entity in Entity.objects.filter(investigation=investigation, canonical_id__in=groups).only(
        "entity_id", "canonical_id", "caption"
    ):
        members[entity.canonical_id].append(entity)
    captions = {}
    for canonical, group in members.items():
        caption = representative(group, canonical).caption
        captions.update({entity.entity_id: caption for entity in group if entity.entity_id in entity_ids})
    return captions


@dataclass
class Link:
    """An entity linked to the one shown: through one of its properties, or pointing at it."""

    canonical_id: str
    caption: str
    schema: str
    prop: str  # the property that links (of the shown entity, or of the entity pointing at it)
    via: list["Link"] = field(default_factory=list)  # for a relationship: the entities at its other ends


@dataclass
class EntityDetail:
    canonical: CanonicalRow
    statements: list[Statement]
    by_prop: dict[str, dict[str, list[Statement]]]
    targets: dict[str, Entity]  # entity ids named in values -> their index row
    incoming: list[Link]


def entity_detail(investigation: Investigation, canonical_id: str) -> EntityDetail | None:
    """Everything the entity page shows, in six queries; None if there is no such entity."""
    rows = canonical_rows(investigation, [canonical_id])
    if not rows:
        return None
    row = rows[0]
    statements = list(
        Statement.objects.filter(
            investigation=investigation, entity_id__in=row.entity_ids, source__state=SourceState.READY
        )
        .select_related("source", "stated_by", "source__created_by")
        .order_by("prop", "value", "stated_at", "id")
    )
    by_prop: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for statement in statements:
        by_prop[statement.prop][statement.value].append(statement)
    named = {s.value for s in statements if s.prop in ENTITY_PROPS}
    targets = {
        entity.entity_id: entity
        for entity in Entity.objects.filter(investigation=investigation, entity_id__in=named).only(
            "entity_id", "canonical_id", "caption", "schema"
        )
    }
    return EntityDetail(
        canonical=row,
        statements=statements,
        by_prop={prop: dict(values) for prop, values in by_prop.items()},
        targets=targets,
        incoming=incoming_links(investigation, row.entity_ids),
    )


def incoming_links(investigation: Investigation, entity_ids: list[str]) -> list[Link]:
    """The entities whose entity properties name one of `entity_ids` (an Ownership, a Directorship, a
    CourtCaseParty…), each with the entities at its other ends."""
    pointing = list(
        Statement.objects.filter(
            investigation=investigation,
            is_link=True,
            value__in=entity_ids,
            source__state=SourceState.READY,
        )
        .exclude(entity_id__in=entity_ids)
        .values_list("entity_id", "prop")
        .distinct()[:INCOMING_SHOWN]
    )
    if not pointing:
        return []
    sources = {entity_id for entity_id, _prop in pointing}
    other_ends: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity_id, prop, value in (
        Statement.objects.filter(
            investigation=investigation,
            entity_id__in=sources,
            is_link=True,
            source__state=SourceState.READY,
        )
        .exclude(value__in=entity_ids)
        .values_list("entity_id", "prop", "value")
        .distinct()
    ):
        other_ends[entity_id].append((prop, value))
    wanted = sources | {value for ends in other_ends.values() for _prop, value in ends}
    index = {
        entity.entity_id: entity
        for entity in Entity.objects.filter(investigation=investigation, entity_id__in=wanted).only(
            "entity_id", "canonical_id", "caption", "schema"
        )
    }
    links = []
    for entity_id, prop in pointing:
        entity = index.get(entity_id)
        if entity is None:
            continue
        via = [
            Link(index[value].canonical_id, index[value].caption, index[value].schema, end_prop)
            for end_prop, value in other_ends.get(entity_id, [])
            if value in index
        ]
        links.append(Link(entity.canonical_id, entity.caption, entity.schema, prop, via))
    return links
