"""Bulk import and export of knowledge-base records."""

import csv
import io
import json

from django.db import transaction
from django.utils import timezone

from palermo.core.audit import log_action
from palermo.knowledge.domain.records import _apply, _save_version, snapshot
from palermo.knowledge.interfaces.exchange import CSV_COLUMNS, Batch, Problem, csv_row
from palermo.knowledge.models import CurationState, Record


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@transaction.atomic
def import_records(
    *, batch: Batch, state: str = CurationState.DRAFT, actor=None, is_demo: bool = False
) -> list[int]:
    """Write every record of a validated batch, or nothing. Returns the new records' ids."""
    if batch.problems:
        raise ImportFailed(batch.problems)
    if state not in (CurationState.DRAFT, CurationState.PUBLISHED):
        raise ValueError("imported records are drafts or published")
    now = timezone.now()
    ids = []
    for prepared in batch.records:
        record = Record(
            kind=prepared.kind,
            state=state,
            is_demo=is_demo,
            created_by=actor if actor and actor.is_authenticated else None,
            organisation_id=getattr(actor, "organisation_id", None),
            published_at=now if state == CurationState.PUBLISHED else None,
        )
        _apply(record, prepared.fields, prepared.relations, prepared.detail, prepared.people)
        _save_version(record, actor, note=f"imported from {batch.file}, line {prepared.line}")
        ids.append(record.pk)
    log_action(
        "knowledge.records.imported",
        actor=actor,
        data={"file": batch.file, "records": len(ids), "state": state, "first_id": ids[0] if ids else None},
    )
    return ids


def export_published(format: str):
    """Every published record as JSON Lines or CSV text, record by record (memory stays flat)."""
    ids = Record.objects.published().order_by("id").values_list("id", flat=True)
    return export_records(ids.iterator(chunk_size=2000), format)


def export_records(ids, format: str, *, chunk: int = 500):
    """The records with these ids, in this order, as JSON Lines or CSV text chunks."""
    if format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(CSV_COLUMNS)
        yield out.getvalue()
    batch: list[int] = []
    for record_id in [*ids, None]:
        if record_id is not None:
            batch.append(record_id)
            if len(batch) < chunk:
                continue
        records = Record.objects.in_bulk(batch)
        for pk in batch:
            yield _exported(records[pk], format)
        batch = []


def _exported(record: Record, format: str) -> str:
    data = snapshot(record)
    if format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(csv_row(record.pk, data))
        return out.getvalue()
    published = record.published_at.isoformat() if record.published_at else None
    return (
        json.dumps({"id": record.pk, "published_at": published, **data}, ensure_ascii=False, default=str)
        + "\n"
    )
