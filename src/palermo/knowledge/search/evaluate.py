"""Evaluate a parsed query over the index: which records match (a boolean array by record id) and their
BM25 relevance (a float array), reading only the postings of the query's tokens.

Meaning (the reference evaluator in tests/knowledge/test_search.py says the same in plain Python): a word
matches a record if any of its paragraphs has it; a phrase if one paragraph has its words next to each
other; AND, OR and NOT combine these per record.
"""

import json
from collections.abc import Callable
from itertools import pairwise

import numpy as np
from django.db import connection
from django.utils.translation import gettext as _

from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchToken
from palermo.knowledge.search.packing import add_places, add_postings, follows, unpack_pairs, unpack_postings
from palermo.knowledge.search.query import And, Not, Or, Phrase, QueryError, Term
from palermo.knowledge.search.segments import BUCKET_BITS, TOKEN_BITS, pair_bucket, pairs_key, postings_key
from palermo.knowledge.search.snapshot import K1, Snapshot
from palermo.knowledge.search.tags import TAG_WEIGHT, TagNames, tagged
from palermo.knowledge.search.text import fold, sequences, variants

MAX_PREFIX_TOKENS = 2000


def _rows(model, columns: str, keys: list[int]) -> list[tuple]:
    """(key, *columns) of the rows with these keys that exist, in one statement (the keys go as one
    parameter: a JSON array on SQLite, an array on PostgreSQL)."""
    table, key = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name("key")
    if connection.vendor == "sqlite":
        among, keys_parameter = "IN (SELECT value FROM json_each(%s))", json.dumps(keys)
    else:
        among, keys_parameter = "= ANY(%s)", keys
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, {columns} FROM {table} WHERE {key} {among}", [keys_parameter])
        return cursor.fetchall()


