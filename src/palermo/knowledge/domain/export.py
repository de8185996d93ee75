"""The export of knowledge-base records as JSON Lines or CSV (the open-data format, docs/knowledge.md).

Records are read in batches of a thousand: a batch costs the same dozen queries whether it holds one
record or a thousand (the records, each relation, each kind's details, the defendants and the victims),
and comes out as one piece of text. Each record is written exactly as `snapshot(record)` describes it
(tests/knowledge/test_export.py compares them). Target: 20,000 records/s (benchmarks/knowledge_export.py).
"""

import gc
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db.models.expressions import RawSQL

from palermo.core import csvsafe
from palermo.knowledge.domain.exchange import THROUGH_TARGETS
from palermo.knowledge.domain.records import (
    DETAIL_MODELS,
    PEOPLE_FIELDS,
    RELATIONS,
    SCALAR_FIELDS,
    snapshot_of,
)
from palermo.knowledge.interfaces.exchange import CSV_COLUMNS, csv_row
from palermo.knowledge.models import Defendant, Record, Term, Victim
from palermo.register.models import Article

BATCH = 1000
# What the export writes of a record itself, read as plain rows (model instances cost a third of the time).
EXPORTED_FIELDS = ("pk", *SCALAR_FIELDS, "jurisdiction_id", "date", "published_at")
PEOPLE_MODELS = {"defendants": Defendant, "victims": Victim}
# What json.dumps(..., ensure_ascii=False, default=str) writes; snapshots hold no reference cycles.
JSON = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)


class Names:
    """What the export calls terms ("slug", "group/slug") and articles ("SOM:6"): a few hundred rows, read
    once per export rather than joined to every batch, and again if one appears meanwhile."""

    def __init__(self) -> None:
        self.load()

    def load(self) -> None:
        terms = list(Term.objects.values_list("pk", "slug", "parent__slug"))
        slugs = {pk: slug for pk, slug, _parent in terms}
        articles = Article.objects.values_list("pk", "instrument_id", "number")
        self.by_relation: dict[str, dict[Any, str]] = {
            "crime_types": slugs,
            "facet_values": {pk: f"{parent}/{slug}" for pk, slug, parent in terms},
            "cross_cutting": slugs,
            "articles": {pk: f"{code}:{number}" for pk, code, number in articles},
        }

    def grouped(self, relation: str, pairs: list[tuple], wanted: set[int], *, again: bool = True) -> dict:
        """The exported names of (record id, term, article or State) pairs, by record id, for the wanted
        records (the others in the pairs are left out)."""
        names = self.by_relation.get(relation)  # none for States: their codes are their keys
        grouped: dict[int, list] = {}
        try:
            for record_id, target in pairs:
                if record_id in wanted:
                    grouped.setdefault(record_id, []).append(target if names is None else names[target])
        except KeyError:
            if not again:
                raise
            self.load()  # a term or article added since the names were read
            return self.grouped(relation, pairs, wanted, again=False)
        return grouped


class Reader:
    """Reads what records refer to, a batch at a time, for one export: the names of terms and articles and
    the queries are prepared once. Without defendants and victims if not `with_people` (the CSV has no
    columns for them)."""

    def __init__(self, *, with_people: bool = True) -> None:
        self.names = Names()
        self.links = {
            name: getattr(Record, name).through._default_manager.values_list("record_id", target)
            for name, target in THROUGH_TARGETS.items()
        }
        self.details = {kind: model._default_manager.values() for kind, model in DETAIL_MODELS.items()}
        self.people = {
            name: PEOPLE_MODELS[name]
            ._default_manager.order_by("record_id", "id")
            .values_list("record_id", *columns)
            for name, columns in (PEOPLE_FIELDS.items() if with_people else ())
        }

    def snapshots(self, records: Sequence[Any]) -> dict[int, dict]:
        """`snapshot(record)` of each record (a Record or a row of EXPORTED_FIELDS), by id, read with one
        query per related table for them all."""
        wanted = {record.pk for record in records}
        batch = _rows_of(wanted)
        relations = {
            name: self.names.grouped(name, list(links.filter(**batch)), wanted)
            for name, links in self.links.items()
        }
        details: dict[int, dict] = {}
        for kind in {record.kind for record in records}:
            details.update((row["record_id"], row) for row in self.details[kind].filter(**batch))
        people: dict[str, dict[int, list]] = {}
        for name, rows in self.people.items():
            columns = PEOPLE_FIELDS[name]
            grouped: dict[int, list] = {}
            people[name] = grouped
            for record_id, *values in rows.filter(**batch):
                if record_id in wanted:
                    grouped.setdefault(record_id, []).append(dict(zip(columns, values, strict=True)))
        return {
            record.pk: snapshot_of(
                record,
                relations={name: relations[name].get(record.pk, ()) for name in RELATIONS},
                detail=details.get(record.pk, {}),
                people={name: grouped.get(record.pk, []) for name, grouped in people.items()},
            )
            for record in records
        }


