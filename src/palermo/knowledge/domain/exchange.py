"""Bulk import of knowledge-base records (the export is in `export.py`).

What an export writes imports back as it was: with `keep_ids`, each record keeps the id the file gives it
(restoring an export into an installation keeps every record's address), and a record imported as
published keeps the file's `published_at`. So export, import into an empty installation and export again
give the same file (tests/knowledge/test_round_trip.py). What the export does not hold is not restored:
versions (the import is version 1), attachments, who created and verified the record, and when.
"""

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.knowledge.domain.records import DETAIL_MODELS, PEOPLE_FIELDS, snapshot_of
from palermo.knowledge.interfaces.exchange import Batch, PreparedRecord, Problem
from palermo.knowledge.models import (
    CurationState,
    Defendant,
    Record,
    RecordKind,
    RecordVersion,
    Victim,
)
from palermo.knowledge.search.index import index_records


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


CHUNK = 1000
THROUGH_TARGETS = {
    "crime_types": "term_id",
    "facet_values": "term_id",
    "cross_cutting": "term_id",
    "articles": "article_id",
    "countries": "party_id",
}


@transaction.atomic
def import_records(
    *,
    batch: Batch,
    state: str = CurationState.DRAFT,
    actor=None,
    is_demo: bool = False,
    keep_ids: bool = False,
) -> list[int]:
    """Write every record of a validated batch, or nothing, with bulk inserts. Returns the new records' ids.
    With `keep_ids`, records keep the ids the file gives them (an id already taken is a problem of its
    line); the others, and all without `keep_ids`, get new ones."""
    if batch.problems:
        raise ImportFailed(batch.problems)
    if state not in (CurationState.DRAFT, CurationState.PUBLISHED):
        raise ValueError("imported records are drafts or published")
    taken = _taken_ids(batch) if keep_ids else []
    if taken:
        raise ImportFailed(taken)
    # Records with their own ids first: the database's counter then starts after the largest of them.
    given = [prepared for prepared in batch.records if keep_ids and prepared.record_id is not None]
    others = [prepared for prepared in batch.records if not (keep_ids and prepared.record_id is not None)]
    ids: list[int] = []
    for group, own_ids in ((given, True), (others, False)):
        for start in range(0, len(group), CHUNK):
            ids += _write_chunk(
                group[start : start + CHUNK],
                state=state,
                actor=actor,
                is_demo=is_demo,
                file=batch.file,
                own_ids=own_ids,
            )
        if own_ids and group:
            _restart_id_counter()
    log_action(
        "knowledge.records.imported",
        actor=actor,
        data={"file": batch.file, "records": len(ids), "state": state, "first_id": ids[0] if ids else None},
    )
    return ids


def _taken_ids(batch: Batch) -> list[Problem]:
    """A problem for each record whose id in the file is another record's in the database."""
    wanted = {prepared.record_id: prepared for prepared in batch.records if prepared.record_id is not None}
    ids = list(wanted)
    taken: list[int] = []
    for start in range(0, len(ids), CHUNK):
        taken += Record.objects.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", flat=True)
    return [
        Problem(
            batch.file,
            wanted[record_id].line,
            "id",
            _("record %(id)s exists already in this installation") % {"id": record_id},
        )
        for record_id in sorted(taken, key=lambda record_id: wanted[record_id].line)
    ]


def _restart_id_counter() -> None:
    """After rows were written with their own ids, the next new record's id follows the largest (SQLite
    does so by itself; PostgreSQL's sequence must be told)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Record])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _write_chunk(
    chunk: list[PreparedRecord], *, state: str, actor, is_demo: bool, file: str, own_ids: bool
) -> list[int]:
    now = timezone.now()
    author = actor if actor and actor.is_authenticated else None
    records = []
    for prepared in chunk:
        published = state == CurationState.PUBLISHED
        record = Record(
            pk=prepared.record_id if own_ids else None,
            kind=prepared.kind,
            state=state,
            is_demo=is_demo,
            created_by=author,
            organisation_id=getattr(actor, "organisation_id", None),
            published_at=(prepared.published_at or now) if published else None,
            **prepared.fields,
        )
        if record.date and not record.year:
            record.year = record.date.year
        records.append(record)
    Record.objects.bulk_create(records)
    details: dict[type[Model], list] = {}
    people: dict[type[Model], list] = {Defendant: [], Victim: []}
    links: dict[str, list] = {name: [] for name in THROUGH_TARGETS}
    versions = []
    for record, prepared in zip(records, chunk, strict=True):
        model = DETAIL_MODELS[RecordKind(record.kind)]
        details.setdefault(model, []).append(model(record=record, **prepared.detail))  # caches record.<kind>
        record_people: dict[str, list] = {
            "defendants": [Defendant(record=record, **row) for row in prepared.people.get("defendants", [])],
            "victims": [Victim(record=record, **row) for row in prepared.people.get("victims", [])],
        }
        people[Defendant] += record_people["defendants"]
        people[Victim] += record_people["victims"]
        for name, target in THROUGH_TARGETS.items():
            through = getattr(Record, name).through
            links[name] += [
                through(record_id=record.pk, **{target: getattr(item, "pk", item)})  # countries are codes
                for item in prepared.relations.get(name, [])
            ]
        versions.append(
            RecordVersion(
                record=record,
                number=1,
                state=state,
                created_by=author,
                snapshot=_prepared_snapshot(record, prepared, record_people),
                note=f"imported from {file}, line {prepared.line}",
            )
        )
    for model, rows in [*details.items(), *people.items()]:
        model._default_manager.bulk_create(rows)
    for name, rows in links.items():
        getattr(Record, name).through._default_manager.bulk_create(rows)
    RecordVersion.objects.bulk_create(versions)
    index_records(record.pk for record in records)
    return [record.pk for record in records]


def _prepared_snapshot(record: Record, prepared: PreparedRecord, people: dict[str, list]) -> dict:
    """What `snapshot(record)` reads from the database, built from the data being written (no queries)."""
    given = prepared.relations
    relations = {
        "crime_types": [t.slug for t in given.get("crime_types", [])],
        "facet_values": [f"{t.parent.slug}/{t.slug}" for t in given.get("facet_values", [])],
        "cross_cutting": [t.slug for t in given.get("cross_cutting", [])],
        "articles": [f"{a.instrument_id}:{a.number}" for a in given.get("articles", [])],
        "countries": list(given.get("countries", [])),
    }
    detail = getattr(record, record.kind)
    return snapshot_of(
        record,
        relations=relations,
        detail={f.attname: getattr(detail, f.attname) for f in detail._meta.concrete_fields},
        people={
            name: [{c: getattr(p, c) for c in columns} for p in people[name]]
            for name, columns in PEOPLE_FIELDS.items()
        },
    )
