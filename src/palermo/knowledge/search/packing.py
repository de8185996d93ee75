"""The search index's lists, bit-packed: a token's postings (records and counts) and a word pair's
occurrences (record and position), a few bits an entry where plain arrays took 3 and 4 bytes. The work is
done in C (`_packed.c`, built by `make install`); the format is in docs/knowledge.md, "Packed lists"."""

from typing import NamedTuple

import numpy as np

try:
    from palermo.knowledge.search import _packed
except ImportError as error:  # pragma: no cover (a checkout used without `make install`)
    raise ImportError(
        "the search index's C module is not built: run `make install` (or `pip install -e .`)"
    ) from error


def _int64(values: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(values, dtype=np.int64)


def pack_postings(records: np.ndarray, counts: np.ndarray, ends: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Lists of rising record numbers (from 0) and their counts (at least 1), list i ending at ends[i];
    returns the packed lists one after the other and where each ends in them."""
    data, where = _packed.pack_postings(_int64(records), _int64(counts), _int64(ends))
    return data, np.frombuffer(where, dtype=np.int64)


def pack_pairs(places: np.ndarray, positions: np.ndarray, ends: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Lists of occurrences, each in (place, position) order without repeats, list i ending at ends[i];
    returns the packed lists one after the other and where each ends in them."""
    data, where = _packed.pack_pairs(_int64(places), _int64(positions), _int64(ends))
    return data, np.frombuffer(where, dtype=np.int64)


def gather(data: bytes, ends: np.ndarray, order: np.ndarray) -> tuple[bytes, np.ndarray]:
    """The lists of `data` (list i ending at byte ends[i]) one after the other in `order` (list numbers),
    and where each ends in the result."""
    lists, where = _packed.gather(data, _int64(ends), _int64(order))
    return lists, np.frombuffer(where, dtype=np.int64)


def unpack_postings(lists: list[tuple[int, memoryview | bytes]]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(records, counts, lengths) of packed postings lists given as (base, list): each list's records plus
    its base, as int32, and their counts, as float32, the lists one after the other, and each list's
    length."""
    lengths = [_packed.length(data) for _base, data in lists]
    records = np.empty(sum(lengths), dtype=np.int32)
    counts = np.empty(len(records), dtype=np.float32)
    start = 0
    for (base, data), length in zip(lists, lengths, strict=True):
        end = start + length
        _packed.unpack_postings(data, base, records[start:end], counts[start:end])
        start = end
    return records, counts, lengths


def unpack_pairs(data: memoryview | bytes, position_bits: int, dtype: np.dtype) -> np.ndarray:
    """A packed list of occurrences as place << position_bits | position (`dtype`: uint32 or uint64)."""
    occurrences = np.empty(_packed.length(data), dtype=dtype)
    _packed.unpack_pairs(data, position_bits, occurrences)
    return occurrences


def follows(first: np.ndarray, second: np.ndarray, offset: int) -> np.ndarray:
    """The values v of `first` for which v + offset is in `second` (both sorted, of one unsigned type)."""
    found = np.empty(len(first), dtype=first.dtype)
    return found[: _packed.follows(first, second, offset, found)]


def add_postings(lists: list[tuple[int, memoryview | bytes]], frequencies: np.ndarray) -> None:
    """Add the counts of packed postings lists given as (base, list) to `frequencies` (float32, by record
    id), as they are read."""
    for base, data in lists:
        _packed.add_postings(data, base, frequencies)


def add_places(
    occurrences: np.ndarray, position_bits: int, records: np.ndarray, frequencies: np.ndarray
) -> None:
    """Add 1 to `frequencies` (float32, by record id) at the record of each occurrence (`records`: the record
    id by place in the segment)."""
    _packed.add_places(occurrences, position_bits, records, frequencies)


class Grouped(NamedTuple):
    """What a segment's lists hold before they are packed (`group`)."""

    posting_places: np.ndarray  # each postings entry's record, as its place among the segment's records
    posting_counts: np.ndarray  # and how often the token is in it
    posting_ends: np.ndarray  # where each token's entries end (token 0, 1, ...)
    pair_first: np.ndarray  # the tokens of each distinct word pair, in (first, second) order
    pair_second: np.ndarray
    places: np.ndarray  # each occurrence's record place and its position in the record, pair after pair
    positions: np.ndarray
    pair_ends: np.ndarray  # where each pair's occurrences end


def group(
    tokens: np.ndarray, record_lengths: np.ndarray, paragraph_lengths: np.ndarray, token_count: int
) -> Grouped:
    """Group the tokens of a segment's records (one after the other; each below `token_count`, with
    `record_lengths` and `paragraph_lengths` tokens a record and a paragraph) into postings and word pairs
    (two tokens in a row in one paragraph); in C, by counting sorts."""
    found = _packed.group(
        np.ascontiguousarray(tokens, dtype=np.int32),
        _int64(record_lengths),
        _int64(paragraph_lengths),
        token_count,
    )
    types = (np.int64, np.int64, np.int64, np.int32, np.int32, np.int64, np.int64, np.int64)
    return Grouped(*(np.frombuffer(data, dtype=dtype) for data, dtype in zip(found, types, strict=True)))
