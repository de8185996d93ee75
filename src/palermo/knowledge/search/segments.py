"""One segment of the search index: prepare records (read, tokenize, group; no writes, so other processes
can do it) and write what was prepared (token numbers, postings, word-pair positions, search columns).
See palermo.knowledge.models.search for the storage and docs/knowledge.md for the design."""

import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import SimpleNamespace

import numpy as np
from django.db import connection
from django.db.models import Q

from palermo.knowledge.models import CaseDetail, CurationState, Defendant, Record, RecordKind, Victim
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchSegment, SearchToken
from palermo.knowledge.search.numbering import TokenNumbers
from palermo.knowledge.search.packing import gather, group, pack_pairs, pack_postings
from palermo.knowledge.search.passages import paragraph_items

BUCKET_BITS = 13
BUCKETS = 1 << BUCKET_BITS  # word pairs are stored in this many buckets per segment
TOKEN_BITS = 32
STATES = list(CurationState.values)  # column codes; DELETED marks a record that no longer exists
DELETED = -1
KINDS = list(RecordKind.values)
MULTI_VALUED = (
    "crime_type",
    "facet_value",
    "cross_cutting",
    "article",
    "verdict",
    "gender",
    "age",
    "country",
)


def pair_bucket(first: int, second: int) -> int:
    return (first * 31 + second) % BUCKETS


def postings_key(segment: int, token: int) -> int:
    """The key of a segment's postings row for a token (the rows of a segment are one range of keys)."""
    return segment << TOKEN_BITS | token


def pairs_key(segment: int, bucket: int) -> int:
    return segment << BUCKET_BITS | bucket


def segment_keys(segment: int, bits: int) -> tuple[int, int]:
    """The first and last key of a segment's rows, for keys made of the segment and `bits` more bits."""
    return segment << bits, ((segment + 1) << bits) - 1


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
    """What indexing reads of each record, read with a plain cursor and converted here (building model
    instances, or Django's converters, would take most of the time)."""
    details = [f"{kind}__{name}" for kind, names in DETAIL_FIELDS.items() for name in names]
    query = Record.objects.filter(_among(ids, "id")).order_by("id").values_list(*RECORD_FIELDS, *details)
    with connection.cursor() as cursor:
        cursor.execute(*query.query.sql_with_params())
        rows = cursor.fetchall()
    wanted = set(ids)
    found = []
    detail_at, at = {}, len(RECORD_FIELDS)  # where each kind's detail columns are in a row
    for kind, names in DETAIL_FIELDS.items():
        detail_at[kind], at = at, at + len(names)
    for row in rows:
        if row[0] not in wanted:
            continue
        record = SimpleNamespace(**dict(zip(RECORD_FIELDS, row, strict=False)), pk=row[0])
        record.summary, record.commentary = _json(record.summary), _json(record.commentary)
        record.date, record.published_at = _date(record.date), _moment(record.published_at)
        names, at = DETAIL_FIELDS[record.kind], detail_at[record.kind]
        values = dict(zip(names, row[at : at + len(names)], strict=True))
        if record.kind == "bibliography":
            values["authors"], values["keywords"] = _json(values["authors"]), _json(values["keywords"])
        present = any(v is not None for v in values.values())
        setattr(record, record.kind, SimpleNamespace(**values) if present else None)
        found.append(record)
    return found


