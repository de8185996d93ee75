"""The columns of an investigation's entities and links (Arrow tables) turned into the columns of its graph
with NumPy and Arrow instead of a Python loop per row: a million links in about three seconds, not twenty.

Every id becomes a number: the entity's row, found for the ends of links and the relationships with dates
by one Arrow hash join; the links are sorted once by (entity id, property, target) and counted per distinct
source; each relationship's ends are then paired (every source with every target: usually
one of each). Canonical entities of several records are few (merges): their common schema, caption and
countries are worked out in Python, as are the sources of the rare link several sources state. The
order of the result is the order `build.py` documents."""

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from palermo.networks.ftm.model import model

EMPTY_DATES = ("", "")


def is_edge(name: str) -> bool:
    found = model.get(name)
    return bool(found is not None and found.edge)


def common_schema(names: set[str]) -> str:
    if len(names) == 1:
        return next(iter(names))
    result = None
    for name in sorted(names):
        schema = model.get(name)
        if schema is None:
            continue
        result = schema if result is None else model.common_schema(result, schema)
    return result.name if result is not None else sorted(names)[0]


def _array(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


@dataclass
class Ids:
    """Entities and canonical entities as numbers (codes): an entity row's code is its row; a canonical id
    that no row holds gets a code after them. `dictionary[code]` is the id, `rank[code]` its place in
    code-point order; `canonical` the code of each row's canonical entity; `link_row`, `value_row` and
    `dated_row` the entity row of each link's entity and value and of each date's entity (-1: none)."""

    dictionary: pa.ChunkedArray
    rank: np.ndarray
    canonical: np.ndarray
    link_row: np.ndarray
    value_row: np.ndarray
    dated_row: np.ndarray


def _rows_of(keys: pa.ChunkedArray, entity_ids: pa.Table) -> np.ndarray:
    """The entity row of each key, -1 where no row holds it (Arrow's hash join, on both cores)."""
    found = np.full(len(keys), -1, dtype=np.int64)
    if not len(keys) or not entity_ids.num_rows:
        return found
    probe = pa.table({"key": keys, "at": pa.array(np.arange(len(keys)))})
    joined = probe.join(entity_ids, keys="key", right_keys="entity_id", join_type="inner", use_threads=True)
    found[joined["at"].to_numpy()] = joined["row"].to_numpy()
    return found


def _chunks(column: pa.ChunkedArray | pa.Array) -> list[pa.Array]:
    return column.chunks if isinstance(column, pa.ChunkedArray) else [column]


def encode(entities: pa.Table, links: pa.Table, dates: pa.Table) -> Ids:
    # Columns of millions of ids are kept in the chunks Arrow read them in (joining them is a copy).
    ids = entities["entity_id"]
    count = len(ids)
    entity_ids = pa.table({"entity_id": ids, "row": pa.array(np.arange(count))})
    canonical = entities["canonical_id"]
    merged = pc.not_equal(canonical, ids).to_numpy()  # most entities are their own canonical entity
    others = _array(canonical.filter(pa.array(merged)))
    # every id to find, in one probe of one hash table: canonical ids of merges, links' ends, dated entities
    parts = [others, links["entity_id"], links["value"], dates["entity_id"]]
    probe = pa.chunked_array([chunk for part in parts for chunk in _chunks(part)], type=pa.string())
    found = _rows_of(probe, entity_ids)
    bounds = np.cumsum([0, *(len(part) for part in parts)])
    rows, link_row, value_row, dated_row = (found[a:b] for a, b in pairwise(bounds))
    canonical_code = np.arange(count)
    dictionary = pa.chunked_array(_chunks(ids), type=pa.string())
    if len(others):
        unheld = pc.dictionary_encode(others.filter(pa.array(rows < 0)))  # canonical ids no row holds
        rows = rows.copy()
        rows[rows < 0] = count + unheld.indices.to_numpy()
        canonical_code[merged] = rows
        dictionary = pa.chunked_array([*dictionary.chunks, unheld.dictionary], type=pa.string())
    return Ids(dictionary, _ranks(dictionary, count), canonical_code, link_row, value_row, dated_row)


def _ranks(dictionary: pa.ChunkedArray, count: int) -> np.ndarray:
    """The code-point rank of each id (nothing is sorted when the entities came in the order of their ids
    and every canonical id is an entity's)."""
    if len(dictionary) == count and (
        count < 2 or pc.all(pc.less(dictionary.slice(0, count - 1), dictionary.slice(1, count - 1))).as_py()
    ):
        return np.arange(count, dtype=np.int64)
    order = pc.sort_indices(dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


@dataclass
class Entities:
    """Per canonical code: `vertex` its number (-1 for a relationship or a code that is not canonical),
    `schema` an index into `schema_names`, `is_edge`; `vertex_codes` the code of each vertex in order;
    `groups` the caption and countries of canonical entities of several records."""

    vertex: np.ndarray
    schema: np.ndarray
    schema_names: list[str]
    is_edge: np.ndarray
    vertex_codes: np.ndarray
    groups: dict[int, tuple[str, tuple[str, ...]]]


def entities(ids: Ids, table: pa.Table) -> Entities:
    size = len(ids.dictionary)
    members = np.bincount(ids.canonical, minlength=size)
    by_schema = pc.dictionary_encode(_array(table["schema"]))
    schema_names = by_schema.dictionary.to_pylist()
    schema = np.zeros(size, dtype=np.int64)
    schema[ids.canonical] = by_schema.indices.to_numpy()
    groups: dict[int, tuple[str, tuple[str, ...]]] = {}
    grouped: dict[int, list[int]] = {}
    for row in np.flatnonzero(members[ids.canonical] > 1).tolist():
        grouped.setdefault(int(ids.canonical[row]), []).append(row)
    for code, rows in grouped.items():
        rows.sort(key=lambda row: (row != code, ids.rank[row]))
        name = common_schema({table["schema"][row].as_py() for row in rows})
        if name not in schema_names:
            schema_names.append(name)
        schema[code] = schema_names.index(name)
        countries = {c for row in rows for c in table["countries"][row].as_py().split()}
        groups[code] = (table["caption"][rows[0]].as_py(), tuple(sorted(countries)))
    edge = np.array([is_edge(name) for name in schema_names], dtype=bool)[schema]
    canonical_codes = np.flatnonzero(members > 0)
    canonical_codes = canonical_codes[np.argsort(ids.rank[canonical_codes], kind="stable")]
    vertex_codes = canonical_codes[~edge[canonical_codes]]
    vertex = np.full(size, -1, dtype=np.int64)
    vertex[vertex_codes] = np.arange(len(vertex_codes))
    return Entities(vertex, schema, schema_names, edge, vertex_codes, groups)


def vertex_values(ids: Ids, held: Entities, table: pa.Table) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(canonical id, schema, caption, countries) of each vertex, in vertex order: a canonical entity of one
    record takes its record's caption and countries, a merge its group's."""
    first = np.zeros(len(ids.dictionary), dtype=np.int64)
    first[ids.canonical] = np.arange(len(ids.canonical))  # the row of a canonical entity of one record
    rows = pa.array(first[held.vertex_codes])
    captions = _array(table["caption"]).take(rows).to_pylist()
    texts = _array(table["countries"]).take(rows).to_pylist()
    canonical_ids = ids.dictionary.take(pa.array(held.vertex_codes)).to_pylist()
    schema_names = [held.schema_names[i] for i in held.schema[held.vertex_codes].tolist()]
    known: dict[str, tuple[str, ...]] = {}
    result = []
    for code, canonical_id, schema, caption, text in zip(
        held.vertex_codes.tolist(), canonical_ids, schema_names, captions, texts, strict=True
    ):
        group = held.groups.get(code)
        if group is not None:
            result.append((canonical_id, schema, *group))
            continue
        countries = known.get(text)
        if countries is None:
            countries = known[text] = tuple(sorted(set(text.split())))
        result.append((canonical_id, schema, caption, countries))
    return result


def _sorted_keys(entity_rank: np.ndarray, prop_rank: np.ndarray, target: np.ndarray) -> np.ndarray:
    """One integer per (entity, property, target), in that order."""
    widths = [int(values.max()).bit_length() for values in (prop_rank, target)]
    if int(entity_rank.max()).bit_length() + sum(widths) <= 62:
        return (entity_rank << (widths[0] + widths[1])) | (prop_rank << widths[1]) | target
    order = np.lexsort((target, prop_rank, entity_rank))
    same = np.zeros(len(order), dtype=bool)
    same[1:] = True
    for values in (target, prop_rank, entity_rank):
        same[1:] &= values[order][1:] == values[order][:-1]
    key = np.empty(len(order), dtype=np.int64)
    key[order] = np.cumsum(~same) - 1
    return key


@dataclass
class Stated:
    """The distinct (entity, property, target vertex) links in order: the entity's row and canonical code,
    the property's number, the target, the entity's rank, how many sources state it and the first of
    them; `members(i)` the sources of link i."""

    row: np.ndarray
    canonical: np.ndarray
    prop: np.ndarray
    target: np.ndarray
    rank: np.ndarray
    count: np.ndarray
    first: np.ndarray
    starts: np.ndarray
    all_sources: np.ndarray

    def members(self, i: int) -> set[int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.all_sources)
        return set(self.all_sources[self.starts[i] : end].tolist())


def stated_links(ids: Ids, held: Entities, table: pa.Table) -> tuple[Stated, list[str]]:
    """The links from an entity some ready source holds to a vertex, each once, and the names of the
    properties (by number)."""
    row, value_row = ids.link_row, ids.value_row
    by_prop = pc.dictionary_encode(_array(table["prop"]))
    prop_names = by_prop.dictionary.to_pylist()
    prop = by_prop.indices.to_numpy().astype(np.int64)
    source = _array(table["source_id"]).to_numpy().astype(np.int64)
    target = np.full(len(row), -1, dtype=np.int64)
    known = (row >= 0) & (value_row >= 0)
    target[known] = held.vertex[ids.canonical[value_row[known]]]
    keep = np.flatnonzero(known & (target >= 0))
    empty = np.zeros(0, dtype=np.int64)
    if not len(keep):
        return Stated(*[empty] * 9), prop_names
    row, prop, target, source = row[keep], prop[keep], target[keep], source[keep]
    prop_order = np.empty(len(prop_names), dtype=np.int64)
    prop_order[sorted(range(len(prop_names)), key=prop_names.__getitem__)] = np.arange(len(prop_names))
    entity_rank = ids.rank[row]
    key = _sorted_keys(entity_rank, prop_order[prop], target)
    order = np.lexsort((source, key))
    key, source = key[order], source[order]
    new_key = np.ones(len(key), dtype=bool)
    new_key[1:] = key[1:] != key[:-1]
    new_pair = new_key.copy()
    new_pair[1:] |= source[1:] != source[:-1]
    starts = np.flatnonzero(new_key)
    count = np.add.reduceat(new_pair.astype(np.int64), starts)
    firsts = order[starts]
    stated = Stated(
        row[firsts],
        ids.canonical[row[firsts]],
        prop[firsts],
        target[firsts],
        entity_rank[firsts],
        count,
        source[starts],
        starts,
        source,
    )
    return stated, prop_names


@dataclass
class Edges:
    """The graph's edges in order: ends (vertex numbers) and, per edge, the entity row it came from, its
    schema's index, its property ("" for a relationship) and how many sources state it."""

    source: np.ndarray
    target: np.ndarray
    row: np.ndarray
    schema: np.ndarray
    prop: list[str]
    sources: np.ndarray


def edges(held: Entities, stated: Stated, prop_names: list[str]) -> Edges:
    """Every edge: a link of an entity that is a vertex (from it to the target), and each pairing of a
    relationship's sources with its targets; ordered by entity id, then (property, target), or (source,
    target) for a relationship."""
    code = stated.canonical
    relationship = held.is_edge[code]
    schema = held.schema[code]
    plain = np.flatnonzero(~relationship & (held.vertex[code] >= 0))  # links held by vertices
    ends = np.array([_ends(name, prop_names) for name in held.schema_names], dtype=np.int64).reshape(-1, 2)
    sides = [np.flatnonzero(relationship & (stated.prop == ends[schema, side])) for side in (0, 1)]
    left, right = _pairs(stated.rank, *sides)
    order = np.argsort(np.concatenate([stated.rank[plain], stated.rank[left]]), kind="stable")
    count = stated.count
    together = 1 + (stated.first[left] != stated.first[right]).astype(np.int64)
    for i in np.flatnonzero((count[left] > 1) | (count[right] > 1)).tolist():
        together[i] = len(stated.members(int(left[i])) | stated.members(int(right[i])))
    names = [*prop_names, ""]
    props = np.concatenate([stated.prop[plain], np.full(len(left), len(prop_names), dtype=np.int64)])[order]
    return Edges(
        source=np.concatenate([held.vertex[code[plain]], stated.target[left]])[order],
        target=np.concatenate([stated.target[plain], stated.target[right]])[order],
        row=np.concatenate([stated.row[plain], stated.row[left]])[order],
        schema=np.concatenate([schema[plain], schema[left]])[order],
        prop=[names[i] for i in props.tolist()],
        sources=np.concatenate([count[plain], together])[order],
    )


def _ends(name: str, prop_names: list[str]) -> tuple[int, int]:
    """The numbers of a relationship schema's source and target properties (-1 if not stated)."""
    schema = model.get(name)
    if schema is None or not schema.edge:
        return -1, -1
    numbers = [
        prop_names.index(p) if p in prop_names else -1 for p in (schema.edge_source, schema.edge_target)
    ]
    return numbers[0], numbers[1]


def _pairs(rank: np.ndarray, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each entity (by rank) on both sides, every left link paired with every right link, left-major;
    both sides come sorted by rank."""
    left_ranks, left_start, left_count = np.unique(rank[left], return_index=True, return_counts=True)
    right_ranks, right_start, right_count = np.unique(rank[right], return_index=True, return_counts=True)
    _, in_left, in_right = np.intersect1d(left_ranks, right_ranks, assume_unique=True, return_indices=True)
    a, b = left_count[in_left], right_count[in_right]
    sizes = a * b
    group = np.repeat(np.arange(len(sizes)), sizes)
    position = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return (
        left[left_start[in_left][group] + position // b[group]],
        right[right_start[in_right][group] + position % b[group]],
    )


def dates(ids: Ids, held: Entities, table: pa.Table) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """The earliest and latest date written of each relationship: per entity row an index into the list
    of (earliest, latest), 0 (no date) for the others."""
    index = np.zeros(len(ids.canonical), dtype=np.int64)
    spans: list[tuple[str, str]] = [EMPTY_DATES]
    row = ids.dated_row
    keep = row >= 0
    keep[keep] = held.is_edge[ids.canonical[row[keep]]]
    if not keep.any():
        return index, spans
    values = _array(table["value"]).filter(pa.array(keep))
    grouped = (
        pa.table({"row": row[keep], "value": values})
        .group_by("row")
        .aggregate([("value", "min"), ("value", "max")])
    )
    index[grouped["row"].to_numpy()] = np.arange(1, grouped.num_rows + 1)
    spans.extend(zip(grouped["value_min"].to_pylist(), grouped["value_max"].to_pylist(), strict=True))
    return index, spans
