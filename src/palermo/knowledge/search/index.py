"""Keep the search index up to date: every write of records adds a segment with their columns, words and
word pairs (palermo.knowledge.search.segments).

Call `index_records(ids)` inside the transaction that changed the records (the index then commits or rolls
back with them); `rebuild()` re-indexes everything in batches, each its own transaction, so that the app
keeps answering while it runs.
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, connections, transaction

from palermo.knowledge.models import Record
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchSegment
from palermo.knowledge.search.segments import Prepared, TokenIds, prepare, read_columns, write

BATCH = 10_000
SMALL_SEGMENT = 1_000  # segments with fewer records are merged ...
MAX_SMALL_SEGMENTS = 16  # ... once there are more of them than this


def _write_segment(ids: list[int], vocabulary: TokenIds) -> int:
    """Index these records (ids of records that no longer exist are marked deleted) as one new segment."""
    return write(prepare(ids), vocabulary)


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


def _start_worker() -> None:
    connections.close_all()  # a forked process opens its own database connections


def _workers_allowed() -> bool:
    """Other processes can read the records only if they are committed and in a database file or server."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return not in_memory and not connection.in_atomic_block


def _prepared(batches: list[list[int]], workers: int) -> Iterator[Prepared]:
    """The batches prepared in order, by `workers` other processes when possible, never more than a few
    batches ahead of the writer (each holds megabytes)."""
    if workers <= 1 or len(batches) <= 1 or not _workers_allowed():
        yield from map(prepare, batches)
        return
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
        waiting: deque = deque()
        for batch in batches:
            waiting.append(pool.apply_async(prepare, (batch,)))
            if len(waiting) > workers:
                yield waiting.popleft().get()
        while waiting:
            yield waiting.popleft().get()


def rebuild(progress: Callable[[int, int], None] | None = None, batch: int = BATCH, workers: int = 2) -> int:
    """Re-index every record, one transaction per batch; then drop the segments this replaced.

    `workers` processes read and tokenize the next batches while this one writes (the write is short, so
    searches and other writers wait little)."""
    ids = list(Record.objects.order_by("id").values_list("id", flat=True))
    older = list(SearchSegment.objects.values_list("id", flat=True))
    batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
    vocabulary = TokenIds()
    done = 0
    for prepared in _prepared(batches, workers):
        with transaction.atomic():
            write(prepared, vocabulary)
        done += len(prepared.ids)
        if progress:
            progress(done, len(ids))
    for segment in older:  # one at a time: each delete holds the write lock only briefly
        with transaction.atomic():
            delete_segments([segment])
    return len(ids)