def _json(value):
    """A JSON column's value: both databases hand it over as text (Django has psycopg load jsonb as text)."""
    return json.loads(value) if isinstance(value, str) else value


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value) -> datetime | None:
    """A date and time column's value; SQLite keeps it in UTC without a time zone (as text, or as a naive
    datetime when the driver parses declared types)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


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
    }
    parties = [r.jurisdiction_id or "" for r in records] + [""] * len(deleted)
    store_coded(columns, "party", np.array(parties, dtype=str))
    store_coded(
        columns,
        "court_type",
        np.array([court_types.get(r.pk, "") for r in records] + [""] * len(deleted), dtype=str),
    )
    multi = {
        "crime_type": _pairs(Record.crime_types.through, "term_id", ids),
        "facet_value": _pairs(Record.facet_values.through, "term_id", ids),
        "cross_cutting": _pairs(Record.cross_cutting.through, "term_id", ids),
        "article": _pairs(Record.articles.through, "article_id", ids),
    }
    wanted = set(ids)
    concerned = Record.countries.through.objects.filter(_among(ids)).values_list("record_id", "party_id")
    multi["country"] = _as_arrays(sorted(row for row in concerned if row[0] in wanted), "U8")
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
        columns[f"{name}.record"] = owners
        if values.dtype.kind == "U":
            store_coded(columns, f"{name}.value", values)
        else:
            columns[f"{name}.value"] = values.astype(np.int32)  # ids of terms and articles
    return columns


def store_coded(columns: dict[str, np.ndarray], name: str, values: np.ndarray) -> None:
    """Store a column of strings as its distinct values ("NAME.names") and each row's code into them
    ("NAME.codes", 16 bits): a tenth of the room, and faster to load."""
    names, codes = np.unique(values, return_inverse=True)
    columns[f"{name}.names"] = names
    columns[f"{name}.codes"] = codes.reshape(-1).astype(np.uint16 if len(names) <= 1 << 16 else np.int32)


def coded(columns: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, each row's code into them) of a column, stored coded or (by an earlier version)
    as plain values."""
    if f"{name}.names" in columns:
        return columns[f"{name}.names"], columns[f"{name}.codes"]
    names, codes = np.unique(columns[name], return_inverse=True)
    return names, codes.reshape(-1)


def stored_values(columns: dict[str, np.ndarray], name: str) -> np.ndarray:
    """A column's value for each row, however it is stored."""
    names, codes = coded(columns, name)
    return names[codes]


@dataclass
class Prepared:
    """Records made ready for the index without writing anything, so that other processes can do this part.

    Tokens are numbered locally (into `vocabulary`); the writer maps them to their `SearchToken` numbers.
    Each token's postings and each word pair's occurrences come as a packed list (palermo.knowledge.search.
    packing), the lists one after the other, in token and in pair order."""

    ids: list[int]
    vocabulary: list[str]
    columns: dict[str, np.ndarray]
    posting_tokens: np.ndarray  # local token of each postings list
    posting_ends: np.ndarray  # where each list ends in `postings`
    postings: bytes  # records (minus the segment's base, postings_base) and counts
    pair_first: np.ndarray  # local tokens of each distinct pair
    pair_second: np.ndarray
    pair_ends: np.ndarray  # where each pair's list ends in `pairs`
    pairs: bytes  # occurrences: the record's place in the segment and the position in it


def occurrence_layout(records: int, longest: int) -> tuple[int, type]:
    """How a phrase reads a segment's word-pair occurrences once unpacked: the record's place among the
    segment's records, shifted left by the bits the longest record's length needs, or-ed with the position;
    32 bits when that fits (nearly always: 10,000 records of up to 262,143 words), 64 otherwise. Positions
    stay below 2 ** bits - 2, so a phrase's start moved back across a record's beginning never meets a pair
    of the record before."""
    position_bits = max(1, longest.bit_length())
    return position_bits, np.uint32 if (max(records, 1) - 1).bit_length() + position_bits <= 32 else np.uint64


def postings_base(columns: dict[str, np.ndarray]) -> int:
    """What a segment's postings lists count their records from: its lowest record id."""
    return int(columns["record"].min()) if len(columns["record"]) else 0


def _tokenize(records: list[SimpleNamespace], numbers: TokenNumbers) -> tuple[np.ndarray, ...]:
    """(token numbers of all records in order, tokens per non-empty paragraph, tokens per record)."""
    codes = bytearray()
    code_lengths: list[int] = []
    paragraphs_per_record: list[int] = []
    for record in records:
        count = 0
        for _anchor, language, text in paragraph_items(record):
            words = numbers.add_codes(codes, text, language)
            if words:
                code_lengths.append(words)
                count += 1
        paragraphs_per_record.append(count)
    numbered, paragraph_lengths = numbers.expand(codes, code_lengths)
    paragraph_owner = np.repeat(np.arange(len(records)), paragraphs_per_record)
    lengths = np.bincount(paragraph_owner, weights=paragraph_lengths, minlength=len(records)).astype(np.int64)
    return numbered, paragraph_lengths[paragraph_lengths > 0], lengths