def _rows_of(ids: set[int]) -> dict:
    """A filter on `record_id` for the rows of these records. Close together (as in the full export), their
    id range: an index range read, the rows of other records in it left out afterwards. Otherwise a
    subquery on their ids, compiled once for all the reads (given the list, Django checks every id again
    for each read), that reads no record itself (a record's state is stored after its long texts)."""
    low, high = min(ids, default=0), max(ids, default=0)
    if high - low < 2 * len(ids):
        return {"record_id__gte": low, "record_id__lte": high}
    sql, params = Record.objects.filter(pk__in=ids).values("pk").query.sql_with_params()
    return {"record_id__in": RawSQL(sql, params)}


def export_published(format: str) -> Iterator[str]:
    """Every published record, by id, as JSON Lines or CSV text, a batch at a time (memory stays flat)."""
    yield from _header(format)
    reader, after = Reader(with_people=format != "csv"), 0
    published = Record.objects.published().order_by("pk").values_list(*EXPORTED_FIELDS, named=True)
    while True:
        with _cycles_collected_after():
            records = list(published.filter(pk__gt=after)[:BATCH])
            text = _text(records, format, reader)
        if not records:
            return
        yield text
        after = records[-1].pk


def export_records(ids: Iterable[int], format: str, *, batch: int = BATCH) -> Iterator[str]:
    """The records with these ids, in this order, as JSON Lines or CSV text, a batch at a time. Ids of
    records that no longer exist are left out."""
    yield from _header(format)
    reader, pending = Reader(with_people=format != "csv"), []
    for record_id in [*ids, None]:
        if record_id is not None:
            pending.append(record_id)
            if len(pending) < batch:
                continue
        if pending:
            with _cycles_collected_after():
                text = _text(_in_order(pending), format, reader)
            yield text
        pending = []


@contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """A batch makes some thirty short-lived containers per record and no reference cycles; Python's cycle
    collector would still pass over them dozens of times per batch, a tenth of the export's time
    (benchmarks/knowledge_export.py). It runs after the batch instead, once."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _in_order(ids: list[int]) -> list:
    rows = Record.objects.filter(pk__in=ids).values_list(*EXPORTED_FIELDS, named=True)
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _header(format: str) -> Iterator[str]:
    if format == "csv":
        out = io.StringIO()
        csvsafe.writer(out, lineterminator="\n").writerow(CSV_COLUMNS)
        yield out.getvalue()


def _text(records: list, format: str, reader: Reader) -> str:
    if not records:
        return ""
    data = reader.snapshots(records)
    if format == "csv":
        out = io.StringIO()
        csvsafe.writer(out, lineterminator="\n").writerows(
            csv_row(record.pk, data[record.pk]) for record in records
        )
        return out.getvalue()
    return "\n".join([*(_json_line(record, data[record.pk]) for record in records), ""])


def _json_line(record, data: dict) -> str:
    published = record.published_at.isoformat() if record.published_at else None
    return JSON.encode({"id": record.pk, "published_at": published, **data})
