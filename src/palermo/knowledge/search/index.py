"""Write the search index: every write of records adds a segment with their columns, words and word pairs.

Call `index_records(ids)` inside the transaction that changed the records (the index then commits or rolls
back with them); `rebuild()` re-indexes everything in batches, each its own transaction, so that the app
keeps answering while it runs. See palermo.knowledge.models.search for the storage.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
from django.db import connection, transaction
from django.db.models import Q

from palermo.knowledge.models import CaseDetail, CurationState, Defendant, Record, RecordKind, Victim
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchSegment, SearchToken
from palermo.knowledge.search.text import tokens

BATCH = 10_000
BUCKETS = 8192  # word pairs are stored in this many buckets per segment
SMALL_SEGMENT = 1_000  # segments with fewer records are merged ...
MAX_SMALL_SEGMENTS = 16  # ... once there are more of them than this
STATES = list(CurationState.values)  # column codes; DELETED marks a record that no longer exists
DELETED = -1
KINDS = list(RecordKind.values)
MULTI_VALUED = ("crime_type", "facet_value", "cross_cutting", "article", "verdict", "gender", "age")
POSITION_BITS = (
    24  # an occurrence is record << 24 | position: phrases are found in a record's first 16 million words
)


@dataclass(frozen=True)
class Passage:
    """A searchable paragraph of a record; `anchor` links a hit to it on the record page."""

    anchor: str
    language: str
    text: str


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs, as the index numbers them (anchors `<field>-<n>` count these)."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def passages_of(record: Record) -> list[Passage]:
    """Every searchable paragraph of a record, each with a stable anchor for links to it."""
    default = record.text_language or "en"
    items: list[tuple[str, str, str]] = [("title", default, record.title)]
    for field in ("summary", "commentary"):
        for language, text in sorted((getattr(record, field) or {}).items()):
            items += [
                (f"{field}-{language}-{i}", language, p) for i, p in enumerate(paragraphs(text), start=1)
            ]
    items += [(f"text-{i}", default, p) for i, p in enumerate(paragraphs(record.text), start=1)]
    detail = getattr(record, record.kind, None)
    if record.kind == "case" and detail is not None:
        items += [("court", default, detail.court)]
        items += [
            (f"history-{i}", default, p) for i, p in enumerate(paragraphs(detail.procedural_history), 1)
        ]
        items += [(f"ruling-{i}", default, p) for i, p in enumerate(paragraphs(detail.latest_ruling), 1)]
    elif record.kind == "legislation" and detail is not None:
        items += [("law", default, f"{detail.law_title} {detail.provision}")]
    elif record.kind == "bibliography" and detail is not None:
        items += [("publication", default, " ".join([*detail.authors, detail.publisher, *detail.keywords]))]
    elif record.kind == "strategy" and detail is not None:
        items += [("strategy", default, detail.issuing_body)]
    return [Passage(anchor, language, text) for anchor, language, text in items if text and text.strip()]


def pair_bucket(first: int, second: int) -> int:
    return (first * 31 + second) % BUCKETS


class TokenIds:
    """Token text -> number, creating numbers for new tokens (kept for the indexer's lifetime)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def resolve(self, texts: set[str]) -> dict[str, int]:
        missing = sorted(texts - self.ids.keys())
        for _round in range(2):
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                self.ids.update(SearchToken.objects.filter(text__in=chunk).values_list("text", "id"))
            missing = [t for t in missing if t not in self.ids]
            if not missing:
                break
            SearchToken.objects.bulk_create(
                [SearchToken(text=t) for t in missing], ignore_conflicts=True, batch_size=500
            )
        return self.ids


RECORD_FIELDS = (
    "id",
    "kind",
    "title",
    "summary",
    "commentary",
    "text",
    "text_language",
    "state",
    "year",
    "date",
    "published_at",
    "jurisdiction_id",
)
DETAIL_FIELDS = {
    "case": ("court", "procedural_history", "latest_ruling"),
    "legislation": ("law_title", "provision"),
    "bibliography": ("authors", "publisher", "keywords"),
    "strategy": ("issuing_body",),
}


def _records(ids: list[int]) -> list[SimpleNamespace]:
    """What indexing reads of each record, without building model instances (several times faster)."""
    details = [f"{kind}__{name}" for kind, names in DETAIL_FIELDS.items() for name in names]
    rows = Record.objects.filter(_among(ids, "id")).order_by("id").values(*RECORD_FIELDS, *details)
    wanted = set(ids)
    found = []
    for row in rows:
        if row["id"] not in wanted:
            continue
        record = SimpleNamespace(**{name: row[name] for name in RECORD_FIELDS}, pk=row["id"])
        names = DETAIL_FIELDS[record.kind]
        values = {name: row[f"{record.kind}__{name}"] for name in names}
        present = any(v is not None for v in values.values())
        setattr(record, record.kind, SimpleNamespace(**values) if present else None)
        found.append(record)
    return found


def _among(ids: list[int], field: str = "record__id") -> Q:
    """`field` among the sorted ids: a range when there are many (the caller drops rows outside `ids`),
    which the database answers much faster than a list of thousands of values."""
    if len(ids) > 500:
        return Q(**{f"{field}__range": (ids[0], ids[-1])})
    return Q(**{f"{field}__in": ids})


def _pairs(through, target: str, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    wanted = set(ids)
    rows = [
        row
        for row in through.objects.filter(_among(ids)).values_list("record_id", target)
        if row[0] in wanted
    ]
    return _as_arrays(rows, np.int64)


def _as_arrays(rows, value_type) -> tuple[np.ndarray, np.ndarray]:
    records = np.fromiter((r for r, _v in rows), dtype=np.int32, count=len(rows))
    values = np.array([v for _r, v in rows], dtype=value_type) if rows else np.array([], dtype=value_type)
    return records, values


def _columns(records: list[SimpleNamespace], deleted: list[int], lengths: list[int]) -> dict[str, np.ndarray]:
    """What filters, facets and sorting need of each record, as arrays aligned on `record`."""
    ids = [r.pk for r in records]
    court_types = dict(CaseDetail.objects.filter(_among(ids)).values_list("record_id", "court_type"))
    columns: dict[str, np.ndarray] = {
        "record": np.array(ids + deleted, dtype=np.int32),
        "length": np.array(lengths + [0] * len(deleted), dtype=np.int32),
        "state": np.array([STATES.index(r.state) for r in records] + [DELETED] * len(deleted), dtype=np.int8),
        "kind": np.array([KINDS.index(r.kind) for r in records] + [0] * len(deleted), dtype=np.int8),
        "year": np.array([r.year or 0 for r in records] + [0] * len(deleted), dtype=np.int16),
        "date": np.array(
            [r.date.toordinal() if r.date else 0 for r in records] + [0] * len(deleted), dtype=np.int32
        ),
        "published": np.array(
            [r.published_at.timestamp() if r.published_at else 0.0 for r in records] + [0.0] * len(deleted),
            dtype=np.float64,
        ),
        "party": np.array([r.jurisdiction_id or "" for r in records] + [""] * len(deleted), dtype="U8"),
        "court_type": np.array(
            [court_types.get(r.pk, "") for r in records] + [""] * len(deleted), dtype="U20"
        ),
    }
    multi = {
        "crime_type": _pairs(Record.crime_types.through, "term_id", ids),
        "facet_value": _pairs(Record.facet_values.through, "term_id", ids),
        "cross_cutting": _pairs(Record.cross_cutting.through, "term_id", ids),
        "article": _pairs(Record.articles.through, "article_id", ids),
    }
    wanted = set(ids)
    people = [
        row
        for row in Defendant.objects.filter(_among(ids)).values_list("record_id", "verdict", "gender")
        if row[0] in wanted
    ]
    multi["verdict"] = _as_arrays(sorted({(r, v) for r, v, _g in people if v}), "U20")
    multi["gender"] = _as_arrays(sorted({(r, g) for r, _v, g in people if g}), "U20")
    ages = Victim.objects.filter(_among(ids)).exclude(age_group="").values_list("record_id", "age_group")
    multi["age"] = _as_arrays(sorted({row for row in ages if row[0] in wanted}), "U20")
    for name, (owners, values) in multi.items():
        columns[f"{name}.record"], columns[f"{name}.value"] = owners, values
    return columns


def _write_segment(ids: list[int], vocabulary: TokenIds) -> int:
    """Index these records (ids of records that no longer exist are marked deleted) as one new segment."""
    records = _records(ids)
    found = {r.pk for r in records}
    texts = [[(tokens(p.text, p.language)) for p in passages_of(record)] for record in records]
    numbers = vocabulary.resolve({t for passages in texts for passage in passages for t in passage})
    sequence: list[int] = []
    owners: list[int] = []
    positions: list[int] = []
    breaks: list[int] = []  # index in `sequence` of the last token of each passage
    lengths = []
    for record, passages in zip(records, texts, strict=True):
        position = 0
        for passage in passages:
            if not passage:
                continue
            sequence.extend(map(numbers.__getitem__, passage))
            owners += [record.pk] * len(passage)
            positions += range(position, position + len(passage))
            position += len(passage)
            breaks.append(len(sequence) - 1)
        lengths.append(position)
    columns = _columns(records, [i for i in ids if i not in found], lengths)
    buffer = io.BytesIO()
    np.savez(buffer, **columns)  # type: ignore[arg-type]
    segment = SearchSegment.objects.create(records=len(ids), columns=buffer.getvalue())
    tokens_array = np.array(sequence, dtype=np.int64)
    owners_array = np.array(owners, dtype=np.int64)
    _write_postings(segment.pk, tokens_array, owners_array)
    _write_pairs(segment.pk, tokens_array, owners_array, np.array(positions, dtype=np.int64), breaks)
    return segment.pk


def _write_postings(segment: int, sequence: np.ndarray, owners: np.ndarray) -> None:
    keys, counts = np.unique((sequence << 32) | owners, return_counts=True)
    token_of = keys >> 32
    records = (keys & 0xFFFFFFFF).astype(np.int32)
    counts = np.minimum(counts, 65535).astype(np.uint16)
    edges = np.flatnonzero(np.diff(token_of)) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges, [len(keys)]))
    rows = [
        (segment, int(token_of[s]), records[s:e].tobytes(), counts[s:e].tobytes())
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
        if e > s
    ]
    _insert(SearchPostings, ("segment_id", "token_id", "records", "counts"), rows)


