"""Keep the search index up to date: every write of records adds a segment with their columns, words and
word pairs (palermo.knowledge.search.segments).

Call `index_records(ids)` inside the transaction that changed the records (the index then commits or rolls
back with them); `rebuild()` re-indexes everything in batches, each its own transaction, so that the app
keeps answering while it runs.
"""

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, connections, transaction

from palermo.knowledge.models import Record
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchSegment
from palermo.knowledge.search.numbering import TokenNumbers
from palermo.knowledge.search.segments import (
    BUCKET_BITS,
    TOKEN_BITS,
    TokenIds,
    prepare,
    read_columns,
    segment_keys,
    write,
)

BATCH = 10_000
SMALL_SEGMENT = 1_000  # segments with fewer records are merged ...
MAX_SMALL_SEGMENTS = 16  # ... once there are more of them than this


def _write_segment(ids: list[int], vocabulary: TokenIds, numbers: TokenNumbers | None = None) -> int:
    """Index these records (ids of records that no longer exist are marked deleted) as one new segment."""
    return write(prepare(ids, numbers), vocabulary)


def delete_segments(ids: list[int]) -> None:
    """Drop segments with their postings and pairs (each segment's rows are one range of keys)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for segment in ids:
            for model, bits in ((SearchPostings, TOKEN_BITS), (SearchPairs, BUCKET_BITS)):
                sql = f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote('key')} BETWEEN %s AND %s"
                cursor.execute(sql, segment_keys(segment, bits))
    SearchSegment.objects.filter(id__in=ids).delete()


def segment_records(segment_id: int) -> list[int]:
    columns = read_columns(SearchSegment.objects.values_list("columns", flat=True).get(pk=segment_id))
    return columns["record"].tolist()


def index_records(record_ids: Iterable[int]) -> None:
    """(Re)index these records. Call it inside the transaction that changed them."""
    ids = sorted(set(record_ids))
    vocabulary, numbers = TokenIds(), TokenNumbers()
    for start in range(0, len(ids), BATCH):
        _write_segment(ids[start : start + BATCH], vocabulary, numbers)
    merge_small_segments(vocabulary)


def merge_small_segments(vocabulary: TokenIds | None = None) -> None:
    """Re-index the records of many small segments into one, keeping queries to a few segments."""
    small = list(SearchSegment.objects.filter(records__lt=SMALL_SEGMENT).values_list("id", flat=True))
    if len(small) <= MAX_SMALL_SEGMENTS:
        return
    ids = sorted({record for segment in small for record in segment_records(segment)})
    _write_segment(ids, vocabulary or TokenIds())
    delete_segments(small)


# in each worker process: the database's token numbers it has looked up, and its own numbering of words
_worker_vocabulary, _worker_numbers = TokenIds(), TokenNumbers()


def _start_worker() -> None:
    global _worker_vocabulary, _worker_numbers
    connections.close_all()  # a forked process opens its own database connections
    _worker_vocabulary, _worker_numbers = TokenIds(), TokenNumbers()  # learnt afresh, never its parent's


def _workers_allowed() -> bool:
    """Other processes can read the records only if they are committed and in a database file or server."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return not in_memory and not connection.in_atomic_block


def _index_batch(
    ids: list[int], vocabulary: TokenIds | None = None, numbers: TokenNumbers | None = None
) -> int:
    """Prepare and write one batch as a segment, in its own transaction (by default, as a worker)."""
    prepared = prepare(ids, numbers or _worker_numbers)
    with transaction.atomic():
        write(prepared, vocabulary or _worker_vocabulary)
    return len(ids)


def _indexed_batches(batches: list[list[int]], workers: int) -> Iterator[int]:
    """Index the batches, in `workers` other processes when possible (each prepares a batch, then writes
    it in a short transaction; writers take turns); yields each batch's size as it is done."""
    if workers <= 1 or len(batches) <= 1 or not _workers_allowed():
        vocabulary, numbers = TokenIds(), TokenNumbers()
        yield from (_index_batch(batch, vocabulary, numbers) for batch in batches)
        return
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
        yield from pool.imap_unordered(_index_batch, batches)


def rebuild(progress: Callable[[int, int], None] | None = None, batch: int = BATCH, workers: int = 2) -> int:
    """Re-index every record, one transaction per batch; then drop the segments this replaced (their pages
    stay in a SQLite file until `give_back_free_pages()`).

    `workers` processes each read, tokenize and write batches (the writes are short, so searches and
    other writers wait little)."""
    ids = list(Record.objects.order_by("id").values_list("id", flat=True))
    older = list(SearchSegment.objects.values_list("id", flat=True))
    batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
    done = 0
    for size in _indexed_batches(batches, workers):
        done += size
        if progress:
            progress(done, len(ids))
    with secure_delete_fast():
        for segment in older:  # one at a time: each delete holds the write lock only briefly
            with transaction.atomic():
                delete_segments([segment])
    return len(ids)


@contextmanager
def secure_delete_fast() -> Iterator[None]:
    """On SQLite, overwrite deleted content with zeros only where that costs no more writing (`PRAGMA
    secure_delete = FAST`): the tables' own pages are still cleared, the freed pages of long values are not
    (SQLite as Debian builds it zeroes those too, which doubled the time to drop the old index at 1,000,000
    records), and a rebuild's freed pages are given back to the file system right after it
    (`give_back_free_pages`). The connection's setting is restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA secure_delete = FAST")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA secure_delete = {'FAST' if before == 2 else before}")


INCREMENTAL = 2  # SQLite's auto_vacuum mode
VACUUM_STEP = 16_384  # pages given back per transaction (64 MiB of 4 KiB pages)


def give_back_free_pages() -> int:
    """Give the pages of dropped segments back to the file system; returns the bytes given back.

    SQLite keeps a file's freed pages as free pages inside it (a rebuild at 1,000,000 records would leave
    gigabytes). Outside a transaction only (a migration's rebuild leaves them to the next rebuild), and on
    SQLite only: on PostgreSQL, VACUUM (autovacuum) makes the space of deleted rows reusable."""
    if connection.vendor != "sqlite" or connection.in_atomic_block or connection.is_in_memory_db():
        return 0
    with connection.cursor() as cursor:
        return free_pages(cursor)


def free_pages(cursor) -> int:
    """Give a SQLite file's free pages back (a DB-API cursor on it); returns the bytes given back. A file
    made before incremental vacuuming was set (palermo.settings) is converted once, with VACUUM."""

    def pragma(name: str) -> int:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])

    before = pragma("page_count")
    if pragma("freelist_count") and pragma("auto_vacuum") != INCREMENTAL:
        cursor.execute("PRAGMA auto_vacuum = INCREMENTAL")
        cursor.execute("VACUUM")
    free = pragma("freelist_count")
    while free:
        # a step at a time, each its own short transaction, the log written back to the file after each:
        # the pages moved go through the write-ahead log, which would otherwise grow as large as they are
        cursor.executescript(f"PRAGMA incremental_vacuum({VACUUM_STEP});")  # (execute() runs one page)
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.fetchall()
        free, before_step = pragma("freelist_count"), free
        if free >= before_step:  # nothing given back (cannot happen in a file SQLite can vacuum)
            break
    return (before - pragma("page_count")) * pragma("page_size")
