"""Canonical entities as FtM proxies, built in batches from their members' statements (ready sources only):
the resolution run and the hit search read thousands at a time, so one query per batch, not per entity."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from followthemoney import EntityProxy
from followthemoney.exc import InvalidData

from palermo.networks import matching
from palermo.networks.ftm.model import PalermoModel, model
from palermo.networks.ftm.store import visible_entities
from palermo.networks.models import Entity, Investigation, SourceState, Statement


def ftm_model() -> PalermoModel:
    """The FtM model with Palermo's extension."""
    return model


def members_of(investigation: Investigation, canonical_ids: Iterable[str]) -> dict[str, str]:
    """entity_id -> canonical_id for every member of the given canonical entities."""
    return dict(
        Entity.objects.filter(investigation=investigation, canonical_id__in=list(canonical_ids)).values_list(
            "entity_id", "canonical_id"
        )
    )


def proxies_for(investigation: Investigation, canonical_ids: Iterable[str]) -> dict[str, EntityProxy]:
    """canonical_id -> proxy with every value its members' ready statements give."""
    canonical_of = members_of(investigation, canonical_ids)
    if not canonical_of:
        return {}
    rows = Statement.objects.filter(
        investigation=investigation, entity_id__in=list(canonical_of), source__state=SourceState.READY
    ).values_list("entity_id", "schema", "prop", "value")
    schemata: dict[str, set[str]] = defaultdict(set)
    values: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity_id, schema, prop, value in rows.iterator(chunk_size=5000):
        canonical = canonical_of[entity_id]
        schemata[canonical].add(schema)
        values[canonical].append((prop, value))
    return {
        canonical: make_proxy(canonical, schemata[canonical], values[canonical]) for canonical in schemata
    }


def profiles_for(investigation: Investigation, canonical_ids: Iterable[str]) -> dict[str, matching.Profile]:
    """canonical_id -> what scoring reads of the entity (`matching.profile`), worked out once."""
    return {
        canonical_id: matching.profile(proxy)
        for canonical_id, proxy in proxies_for(investigation, canonical_ids).items()
    }


def make_proxy(entity_id: str, schemata: Iterable[str], values: Iterable[tuple[str, str]]) -> EntityProxy:
    """One proxy of the most specific schema the members share (the first one if they share none)."""
    names = sorted(schemata)
    schema = model.get(names[0]) or model.get("Thing")
    assert schema is not None  # Thing is FtM's root schema
    for name in names[1:]:
        try:
            schema = model.common_schema(schema, name)
        except InvalidData:  # Person and Company, say: keep one, its values still count for blocking
            continue
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, value in values:
        proxy.add(prop, value, cleaned=True, quiet=True)
    return proxy


def canonical_batches(
    investigation: Investigation, *, after: str = "", size: int = 500
) -> Iterator[list[str]]:
    """The investigation's canonical ids in order, `size` at a time, starting after `after` (resumable)."""
    while True:
        batch = list(
            visible_entities(investigation)
            .filter(canonical_id__gt=after)
            .order_by("canonical_id")
            .values_list("canonical_id", flat=True)
            .distinct()[:size]
        )
        if not batch:
            return
        yield batch
        after = batch[-1]


def canonical_count(investigation: Investigation) -> int:
    return visible_entities(investigation).values("canonical_id").distinct().count()