def _write_pairs(
    segment: int, sequence: np.ndarray, owners: np.ndarray, positions: np.ndarray, breaks: list[int]
) -> None:
    if len(sequence) < 2:
        return
    joined = np.ones(len(sequence) - 1, dtype=bool)
    last = np.array(breaks, dtype=np.int64)
    joined[last[last < len(sequence) - 1]] = False  # no pair across two passages
    first, second = sequence[:-1][joined], sequence[1:][joined]
    keys = (first << 32) | second
    occurrences = (owners[:-1][joined] << POSITION_BITS) | positions[:-1][joined]
    buckets = (first * 31 + second) % BUCKETS
    if first.max(initial=0) < 1 << 24 and second.max(initial=0) < 1 << 24:
        # one stable sort on (bucket, key) keeps each key's occurrences in record and position order
        order = np.argsort((buckets << 48) | (first << 24) | second, kind="stable")
    else:
        order = np.lexsort((keys, buckets))
    keys, occurrences, buckets = keys[order], occurrences[order], buckets[order]
    bucket_edges = np.flatnonzero(np.diff(buckets)) + 1
    key_edges = np.flatnonzero(np.diff(keys)) + 1
    rows = []
    for start, end in zip(
        np.concatenate(([0], bucket_edges)).tolist(),
        np.concatenate((bucket_edges, [len(keys)])).tolist(),
        strict=True,
    ):
        inside = key_edges[
            np.searchsorted(key_edges, start, "right") : np.searchsorted(key_edges, end, "left")
        ]
        ends = np.concatenate((inside, [end])) - start
        unique = keys[np.concatenate(([start], inside))]
        rows.append(
            (
                segment,
                int(buckets[start]),
                unique.tobytes(),
                ends.astype(np.int64).tobytes(),
                occurrences[start:end].tobytes(),
            )
        )
    _insert(SearchPairs, ("segment_id", "bucket", "keys", "ends", "occurrences"), rows)


