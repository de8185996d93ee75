"""Reading entities back from their statements: an entity's statements (of ready sources only), the FtM
StatementEntity built from them so that each value carries its statements, and all entities streamed."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q
from followthemoney import Statement as FtmStatement
from followthemoney import StatementEntity
from followthemoney.dataset import Dataset

from palermo.networks.ftm.model import model
from palermo.networks.models import Entity, Investigation, SourceState, Statement

CANONICAL_BATCH = 500


def visible_entities(investigation: Investigation):
    """The Entity rows people may see: those whose first source is ready (an import in progress is not)."""
    return Entity.objects.filter(investigation=investigation, first_source__state=SourceState.READY)


def entity_statements(investigation: Investigation, canonical_id: str) -> list[Statement]:
    """All statements of the entity ids resolved to this canonical id, from ready sources."""
    ids = Entity.objects.filter(investigation=investigation, canonical_id=canonical_id).values("entity_id")
    return list(
        Statement.objects.filter(
            investigation=investigation, entity_id__in=ids, source__state=SourceState.READY
        )
        .select_related("source")
        .order_by("id")
    )


def dataset_of(investigation_id: int) -> Dataset:
    return Dataset.make(
        {"name": f"palermo_investigation_{investigation_id}", "title": f"#{investigation_id}"}
    )


def source_dataset(source_id: int) -> str:
    """The FtM dataset name a statement of this source carries."""
    return f"palermo_source_{source_id}"


def to_ftm(row: Statement, canonical_id: str) -> FtmStatement:
    """An FtM statement of a stored one; its id is the stored statement's number."""
    return FtmStatement(
        entity_id=row.entity_id,
        prop=row.prop,
        schema=row.schema,
        value=row.value,
        dataset=source_dataset(row.source_id),
        lang=row.lang or None,
        original_value=row.original_value or None,
        first_seen=row.stated_at.isoformat() if row.stated_at else None,
        id=str(row.pk),
        canonical_id=canonical_id,
    )


def _build(investigation_id: int, canonical_id: str, rows: list[Statement]) -> StatementEntity | None:
    if not rows:
        return None
    return StatementEntity.from_statements(
        dataset_of(investigation_id), [to_ftm(r, canonical_id) for r in rows]
    )


def entity_proxy(investigation: Investigation, canonical_id: str) -> StatementEntity | None:
    """The canonical entity with every value's statements, or None if it has none in ready sources."""
    return _build(investigation.pk, canonical_id, entity_statements(investigation, canonical_id))


def iter_proxies(
    investigation: Investigation, schema: str | None = None, *, only: set[str] | None = None
) -> Iterator[StatementEntity]:
    """Every canonical entity of the investigation (or `only` those with these canonical or entity ids),
    streamed in batches, in canonical id order."""
    entities = visible_entities(investigation)
    if only is not None:
        entities = entities.filter(Q(canonical_id__in=only) | Q(entity_id__in=only))
    if schema is not None:
        entities = entities.filter(schema__in=[s.name for s in model[schema].descendants | {model[schema]}])
    after = ""
    while True:
        canonicals = list(
            entities.filter(canonical_id__gt=after)
            .order_by("canonical_id")
            .values_list("canonical_id", flat=True)
            .distinct()[:CANONICAL_BATCH]
        )
        if not canonicals:
            return
        after = canonicals[-1]
        members = Entity.objects.filter(investigation=investigation, canonical_id__in=canonicals)
        canonical_of = dict(members.values_list("entity_id", "canonical_id"))
        grouped: dict[str, list[Statement]] = defaultdict(list)
        rows = Statement.objects.filter(
            investigation=investigation,
            entity_id__in=list(canonical_of),
            source__state=SourceState.READY,
        ).order_by("id")
        for row in rows.iterator(chunk_size=5000):
            grouped[canonical_of[row.entity_id]].append(row)
        for canonical_id in canonicals:
            proxy = _build(investigation.pk, canonical_id, grouped.get(canonical_id, []))
            if proxy is not None:
                yield proxy
