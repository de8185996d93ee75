"""The search index's packed lists (palermo.knowledge.search.packing, in C): what they pack comes back
exactly, the bytes are the documented format (read here by plain Python), damaged data is refused without
reading past it, `follows` agrees with a set intersection, and `group` with a plain grouping."""

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.knowledge.search import _packed
from palermo.knowledge.search.packing import (
    add_places,
    add_postings,
    follows,
    gather,
    group,
    pack_pairs,
    pack_postings,
    unpack_pairs,
    unpack_postings,
)

BLOCK = 128


def read_format(data: bytes) -> list[list[tuple[int, int]]]:
    """A plain reading of packed lists one after the other (docs/knowledge.md, "Packed lists"): each list's
    (first field, second field) values."""
    lists, at = [], 0
    while at < len(data):
        length, shift = 0, 0
        while True:
            byte = data[at]
            at += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        values: list[tuple[int, int]] = []
        while len(values) < length:
            size = min(BLOCK, length - len(values))
            first_width, second_width = data[at], data[at + 1]
            bits = int.from_bytes(
                data[at + 2 : at + 2 + (size * (first_width + second_width) + 7) // 8], "little"
            )
            at += 2 + (size * (first_width + second_width) + 7) // 8
            first = [(bits >> (i * first_width)) & ((1 << first_width) - 1) for i in range(size)]
            bits >>= size * first_width
            second = [(bits >> (i * second_width)) & ((1 << second_width) - 1) for i in range(size)]
            values.extend(zip(first, second, strict=True))
        lists.append(values)
    return lists


def postings_from_format(fields: list[tuple[int, int]]) -> list[tuple[int, int]]:
    records, record = [], -1
    for gap, less_one in fields:
        record += gap + 1
        records.append((record, less_one + 1))
    return records


def pairs_from_format(fields: list[tuple[int, int]]) -> list[tuple[int, int]]:
    occurrences, place, position = [], 0, 0
    for index, (gap, step) in enumerate(fields):
        place += gap
        position = position + step + 1 if index and not gap else step
        occurrences.append((place, position))
    return occurrences


postings_lists = st.lists(
    st.dictionaries(st.integers(0, 70_000), st.integers(1, 100_000), min_size=1, max_size=400),
    max_size=6,
)
pairs_lists = st.lists(
    st.sets(st.tuples(st.integers(0, 20_000), st.integers(0, 5_000)), min_size=1, max_size=400), max_size=6
)


def _flat(lists):
    ends = np.cumsum([len(values) for values in lists], dtype=np.int64)
    flat = [pair for values in lists for pair in values]
    first = np.array([a for a, _b in flat], dtype=np.int64)
    second = np.array([b for _a, b in flat], dtype=np.int64)
    return first, second, ends


@settings(max_examples=200, deadline=None)
@given(postings_lists)
def test_postings_come_back_and_are_the_documented_format(lists):
    lists = [sorted(postings.items()) for postings in lists]
    records, counts, ends = _flat(lists)
    data, byte_ends = pack_postings(records, counts, ends)
    assert [postings_from_format(values) for values in read_format(data)] == lists
    starts = [0, *byte_ends.tolist()][:-1]
    pieces = [
        (1000 * i, memoryview(data)[s:e])
        for i, (s, e) in enumerate(zip(starts, byte_ends.tolist(), strict=True))
    ]
    found_records, found_counts, lengths = unpack_postings(pieces)
    assert lengths == [len(values) for values in lists]
    expected = [(1000 * i + r, c) for i, values in enumerate(lists) for r, c in values]
    assert list(zip(found_records.tolist(), found_counts.tolist(), strict=True)) == expected
    frequencies = np.zeros(1000 * len(lists) + 70_001, dtype=np.float32)
    add_postings(pieces, frequencies)  # read and summed in one pass: the same as summing what is read
    summed = np.zeros_like(frequencies)
    np.add.at(summed, found_records, found_counts)
    assert np.array_equal(frequencies, summed)


@settings(max_examples=200, deadline=None)
@given(pairs_lists, st.sampled_from([np.uint32, np.uint64]))
def test_pair_occurrences_come_back_and_are_the_documented_format(lists, dtype):
    lists = [sorted(occurrences) for occurrences in lists]
    places, positions, ends = _flat(lists)
    data, byte_ends = pack_pairs(places, positions, ends)
    assert [pairs_from_format(values) for values in read_format(data)] == lists
    starts = [0, *byte_ends.tolist()][:-1]
    for values, start, end in zip(lists, starts, byte_ends.tolist(), strict=True):
        found = unpack_pairs(memoryview(data)[start:end], 13, np.dtype(dtype))
        assert found.dtype == dtype
        assert found.tolist() == [place << 13 | position for place, position in values]
        records = np.arange(20_001, dtype=np.int32)[::-1].copy()  # the record id of each place
        frequencies = np.zeros(20_001, dtype=np.float32)
        add_places(found, 13, records, frequencies)
        assert np.array_equal(frequencies, np.bincount(records[found >> dtype(13)], minlength=20_001))


def test_a_common_list_takes_a_few_bits_an_entry():
    """A token in every other record, once each: 1 bit a record and none for the counts."""
    records = np.arange(0, 20_000, 2)
    data, _ends = pack_postings(records, np.ones(len(records)), np.array([len(records)]))
    assert len(data) < len(records) / 8 + 2 * (len(records) // BLOCK + 1) + 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # the last block cut short
        lambda data: data[:1],  # only the length
        lambda data: b"\xff\xff",  # a length cut short
        lambda data: data[:1] + b"\x21\x00" + data[3:],  # a bit width above 32
    ],
)
def test_damaged_lists_are_refused_not_read_past(damage):
    places = np.repeat(np.arange(100), 3)
    data, _ends = pack_pairs(places, np.tile([1, 5, 9], 100), np.array([300]))
    with pytest.raises(ValueError, match="damaged search index"):
        unpack_pairs(damage(data), 4, np.dtype(np.uint32))
    with pytest.raises(ValueError, match="damaged search index"):
        unpack_postings([(0, damage(data))])


