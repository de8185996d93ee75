"""Rows read as Arrow tables (graph/reading.py): the database's CSV text read by Arrow gives exactly what
reading row by row gives, on SQLite and PostgreSQL, with any text in a quoted column; a value the fast
way cannot read falls back to row by row."""

import pyarrow as pa
import pytest
from django.db import connection

from palermo.networks.graph import reading

SCHEMA = pa.schema([("entity_id", pa.string()), ("caption", pa.string()), ("number", pa.int64())])
TEXTS = [
    "plain",
    'a "quoted", name',
    "two\nlines",
    "قاسم عبد الله",
    "",
    "trailing,",
    "O'Brien, 'Jr'",
    "''",
    "王小明 \u2018x\u2019",
]


def query(ids: list[str], captions: list[str]) -> str:
    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    rows = [
        f"SELECT {literal(entity)} AS entity_id, {literal(caption)} AS caption, {number} AS number"
        for number, (entity, caption) in enumerate(zip(ids, captions, strict=True))
    ]
    return "SELECT * FROM (" + " UNION ALL ".join(rows) + ") AS rows_ WHERE number >= %s"


def both_ways(sql: str, monkeypatch) -> tuple[pa.Table, pa.Table]:
    with connection.cursor() as cursor:
        fast = reading.read(cursor, sql, [0], SCHEMA, plain=False)
        monkeypatch.setattr(reading, "_joined", lambda *args: None)
        slow = reading.read(cursor, sql, [0], SCHEMA, plain=False)
    return fast, slow


@pytest.mark.django_db
def test_any_text_in_a_quoted_column_reads_as_row_by_row(monkeypatch):
    ids = [f"id-{n}" for n in range(len(TEXTS))]
    fast, slow = both_ways(query(ids, TEXTS), monkeypatch)
    assert fast.equals(slow)
    assert sorted(fast["caption"].to_pylist()) == sorted(TEXTS)
    assert fast.schema == SCHEMA


@pytest.mark.django_db
def test_a_comma_in_a_plain_query_falls_back_to_row_by_row(monkeypatch):
    calls = []
    joined = reading._joined
    monkeypatch.setattr(reading, "_joined", lambda *args: calls.append(found := joined(*args)) or found)
    with connection.cursor() as cursor:
        table = reading.read(cursor, query(["a,b", "c"], ["x", "y"]), [0], SCHEMA, plain=True)
    assert calls == [None]  # Arrow found four columns where there are three: not trusted
    assert sorted(table["entity_id"].to_pylist()) == ["a,b", "c"]


@pytest.mark.django_db
def test_no_rows_is_an_empty_table(monkeypatch):
    with connection.cursor() as cursor:
        table = reading.read(cursor, query(["a"], ["x"]).replace(">= %s", "< %s"), [0], SCHEMA)
    assert table.num_rows == 0 and table.schema == SCHEMA


@pytest.mark.django_db
@pytest.mark.parametrize("plain", [True, False])
def test_quotes_and_line_breaks_in_any_column_read_as_written(plain):
    ids = ['"a,b"', 'c"d', "e", '"f"', "g\nh", "'i'", "j'k"]
    with connection.cursor() as cursor:
        table = reading.read(
            cursor, query(ids, ["x", '"y"', "z", "", "w", "'v'", "u"]), [0], SCHEMA, plain=plain
        )
    assert sorted(table["entity_id"].to_pylist()) == sorted(ids)
    assert sorted(table["caption"].to_pylist()) == sorted(["x", '"y"', "z", "", "w", "'v'", "u"])