class Evaluator:
    def __init__(self, snapshot: Snapshot, language: str = "en", names: TagNames | None = None):
        self.snapshot = snapshot
        self.language = language  # the query's: its words are also looked for as stemmed in it
        self.names = names  # the names of tags, searched too (palermo.knowledge.search.tags)
        # the records in which some word of the query occurs in the text (a snippet is looked for only there)
        self.in_text = np.zeros(snapshot.size, dtype=bool)
        self.known_segments = sorted({segment for segment, _uid in snapshot.key})  # the only ones read
        self.token_ids: dict[str, int] = {}
        self.buckets: dict[int, list[tuple[int, np.ndarray, np.ndarray, bytes]]] = {}

    # -- reading the index ----------------------------------------------------------------------------------
    def resolve(self, texts: set[str]) -> None:
        missing = sorted(texts - self.token_ids.keys())
        for start in range(0, len(missing), 500):
            rows = SearchToken.objects.filter(text__in=missing[start : start + 500]).values_list("text", "id")
            self.token_ids.update(rows)

    def prefix_tokens(self, prefix: str) -> list[int]:
        found = (
            SearchToken.objects.filter(text__startswith=prefix)
            if connection.vendor == "postgresql"
            else (SearchToken.objects.filter(text__gte=prefix, text__lt=prefix + "\U0010ffff"))
        )
        ids = list(found.values_list("id", flat=True)[: MAX_PREFIX_TOKENS + 1])
        if len(ids) > MAX_PREFIX_TOKENS:
            raise QueryError(_("%(prefix)s* matches too many words: add letters") % {"prefix": prefix})
        return ids

    def _live(self, segment: int, records: np.ndarray) -> np.ndarray | slice:
        """Which of these entries of a segment known to the snapshot are current (not re-indexed since)."""
        if segment in self.snapshot.whole:
            return slice(None)
        inside = records < self.snapshot.size
        live = np.zeros(len(records), dtype=bool)
        live[inside] = self.snapshot.segment_of[records[inside]] == segment
        return live

    def token_frequencies(self, ids: list[int]) -> np.ndarray:
        """How often the tokens occur in each record (summed over the tokens), by record id."""
        frequencies = np.zeros(self.snapshot.size, dtype=np.float32)
        if not ids:
            return frequencies
        keys = [postings_key(segment, token) for token in ids for segment in self.known_segments]
        rows = _rows(SearchPostings, "records", keys)
        bases, whole = self.snapshot.postings_bases, self.snapshot.whole
        add_postings(
            [(bases[key >> TOKEN_BITS], blob) for key, blob in rows if key >> TOKEN_BITS in whole],
            frequencies,
        )
        partial = [(key >> TOKEN_BITS, blob) for key, blob in rows if key >> TOKEN_BITS not in whole]
        if partial:  # segments some of whose records a later segment indexed again: their live entries only
            records, counts, lengths = unpack_postings([(bases[segment], blob) for segment, blob in partial])
            segments = np.repeat(np.array([segment for segment, _blob in partial], dtype=np.int32), lengths)
            live = self.snapshot.segment_of[records] == segments
            np.add.at(frequencies, records[live], counts[live])
        return frequencies

    def _bucket(self, bucket: int) -> list[tuple[int, np.ndarray, np.ndarray, memoryview]]:
        """(segment, keys, ends, packed lists) of every segment known to the snapshot, for a bucket."""
        if bucket not in self.buckets:
            layouts = self.snapshot.pair_layouts
            keys = [pairs_key(segment, bucket) for segment in self.known_segments if segment in layouts]
            self.buckets[bucket] = []
            for key, keys_blob, ends, lists in _rows(SearchPairs, "keys, ends, occurrences", keys):
                segment = key >> BUCKET_BITS
                self.buckets[bucket].append(
                    (
                        segment,
                        np.frombuffer(bytes(keys_blob), dtype=np.int64),
                        np.frombuffer(bytes(ends), dtype=np.int32),
                        memoryview(bytes(lists)),
                    )
                )
        return self.buckets[bucket]

    def pair_occurrences(self, first: int, second: int) -> dict[int, np.ndarray]:
        """Where the token pair occurs, by segment, as place << position bits | position (sorted; see
        PairLayout)."""
        key = np.int64((first << 32) | second)
        found = {}
        for segment, keys, ends, lists in self._bucket(pair_bucket(first, second)):
            at = int(np.searchsorted(keys, key))
            if at < len(keys) and keys[at] == key:
                layout = self.snapshot.pair_layouts[segment]
                start = int(ends[at - 1]) if at else 0
                found[segment] = unpack_pairs(
                    lists[start : int(ends[at])], layout.position_bits, layout.dtype
                )
        return found

    def phrase_frequencies(self, words: list[str], frequencies: np.ndarray) -> None:
        """Add to `frequencies` (by record id) how often the tokens occur one after the other in a paragraph
        of each record.

        Each pair's occurrences are matched with the next pair's, segment by segment, in the segment's own
        encoding (no position reaches the next record's: see segments.occurrence_layout); only the
        phrase's starts are turned into records."""
        if any(w not in self.token_ids for w in words):
            return
        ids = [self.token_ids[w] for w in words]
        by_pair = [self.pair_occurrences(first, second) for first, second in pairwise(ids)]
        for segment, starts in by_pair[0].items():
            for offset, occurrences in enumerate(by_pair[1:], start=1):
                if segment not in occurrences or not len(starts):
                    starts = starts[:0]
                    break
                starts = follows(starts, occurrences[segment], offset)
            layout = self.snapshot.pair_layouts[segment]
            if segment in self.snapshot.whole:
                add_places(starts, layout.position_bits, layout.records, frequencies)
            elif len(starts):
                records = layout.records_of(starts)
                np.add.at(frequencies, records[self._live(segment, records)], np.float32(1))

    # -- the query tree -------------------------------------------------------------------------------------
    def prepare(self, node) -> None:
        """Look up the numbers of every token the query names, in one pass."""
        self.resolve(_tokens_of(node, self.language))

    def bm25(self, frequencies: np.ndarray, matched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(matches, BM25 scores) from term frequencies by record id (dense arithmetic: zero stays zero).
        The frequencies are used up: they become the denominators, so that no other array is made."""
        documents = int(np.count_nonzero(matched))
        idf = float(np.log(1 + (self.snapshot.count - documents + 0.5) / (documents + 0.5)))
        scores = frequencies * np.float32(idf * (K1 + 1))
        frequencies += self.snapshot.norm
        scores /= frequencies
        return matched, scores

    def scored(
        self, frequencies: np.ndarray, found: Callable[[TagNames], set]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(matches, BM25 scores) of a node from its frequencies in the text, with TAG_WEIGHT added for each
        record whose tags have a name the node matches."""
        matched = frequencies > 0
        self.in_text |= matched
        records = tagged(self.snapshot, found(self.names)) if self.names is not None else None
        if records is not None:
            frequencies += records * np.float32(TAG_WEIGHT)  # (a masked add, `where=`, is 8 times slower)
            matched |= records
        return self.bm25(frequencies, matched)

    def evaluate(self, node) -> tuple[np.ndarray, np.ndarray | None]:
        """(matches, scores) of a node; a NOT node has no scores."""
        if isinstance(node, Term):
            if node.prefix:
                prefix = fold(node.word)
                frequencies = self.token_frequencies(self.prefix_tokens(prefix))
                return self.scored(frequencies, lambda names: names.with_prefix(prefix))
            found = variants(node.word, self.language)
            single = [v for v in found if " " not in v]
            frequencies = self.token_frequencies([self.token_ids[v] for v in single if v in self.token_ids])
            for variant in found:
                if " " in variant:
                    self.phrase_frequencies(variant.split(), frequencies)
            in_index = [variant.split() for variant in found]
            return self.scored(frequencies, lambda names: _with_any(names, in_index))
        if isinstance(node, Phrase):
            frequencies = np.zeros(self.snapshot.size, dtype=np.float32)
            found_in_index = sequences(node.words, self.language)
            for words in found_in_index:
                if len(words) > 1:
                    self.phrase_frequencies(words, frequencies)
                else:
                    frequencies += self.token_frequencies(
                        [self.token_ids[w] for w in words if w in self.token_ids]
                    )
            return self.scored(frequencies, lambda names: _with_any(names, found_in_index))
        if isinstance(node, Not):
            matched, _scores = self.evaluate(node.child)
            return ~matched, None
        if isinstance(node, (And, Or)):
            results = [self.evaluate(child) for child in node.children]
            combine = np.logical_and if isinstance(node, And) else np.logical_or
            matched = results[0][0]  # each child's arrays are its own: they are combined in place
            for other, _s in results[1:]:
                combine(matched, other, out=matched)
            scored = [child_scores for _m, child_scores in results if child_scores is not None]
            scores = scored[0] if scored else np.zeros(self.snapshot.size, dtype=np.float32)
            for child_scores in scored[1:]:
                scores += child_scores
            return matched, scores
        raise QueryError(_("a search needs at least one word that is not excluded"))


def _with_any(names: TagNames, sequences: list[list[str]]) -> set:
    """The tags with a name holding any of these token sequences."""
    return set().union(*(names.with_sequence(sequence) for sequence in sequences))


def _tokens_of(node, language: str) -> set[str]:
    if isinstance(node, Term):
        return set() if node.prefix else {t for v in variants(node.word, language) for t in v.split()}
    if isinstance(node, Phrase):
        return {t for words in sequences(node.words, language) for t in words}
    if isinstance(node, Not):
        return _tokens_of(node.child, language)
    if isinstance(node, (And, Or)):
        return set().union(*(_tokens_of(c, language) for c in node.children))
    return set()