def prepare(ids: list[int], numbers: TokenNumbers | None = None) -> Prepared:
    """Read, tokenize and group these records (`numbers` may be kept from batch to batch)."""
    numbers = numbers or TokenNumbers()
    records = _records(ids)
    found = {r.pk for r in records}
    numbered, paragraph_lengths, lengths = _tokenize(records, numbers)
    seen = np.zeros(len(numbers.texts), dtype=bool)
    seen[numbered] = True
    vocabulary = [numbers.texts[number] for number in np.flatnonzero(seen).tolist()]
    local = (np.cumsum(seen, dtype=np.int32) - 1)[numbered]
    lists = group(local, lengths, paragraph_lengths, len(vocabulary))
    columns = _columns(records, [i for i in ids if i not in found], lengths.tolist())
    position_bits, occurrence_type = occurrence_layout(len(records), int(lengths.max(initial=0)))
    columns["pair_layout"] = np.array([position_bits, np.dtype(occurrence_type).itemsize * 8])
    record_numbers = np.array([r.pk for r in records], dtype=np.int64) - postings_base(columns)
    postings, posting_ends = pack_postings(
        record_numbers[lists.posting_places], lists.posting_counts, lists.posting_ends
    )
    pair_lists, pair_ends = pack_pairs(lists.places, lists.positions, lists.pair_ends)
    return Prepared(
        ids=ids,
        vocabulary=vocabulary,
        columns=columns,
        posting_tokens=np.arange(len(vocabulary)),
        posting_ends=posting_ends,
        postings=postings,
        pair_first=lists.pair_first,
        pair_second=lists.pair_second,
        pair_ends=pair_ends,
        pairs=pair_lists,
    )


def write(prepared: Prepared, vocabulary: TokenIds) -> int:
    """Write prepared records as one new segment; returns its id."""
    numbers = vocabulary.resolve(set(prepared.vocabulary))
    mapping = np.array([numbers[t] for t in prepared.vocabulary] or [0], dtype=np.int64)
    if int(mapping.max()) >= 1 << TOKEN_BITS:
        raise OverflowError("more than 2**32 search tokens: the postings key cannot hold them")
    buffer = io.BytesIO()
    np.savez(buffer, **prepared.columns)  # type: ignore[arg-type]
    segment = SearchSegment.objects.create(records=len(prepared.ids), columns=buffer.getvalue())
    _write_postings(segment.pk, mapping, prepared)
    _write_pairs(segment.pk, mapping, prepared)
    return segment.pk


def _write_postings(segment: int, mapping: np.ndarray, prepared: Prepared) -> None:
    keys = mapping[prepared.posting_tokens] | (segment << TOKEN_BITS)
    ends = prepared.posting_ends
    order = np.argsort(keys)  # in key order: each row then goes to the end of the table
    starts = np.concatenate(([0], ends[:-1]))[order].tolist()
    data = prepared.postings
    rows = [
        (key, data[start:end])
        for key, start, end in zip(keys[order].tolist(), starts, ends[order].tolist(), strict=True)
    ]
    _insert(SearchPostings, ("key", "records"), rows)


def _write_pairs(segment: int, mapping: np.ndarray, prepared: Prepared) -> None:
    """Store the pairs by bucket of their (database) token numbers, keys sorted within each bucket; a row's
    `ends` say where each key's list ends in its `occurrences`."""
    if not len(prepared.pair_ends):
        return
    first, second = mapping[prepared.pair_first], mapping[prepared.pair_second]
    keys = (first << 32) | second
    buckets = (first * 31 + second) % BUCKETS
    order = np.lexsort((keys, buckets))
    lists, ends = gather(prepared.pairs, prepared.pair_ends, order)
    keys, buckets = keys[order], buckets[order]
    starts = np.flatnonzero(np.diff(buckets, prepend=-1))  # each row's first pair
    stops = np.append(starts[1:], len(keys))
    first_bytes = np.concatenate(([0], ends))[starts]  # where each row's lists start and end in `lists`
    last_bytes = ends[stops - 1]
    relative = (ends - np.repeat(first_bytes, stops - starts)).astype(np.int32).tobytes()
    key_bytes = keys.tobytes()
    rows = [
        (
            pairs_key(segment, bucket),
            key_bytes[8 * start : 8 * stop],
            relative[4 * start : 4 * stop],
            lists[low:high],
        )
        for bucket, start, stop, low, high in zip(
            buckets[starts].tolist(),
            starts.tolist(),
            stops.tolist(),
            first_bytes.tolist(),
            last_bytes.tolist(),
            strict=True,
        )
    ]
    _insert(SearchPairs, ("key", "keys", "ends", "occurrences"), rows)


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


def read_columns(blob: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(bytes(blob)), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}