def test_a_record_or_place_outside_the_arrays_is_refused():
    data, _ends = pack_postings(np.array([5, 9]), np.array([1, 2]), np.array([2]))
    with pytest.raises(ValueError, match="damaged search index"):
        add_postings([(0, data)], np.zeros(9, dtype=np.float32))
    with pytest.raises(ValueError, match="damaged search index"):
        add_places(
            np.array([3 << 4], dtype=np.uint32), 4, np.arange(3, dtype=np.int32), np.zeros(9, np.float32)
        )


def test_packing_refuses_lists_out_of_order_and_arrays_too_small():
    with pytest.raises(ValueError, match="rise"):
        pack_postings(np.array([3, 3]), np.array([1, 1]), np.array([2]))
    with pytest.raises(ValueError, match="rise"):
        pack_pairs(np.array([2, 1]), np.array([0, 0]), np.array([2]))
    with pytest.raises(ValueError, match="disagree"):
        pack_pairs(np.array([1, 2]), np.array([0, 0]), np.array([1]))
    data, _ends = pack_pairs(np.array([1, 2]), np.array([0, 0]), np.array([2]))
    with pytest.raises(ValueError, match="too small"):
        _packed.unpack_pairs(data, 4, np.empty(1, dtype=np.uint32))


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(0, 3_000)),
    st.sets(st.integers(0, 3_000)),
    st.integers(0, 3),
    st.sampled_from([np.uint32, np.uint64]),
)
def test_follows_is_a_shifted_intersection(first, second, offset, dtype):
    a, b = np.array(sorted(first), dtype=dtype), np.array(sorted(second), dtype=dtype)
    assert follows(a, b, offset).tolist() == sorted(v for v in first if v + offset in second)


# records, each a list of paragraphs, each a list of tokens (a few distinct ones, so that pairs repeat)
RECORDS = st.lists(st.lists(st.lists(st.integers(0, 6), max_size=8), max_size=4), max_size=8)


@given(RECORDS)
def test_grouping_equals_a_plain_grouping(records):
    tokens = [token for record in records for paragraph in record for token in paragraph]
    token_count = max(tokens, default=-1) + 2  # (the last token is in no record: its postings are empty)
    found = group(
        np.array(tokens, dtype=np.int32),
        np.array([sum(map(len, record)) for record in records], dtype=np.int64),
        np.array([len(paragraph) for record in records for paragraph in record], dtype=np.int64),
        token_count,
    )
    flat = [[token for paragraph in record for token in paragraph] for record in records]
    postings = [
        [(place, words.count(t)) for place, words in enumerate(flat) if t in words]
        for t in range(token_count)
    ]
    assert found.posting_ends.tolist() == np.cumsum([len(entries) for entries in postings]).tolist()
    assert list(zip(found.posting_places.tolist(), found.posting_counts.tolist(), strict=True)) == [
        entry for entries in postings for entry in entries
    ]
    occurrences: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for place, record in enumerate(records):
        position = 0
        for paragraph in record:
            for at, (first, second) in enumerate(pairwise(paragraph)):
                occurrences.setdefault((first, second), []).append((place, position + at))
            position += len(paragraph)
    pairs = sorted(occurrences)
    assert list(zip(found.pair_first.tolist(), found.pair_second.tolist(), strict=True)) == pairs
    assert found.pair_ends.tolist() == np.cumsum([len(occurrences[pair]) for pair in pairs]).tolist()
    assert list(zip(found.places.tolist(), found.positions.tolist(), strict=True)) == [
        occurrence for pair in pairs for occurrence in occurrences[pair]
    ]


def test_grouping_refuses_tokens_out_of_range_and_lengths_that_do_not_add_up():
    tokens, one = np.array([0, 1, 2], dtype=np.int32), np.array([3], dtype=np.int64)
    with pytest.raises(ValueError, match="outside"):
        group(tokens, one, one, 2)
    with pytest.raises(ValueError, match="add up"):
        group(tokens, np.array([2], dtype=np.int64), one, 3)
    with pytest.raises(ValueError, match="add up"):
        group(tokens, one, np.array([1, 1], dtype=np.int64), 3)
    assert group(tokens[:0], one[:0], one[:0], 0).posting_ends.tolist() == []


@given(st.lists(st.binary(max_size=6), max_size=8), st.data())
def test_gather_puts_the_lists_in_the_order_asked(lists, data):
    order = data.draw(st.lists(st.integers(0, len(lists) - 1), max_size=10) if lists else st.just([]))
    joined, ends = gather(
        b"".join(lists), np.cumsum([len(x) for x in lists], dtype=np.int64), np.array(order)
    )
    assert joined == b"".join(lists[i] for i in order)
    assert ends.tolist() == np.cumsum([len(lists[i]) for i in order]).tolist()


def test_gather_refuses_lists_out_of_order_or_outside_the_data():
    with pytest.raises(ValueError, match="outside"):
        gather(b"abc", np.array([1, 3]), np.array([2]))
    with pytest.raises(ValueError, match="not in order"):
        gather(b"abc", np.array([2, 1]), np.array([0]))
    with pytest.raises(ValueError, match="not in order"):
        gather(b"abc", np.array([1, 4]), np.array([0]))
