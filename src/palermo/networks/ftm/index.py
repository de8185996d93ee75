"""The Entity rows kept in step with the statements: schema, caption and countries of each entity id as
FtM computes them from all its statements of ready sources (and of the source being loaded, if given)."""

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from django.db.models import Q
from followthemoney import EntityProxy
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from palermo.networks.ftm.model import model
from palermo.networks.models import Entity, SourceState, Statement, graph_changed

CHUNK = 900
# Beyond this many characters of values FtM's proxy may refuse some (its size limit): ask the proxy.
FAST_MAX_CHARS = 20_000


@cache
def _plan(schema_name: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """A schema's caption properties in order, its name-typed ones, and its matchable country ones."""
    schema = model[schema_name]
    props = schema.properties
    names = frozenset(p for p in schema.caption if props[p].type == registry.name)
    countries = frozenset(p for p, prop in props.items() if prop.type == registry.country and prop.matchable)
    return tuple(schema.caption), names, countries


def summarise(
    schema_name: str, values: Iterable[tuple[str, str]], entity_id: str = ""
) -> tuple[str, str, str]:
    """(schema, caption, countries) of an entity with these property values, as FtM's proxy gives them
    (computed here without one when that is plainly the same: a million entities in an import)."""
    values = list(values)
    caption_props, name_props, country_props = _plan(schema_name)
    found: dict[str, list[str]] = {}
    countries: set[str] = set()
    chars = 0
    for prop, value in values:
        chars += len(value)
        if prop in country_props:
            countries.add(value)
        if prop in caption_props:
            seen = found.setdefault(prop, [])
            if value not in seen:
                seen.append(value)
    if chars > FAST_MAX_CHARS:
        return _summarise_proxy(schema_name, values, entity_id)
    caption = None
    for prop in caption_props:
        given = found.get(prop)
        if given:
            if prop in name_props and len(given) > 1:
                return _summarise_proxy(schema_name, values, entity_id)  # FtM picks among names
            caption = given[0]
            break
    if caption is None:
        caption = str(model[schema_name].label)
    return schema_name, caption[:500], " ".join(sorted(countries))[:200]


def _summarise_proxy(schema_name: str, values: list[tuple[str, str]], entity_id: str) -> tuple[str, str, str]:
    proxy = EntityProxy(model[schema_name], {"id": entity_id or None})
    for prop, value in values:
        proxy.unsafe_add(proxy.schema.properties[prop], value, cleaned=True)
    return proxy.schema.name, str(proxy.caption)[:500], " ".join(sorted(proxy.countries))[:200]


def common_schema(left: str, right: str) -> str | None:
    """The narrower of two schemata, or None if one entity cannot be both."""
    try:
        return model.common_schema(left, right).name
    except InvalidData:
        return None


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refresh_entities(
    investigation_id: int, entity_ids: Iterable[str], *, loading_source_id: int | None = None
) -> None:
    """Recompute the Entity rows of these ids from their statements; rows left without any go."""
    visible = Q(source__state=SourceState.READY)
    if loading_source_id is not None:
        visible |= Q(source_id=loading_source_id)
    for ids in chunks(sorted(set(entity_ids))):
        statements = (
            Statement.objects.filter(visible, investigation_id=investigation_id, entity_id__in=ids)
            .order_by("id")
            .values_list("entity_id", "schema", "prop", "value", "source_id")
        )
        schemata: dict[str, str] = {}
        values: dict[str, list] = defaultdict(list)
        sources: dict[str, list[int]] = defaultdict(list)
        for entity_id, schema, prop, value, source_id in statements:
            known = schemata.get(entity_id)
            schemata[entity_id] = schema if known is None else common_schema(known, schema) or known
            values[entity_id].append((prop, value))
            if source_id not in sources[entity_id]:
                sources[entity_id].append(source_id)
        rows = list(Entity.objects.filter(investigation_id=investigation_id, entity_id__in=ids))
        changed, gone = [], []
        for row in rows:
            if row.entity_id not in schemata:
                gone.append(row.pk)
                continue
            row.schema, row.caption, row.countries = summarise(
                schemata[row.entity_id], values[row.entity_id], row.entity_id
            )
            if row.first_source_id not in sources[row.entity_id]:
                row.first_source_id = sources[row.entity_id][0]
            changed.append(row)
        Entity.objects.bulk_update(changed, ["schema", "caption", "countries", "first_source"])
        if gone:
            Entity.objects.filter(pk__in=gone).delete()
        if changed or gone:
            graph_changed(investigation_id)
