"""Why the knowledge base does not search with SQLite FTS5: its cost at 1,000,000 documents.

    python3 benchmarks/fts5_baseline.py [--documents 1000000] [--file /tmp/fts5-baseline.db]

Builds (once) an FTS5 table of synthetic documents of 150 words drawn from a 30,000-word Zipf vocabulary,
then times what a faceted search needs before any facet is counted: counting the matches of words from
very common to rare, ranking them with bm25(), fetching their ids, and a phrase of two common words.
Standard library and NumPy only; results in docs/benchmarks.md.
"""

import argparse
import os
import sqlite3
import time

import numpy as np


def build(path: str, documents: int, words: int = 150, vocabulary: int = 30_000) -> None:
    rng = np.random.default_rng(1)
    names = np.array([f"w{i}" for i in range(vocabulary)])
    weights = 1 / np.arange(1, vocabulary + 1) ** 1.05
    weights /= weights.sum()
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE f USING fts5(tokens)")
    started = time.perf_counter()
    for start in range(0, documents, 10_000):
        drawn = rng.choice(vocabulary, size=(10_000, words), p=weights)
        rows = [(start + i + 1, " ".join(names[row])) for i, row in enumerate(drawn)]
        connection.executemany("INSERT INTO f(rowid, tokens) VALUES (?, ?)", rows)
    connection.commit()
    print(f"insert: {documents / (time.perf_counter() - started):,.0f} documents/s")


def timed(connection, sql: str, argument: str) -> tuple[float, object]:
    started = time.perf_counter()
    rows = connection.execute(sql, [argument]).fetchall()
    return (time.perf_counter() - started) * 1000, len(rows) if len(rows) > 1 else rows[0][0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--file", default="/tmp/fts5-baseline.db")
    args = parser.parse_args()
    if not os.path.exists(args.file):
        build(args.file, args.documents)
    connection = sqlite3.connect(args.file)
    print(f"{'word':8} {'matches':>9} {'count ms':>9} {'ids ms':>8} {'bm25 top 20 ms':>15}")
    for word in ["w0", "w5", "w50", "w500", "w5000"]:
        count_ms, count = timed(connection, "SELECT count(*) FROM f WHERE f MATCH ?", word)
        ids_ms, _ids = timed(connection, "SELECT rowid FROM f WHERE f MATCH ?", word)
        rank_ms, _top = timed(
            connection, "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 20", word
        )
        print(f"{word:8} {count:9,} {count_ms:9.0f} {ids_ms:8.0f} {rank_ms:15.0f}")
    phrase_ms, phrase = timed(connection, "SELECT count(*) FROM f WHERE f MATCH ?", '"w0 w1"')
    print(f'phrase "w0 w1": {phrase:,} matches, {phrase_ms:.0f} ms')


if __name__ == "__main__":
    main()
