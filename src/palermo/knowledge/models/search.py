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


class SearchPostings(models.Model):
    """The records of one segment containing one token (sorted int32) and how often (uint16)."""

    segment = models.ForeignKey(SearchSegment, on_delete=models.CASCADE, related_name="+")
    token = models.ForeignKey(SearchToken, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    records = models.BinaryField()
    counts = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["token", "segment"], name="search_postings_token_idx")]

    def __str__(self) -> str:
        return f"token {self.token_id} in segment {self.segment_id}"


class SearchPairs(models.Model):
    """Where adjacent token pairs occur in one segment, for phrases, for the pairs whose key falls in
    `bucket`: `keys` (sorted int64, first token << 32 | second), `ends` (int32, where each key's
    occurrences end) and `occurrences` (the record's place in the segment, shifted left by the segment's
    position bits, or-ed with the position of the pair's first token; uint32, or int64 in the rare segment
    where that does not fit: the segment's columns say which, under "pair_layout")."""

    segment = models.ForeignKey(SearchSegment, on_delete=models.CASCADE, related_name="+")
    bucket = models.PositiveIntegerField()
    keys = models.BinaryField()
    ends = models.BinaryField()
    occurrences = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["bucket", "segment"], name="search_pairs_bucket_idx")]

    def __str__(self) -> str:
        return f"pair bucket {self.bucket} in segment {self.segment_id}"
