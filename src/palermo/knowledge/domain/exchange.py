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
    """Yield the published records as JSON Lines or CSV text, record by record (memory stays flat)."""
    records = (
        Record.objects.published()
        .order_by("id")
        .prefetch_related("crime_types", "cross_cutting", "countries")
    )
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        yield out.getvalue()
    for record in records.iterator(chunk_size=500):
        data = snapshot(record)
        if format == "csv":
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerow(csv_row(record.pk, data))
            yield out.getvalue()
        else:
            yield (
                json.dumps(
                    {"id": record.pk, "published_at": record.published_at.isoformat(), **data},
                    ensure_ascii=False,
                    default=str,
                )
                + "\n"
            )
