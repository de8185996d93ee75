"""The search index, stored in the database so that every process on every machine sees the same one.

It is derived data (`palermo reindex-knowledge` rebuilds it from the records) written in *segments*: each
write of one or more records adds a segment holding those records' search columns, the documents of their
words and the positions of their word pairs. A record's latest segment is the live one; older entries for
it are ignored and dropped when small segments are merged or the index is rebuilt. The layout and the
reasons for it are in docs/knowledge.md ("The search engine").
"""

import uuid

from django.db import models


class SearchToken(models.Model):
    """One index token (a stemmed word, or a pair of CJK characters) and its number."""

    text = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.text


class SearchSegment(models.Model):
    """The search data of the records written together. `columns` holds their filter and facet values
    (a NumPy .npz archive); `uid` tells a reused id apart from the segment a process has loaded."""

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    records = models.PositiveIntegerField(default=0)
    columns = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"segment {self.pk} ({self.records} records)"


class RowKey(models.BigIntegerField):
    """A 64-bit primary key that the index writer computes. On SQLite it is declared INTEGER, so that it is
    the table's rowid: the rows are stored in key order, with no second B-tree to keep up to date."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class SearchPostings(models.Model):
    """The records of one segment containing one token and how often, as one packed list (palermo.
    knowledge.search.packing; records counted from the segment's lowest id).

    `key` is segment << 32 | token (see palermo.knowledge.search.segments.postings_key): a new segment's rows
    go to the end of the table and a dropped segment's rows are one range, however large the index; a
    token's rows are read by key, one per segment."""

    key = RowKey(primary_key=True)
    records = models.BinaryField()

    def __str__(self) -> str:
        return f"postings {self.key}"


class SearchPairs(models.Model):
    """Where adjacent token pairs occur in one segment, for phrases, for the pairs whose key falls in one
    bucket: `keys` (sorted int64, first token << 32 | second), `ends` (int32, where each key's list ends in
    `occurrences`, in bytes) and `occurrences` (each key's packed list of occurrences: the record's place in
    the segment and the position of the pair's first token; palermo.knowledge.search.packing).

    `key` is segment << 13 | bucket (palermo.knowledge.search.segments.pairs_key), for the same reasons as
    the postings'."""

    key = RowKey(primary_key=True)
    keys = models.BinaryField()
    ends = models.BinaryField()
    occurrences = models.BinaryField()

    def __str__(self) -> str:
        return f"pairs {self.key}"