def _insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Many rows at once, without building model instances (the index is written at thousands of rows a
    second)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def delete_segments(ids: list[int]) -> None:
    """Drop segments with their postings and pairs (in SQL: there may be millions of rows)."""
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            for model in (SearchPostings, SearchPairs, SearchSegment):
                column = "id" if model is SearchSegment else "segment_id"
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)


def read_columns(blob: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(bytes(blob)), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def segment_records(segment_id: int) -> list[int]:
    columns = read_columns(SearchSegment.objects.values_list("columns", flat=True).get(pk=segment_id))
    return columns["record"].tolist()


def index_records(record_ids: Iterable[int]) -> None:
    """(Re)index these records. Call it inside the transaction that changed them."""
    ids = sorted(set(record_ids))
    vocabulary = TokenIds()
    for start in range(0, len(ids), BATCH):
        _write_segment(ids[start : start + BATCH], vocabulary)
    merge_small_segments(vocabulary)


def merge_small_segments(vocabulary: TokenIds | None = None) -> None:
    """Re-index the records of many small segments into one, keeping queries to a few segments."""
    small = list(SearchSegment.objects.filter(records__lt=SMALL_SEGMENT).values_list("id", flat=True))
    if len(small) <= MAX_SMALL_SEGMENTS:
        return
    ids = sorted({record for segment in small for record in segment_records(segment)})
    _write_segment(ids, vocabulary or TokenIds())
    delete_segments(small)


def rebuild(progress: Callable[[int, int], None] | None = None, batch: int = BATCH) -> int:
    """Re-index every record, one transaction per batch; then drop the segments this replaced."""
    ids = list(Record.objects.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        older = list(SearchSegment.objects.values_list("id", flat=True))
    vocabulary = TokenIds()
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            _write_segment(ids[start : start + batch], vocabulary)
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    with transaction.atomic():
        delete_segments(older)
    return len(ids)
