"""The search columns of every record in memory, as NumPy arrays indexed by record id.

Each process keeps one `Snapshot`, built from the index segments and brought up to date before every search
(one small query tells whether segments were added or removed; added ones are read on top, a removal
means a full reload). Filters, facet counts and sorting then run over arrays instead of SQL joins.
"""

import ctypes
import threading
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from django.db import connection

from palermo.knowledge.models.search import SearchSegment
from palermo.knowledge.search.segments import (
    DELETED,
    MULTI_VALUED,
    STATES,
    coded,
    postings_base,
    read_columns,
)

K1, B = 1.2, 0.75  # BM25 parameters
# Facets are counted a slice at a time, so that counting (in a thread of its own: engine._facet_counter)
# makes no large temporary arrays, which a thread's own heap would keep.
ROWS_AT_ONCE = 8  # bitsets (1,000,000 records: 1 MB)
CODES_AT_ONCE = 1 << 16  # records' value codes
PUBLISHED = STATES.index("published")


@dataclass
class Codes:
    """Values of one column as small integers (code 0 is the empty value)."""

    values: list = field(default_factory=lambda: [""])
    index: dict = field(default_factory=lambda: {"": 0})

    def encode(self, raw: np.ndarray) -> np.ndarray:
        unique, inverse = np.unique(raw, return_inverse=True)
        codes = np.empty(len(unique), dtype=np.int32)
        for position, value in enumerate(unique.tolist()):
            if value not in self.index:
                self.index[value] = len(self.values)
                self.values.append(value)
            codes[position] = self.index[value]
        return codes[inverse.reshape(-1)] if len(raw) else np.zeros(0, dtype=np.int32)

    def coded(self, names: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The codes of a column stored as its distinct values (`names`) and each row's place among them."""
        return self.encode(names)[rows] if len(rows) else np.zeros(0, dtype=np.int32)


class Bitsets:
    """One bitset per value of a facet (row = value code, bit = record id): the records having that value.

    Counting a facet over any selection is then a bitwise AND and a population count per value, whatever
    the number of records selected (about 7 ms for all facets together at 1,000,000 records).
    """

    def __init__(self, values: list, bits: np.ndarray):
        self.values = values
        self.bits = bits
        self._rows: dict | None = None

    @classmethod
    def of(cls, values: list, records: np.ndarray, codes: np.ndarray, size: int) -> "Bitsets":
        """The bitsets of (record, value code) pairs."""
        bits = np.zeros((len(values), words_for(size)), dtype=np.uint64)
        set_bits(bits, records, codes)
        return cls(values, bits)

    @property
    def nbytes(self) -> int:
        return self.bits.nbytes

    def counts(self, selected_bits: np.ndarray, selected: np.ndarray) -> np.ndarray:
        """Records per value among the selected (`selected_bits`: the selection packed, see `pack`)."""
        found = np.zeros(len(self.values), dtype=np.int64)
        for start in range(0, len(self.values), ROWS_AT_ONCE):
            rows = self.bits[start : start + ROWS_AT_ONCE]
            found[start : start + ROWS_AT_ONCE] = np.bitwise_count(rows & selected_bits).sum(axis=1)
        return found

    def rows(self, values) -> list[int]:
        """The rows (value codes) of those of these values that some record has."""
        if self._rows is None:
            self._rows = {value: row for row, value in enumerate(self.values)}
        return [self._rows[value] for value in values if value in self._rows]

    def having(self, code: int | None, size: int) -> np.ndarray:
        """A boolean array by record id: the records with this value."""
        if code is None:
            return np.zeros(size, dtype=bool)
        return np.unpackbits(self.bits[code].view(np.uint8), bitorder="little", count=size).view(bool)

    def any_of(self, rows: list[int], size: int) -> np.ndarray:
        """A boolean array by record id: the records with any of these values (rows)."""
        union = np.bitwise_or.reduce(self.bits[rows], axis=0)
        return np.unpackbits(union.view(np.uint8), bitorder="little", count=size).view(bool)


class Coded:
    """A facet with one value per record, held as the column of each record's value code instead of
    bitsets: counting it is counting the selected records' codes, faster than the bitsets of a State's 200
    values and 21 MB less at 1,000,000 records; for a facet of a few values, bitsets are faster. Same
    methods as Bitsets."""

    def __init__(self, values: list, codes: np.ndarray, live: np.ndarray):
        self.values, self.codes, self.live = values, codes, live
        self._rows: dict | None = None
        # each code plus one, in the fewest bytes: multiplied by the selection, unselected records count as 0
        self.shifted = (codes + 1).astype(np.uint8 if len(values) < 255 else np.uint16)

    @property
    def nbytes(self) -> int:
        return self.shifted.nbytes  # (the codes are the snapshot's own column)

    def counts(self, selected_bits: np.ndarray, selected: np.ndarray) -> np.ndarray:
        """Records per value among the selected: a multiplication and a count over small integers, a slice
        at a time (2 ms at 1,000,000 records, where gathering the selected records' codes first took 5)."""
        found = np.zeros(len(self.values) + 1, dtype=np.int64)
        for start in range(0, len(self.shifted), CODES_AT_ONCE):
            end = start + CODES_AT_ONCE
            found += np.bincount(self.shifted[start:end] * selected[start:end], minlength=len(found))
        return found[1:]

    rows = Bitsets.rows

    def having(self, code: int | None, size: int) -> np.ndarray:
        if code is None:
            return np.zeros(size, dtype=bool)
        return (self.codes == code) & self.live

    def any_of(self, rows: list[int], size: int) -> np.ndarray:
        chosen = np.zeros(len(self.values), dtype=bool)
        chosen[rows] = True
        return chosen[self.codes] & self.live


def words_for(size: int) -> int:
    """64-bit words in a bitset of `size` records."""
    return (size + 63) // 64


def set_bits(bits: np.ndarray, records: np.ndarray, codes: np.ndarray) -> None:
    """Set the bit of each (record, value code) pair in bitsets of shape (values, words)."""
    flat = bits.reshape(-1).view(np.uint8)
    records = records.astype(np.int64)
    at = codes.astype(np.int64) * (bits.shape[1] * 8) + (records >> 3)
    np.bitwise_or.at(flat, at, (1 << (records & 7)).astype(np.uint8))


@dataclass
class Multi:
    """A multi-valued column, held as its bitsets (one row per value code). The segments read since the last
    join wait in `parts` as (segment, records, value codes)."""

    codes: Codes = field(default_factory=Codes)
    bits: np.ndarray = field(default_factory=lambda: np.zeros((1, 0), dtype=np.uint64))
    parts: list = field(default_factory=list)

    def join(self, segment_of: np.ndarray, indexed_again: np.ndarray) -> Bitsets:
        """The bitsets with the pairs of the segments read since the last join added: a record's pairs from
        its latest segment (`segment_of`) only; the bits held before go for the records these segments
        indexed again (`indexed_again`, by record id)."""
        shape = (len(self.codes.values), words_for(len(segment_of)))
        if self.parts or self.bits.shape != shape:
            bits = np.zeros(shape, dtype=np.uint64)
            held_rows, held_words = self.bits.shape
            bits[:held_rows, :held_words] = self.bits
            if held_words and indexed_again.any():
                bits[:held_rows, :held_words] &= ~pack(indexed_again)[:held_words]
            for segment, records, values in self.parts:
                live = segment_of[records] == segment
                set_bits(bits, records[live], values[live])
            self.bits, self.parts = bits, []
        return Bitsets(list(self.codes.values), self.bits)


def _resized(column: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.zeros(capacity, dtype=column.dtype)
    grown[: len(column)] = column
    return grown


def pack(selected: np.ndarray) -> np.ndarray:
    """A boolean array by record id as the bitset Bitsets works with."""
    words = (len(selected) + 63) // 64
    packed = np.zeros(words * 8, dtype=np.uint8)
    packed[: (len(selected) + 7) // 8] = np.packbits(selected, bitorder="little")
    return packed.view(np.uint64)


@dataclass(frozen=True)
class PairLayout:
    """How a phrase reads a segment's word-pair occurrences (palermo.knowledge.search.segments.
    occurrence_layout)."""

    records: np.ndarray  # record id by place in the segment
    position_bits: int
    dtype: np.dtype

    @classmethod
    def of(cls, columns: dict[str, np.ndarray]) -> "PairLayout":
        position_bits, width = columns["pair_layout"].tolist()
        return cls(columns["record"].astype(np.int32), position_bits, np.dtype(f"<u{width // 8}"))

    def records_of(self, stored: np.ndarray) -> np.ndarray:
        """The record id of each stored occurrence."""
        return self.records[stored >> stored.dtype.type(self.position_bits)]


SINGLE = {"length": np.int32, "state": np.int8, "kind": np.int8, "year": np.int16, "date": np.int32}


class Snapshot:
    def __init__(self) -> None:
        self.key: list[tuple[int, str]] = []
        self.size = 0
        self.segment_of = np.zeros(0, dtype=np.int32)
        self.indexed_again = np.zeros(0, dtype=bool)  # records read since the last settle
        self.columns: dict[str, np.ndarray] = {name: np.zeros(0, dtype=t) for name, t in SINGLE.items()}
        self.columns["published"] = np.zeros(0, dtype=np.float64)
        self.party = np.zeros(0, dtype=np.int32)
        self.court_type = np.zeros(0, dtype=np.int32)
        self.parties, self.court_types = Codes(), Codes()
        self.multi = {name: Multi() for name in MULTI_VALUED}
        self._date_rank: tuple[np.ndarray, np.ndarray] | None = None  # (ids newest first, rank of each id)
        self.pair_layouts: dict[int, PairLayout] = {}
        self.postings_bases: dict[int, int] = {}  # segment -> what its postings count records from
        self.segment_sizes: dict[int, int] = {}
        self.whole: set[int] = set()  # segments none of whose records a later segment re-indexed
        self.settle()  # an empty index is a valid snapshot too (a new installation searches it)

    # -- loading -------------------------------------------------------------------------------------------
    def _grow(self, size: int) -> None:
        """Room for record ids below `size`. The arrays grow by half again at least, so that loading a
        hundred segments copies them a few times, not a hundred (`settle` trims them to `size`)."""
        if size <= self.size:
            return
        capacity = len(self.segment_of)
        if size > capacity:
            capacity = max(size, capacity + capacity // 2)
            self.segment_of = _resized(self.segment_of, capacity)
            self.indexed_again = _resized(self.indexed_again, capacity)
            self.columns = {name: _resized(column, capacity) for name, column in self.columns.items()}
            self.party, self.court_type = _resized(self.party, capacity), _resized(self.court_type, capacity)
        self.columns["state"][self.size : size] = DELETED
        self.size = size

    def add(self, segment: int, columns: dict[str, np.ndarray]) -> None:
        records = columns["record"]
        if len(records):
            self._grow(int(records.max()) + 1)
        self.segment_of[records] = segment
        self.indexed_again[records] = True
        self.pair_layouts[segment] = PairLayout.of(columns)
        self.postings_bases[segment] = postings_base(columns)
        self.segment_sizes[segment] = len(records)
        for name in self.columns:
            self.columns[name][records] = columns[name]
        self.party[records] = self.parties.coded(*coded(columns, "party"))
        self.court_type[records] = self.court_types.coded(*coded(columns, "court_type"))
        for name, multi in self.multi.items():
            if f"{name}.record" not in columns:  # a segment written before the column existed
                continue
            owners = columns[f"{name}.record"].astype(np.int32)
            multi.parts.append((segment, owners, multi.codes.coded(*coded(columns, f"{name}.value"))))

    def settle(self) -> None:
        """Clear the facet bits of records that a later segment re-indexed; derive what queries share."""
        if len(self.segment_of) > self.size:  # the room `_grow` left
            self.segment_of = self.segment_of[: self.size].copy()
            self.columns = {name: column[: self.size].copy() for name, column in self.columns.items()}
            self.party, self.court_type = self.party[: self.size].copy(), self.court_type[: self.size].copy()
        written = np.bincount(self.segment_of, minlength=max(self.segment_sizes, default=0) + 1)
        self.whole = {segment for segment, size in self.segment_sizes.items() if written[segment] == size}
        state = self.columns["state"]
        self.live = state != DELETED
        self.published = state == PUBLISHED
        self.count = int(self.live.sum())
        lengths = self.columns["length"].astype(np.float32)
        average = float(lengths[self.live].mean()) if self.count else 1.0
        self.norm = (K1 * (1 - B + B * lengths / max(average, 1.0))).astype(np.float32)
        self._date_rank = None
        live_ids = np.flatnonzero(self.live)
        self.facets: dict[str, Bitsets | Coded] = {}
        for name, column in (("kind", self.columns["kind"]), ("year", self.columns["year"])):
            values, codes = np.unique(column[live_ids], return_inverse=True)
            self.facets[name] = Bitsets.of(values.tolist(), live_ids, codes.reshape(-1), self.size)
        self.facets["party"] = Coded(list(self.parties.values), self.party, self.live)
        court_types = list(self.court_types.values)  # a handful: bitsets count them fastest
        self.facets["court_type"] = Bitsets.of(court_types, live_ids, self.court_type[live_ids], self.size)
        for name, multi in self.multi.items():
            self.facets[name] = multi.join(self.segment_of, self.indexed_again)
        self.indexed_again = np.zeros(self.size, dtype=bool)

    def having(self, facet: str, value) -> np.ndarray:
        """The records with this value of a facet (a boolean array by record id)."""
        bitsets = self.facets[facet]
        code = bitsets.values.index(value) if value in bitsets.values else None
        return bitsets.having(code, self.size)

    def date_rank(self) -> np.ndarray:
        """Position of each record in "newest first" order: year, then date (unknown last), then id."""
        return self._newest()[1]

    def newest_first(self) -> np.ndarray:
        """Every record id, newest first (the order of `date_rank`)."""
        return self._newest()[0]

    def _newest(self) -> tuple[np.ndarray, np.ndarray]:
        if self._date_rank is None:  # once per snapshot, in 32 bits, the heap its sorting used given back
            year, date = self.columns["year"].astype(np.int32), self.columns["date"]
            ids = np.arange(self.size, dtype=np.int32)
            order = np.lexsort((-ids, -date, date == 0, -year, year == 0)).astype(np.int32)
            rank = np.empty(self.size, dtype=np.int32)
            rank[order] = np.arange(self.size, dtype=np.int32)
            self._date_rank = order, rank
            give_back_memory()
        return self._date_rank


_lock = threading.Lock()
_current = Snapshot()


def _segment_list() -> list[tuple[int, str]]:
    table = connection.ops.quote_name(SearchSegment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, uid FROM {table} ORDER BY id")
        return [(int(i), str(u)) for i, u in cursor.fetchall()]


def current() -> Snapshot:
    """The snapshot of the committed index as this connection sees it now."""
    global _current
    segments = _segment_list()
    with _lock:
        snapshot = _current
        if segments == snapshot.key:
            return snapshot
        known = set(snapshot.key)
        if known.issubset(segments) and all(
            s > max(known, default=(0, "")) for s in segments if s not in known
        ):
            fresh = [s for s in segments if s not in known]
            snapshot = _copy(snapshot)
        else:
            fresh, snapshot = segments, Snapshot()
        for segment, _uid in fresh:  # one blob at a time: the process never holds them all at once
            blob = SearchSegment.objects.filter(id=segment).values_list("columns", flat=True).first()
            if blob is not None:
                snapshot.add(segment, read_columns(blob))
        snapshot.settle()
        snapshot.key = segments
        _current = snapshot
        if len(fresh) > 1:
            give_back_memory()
        return snapshot


@cache
def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has malloc_trim), else None."""
    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def give_back_memory() -> None:
    """Return to the operating system the heap that loading the columns freed (glibc).

    Giving every large array pages of its own instead (mallopt's M_MMAP_THRESHOLD at 1 MiB) kept a process
    at 278 MB after the query mix at 1,000,000 records instead of 325, but doubled the time of every
    search (each array's pages faulted in afresh): not done. Reusing a search's arrays is the way left."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def _copy(old: Snapshot) -> Snapshot:
    """A snapshot to extend without disturbing searches still reading the old one."""
    new = Snapshot()
    new.size, new.segment_of = old.size, old.segment_of.copy()
    new.indexed_again = np.zeros(old.size, dtype=bool)
    new.columns = {name: column.copy() for name, column in old.columns.items()}
    new.party, new.court_type = old.party.copy(), old.court_type.copy()
    new.pair_layouts, new.segment_sizes = dict(old.pair_layouts), dict(old.segment_sizes)
    new.postings_bases = dict(old.postings_bases)
    new.parties, new.court_types = (
        Codes(list(old.parties.values), dict(old.parties.index)),
        Codes(list(old.court_types.values), dict(old.court_types.index)),
    )
    for name, multi in old.multi.items():
        new.multi[name] = Multi(Codes(list(multi.codes.values), dict(multi.codes.index)), multi.bits)
    return new
