"""The rows of a query as an Arrow table, read the fastest way each database allows.

Rows fetched one by one become a Python tuple and objects per value, which then have to be turned into
columns: half the time of a graph's build. The database joins the rows into one CSV text instead, which
Arrow reads in C. A query whose texts can hold no comma, quote or line break (`plain`: FtM ids, names of
schemata and properties, dates, numbers) is joined as it is, and read with no quoting at all: a comma or a
line break would give a row the wrong number of columns, which Arrow refuses. Any other query has every
text between quotes (a quote inside written twice). Anything the fast way cannot read (a text over the database's limit, an unexpected
comma) is read again row by row: the result is the same, only slower."""

from contextlib import nullcontext

import pyarrow as pa
from django.db import DatabaseError, connection, transaction
from pyarrow import csv


def read(cursor, sql: str, params: list, schema: pa.Schema, *, plain: bool = False) -> pa.Table:
    """The rows of `sql`, whose columns are named as the fields of `schema`, as a table of `schema`;
    `plain`: no text it returns holds a comma, quote or line break."""
    found = _joined(cursor, sql, params, schema, plain)
    if found is not None:
        return found
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    return pa.table(
        [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)], schema=schema
    )


def _joined(cursor, sql: str, params: list, schema: pa.Schema, plain: bool) -> pa.Table | None:
    """The rows joined into CSV by the database and read by Arrow, or None if that failed."""
    quoted = not plain
    postgresql = connection.vendor == "postgresql"
    # Texts between quotes, a quote inside written twice: SQLite's quote() does it with ' (faster than a
    # replace), PostgreSQL with " (its quote_literal would write a backslash its own way).
    mark = '"' if postgresql else "'"
    values = [
        (f"'\"' || replace(q.{field.name}, '\"', '\"\"') || '\"'" if postgresql else f"quote(q.{field.name})")
        if quoted and pa.types.is_string(field.type)
        else f"q.{field.name}"
        for field in schema
    ]
    if postgresql:
        columns = ", ".join(f"{value}::text" for value in values)
        joined = f"SELECT string_agg(concat_ws(',', {columns}), E'\\n') FROM ({sql}) AS q"
    else:
        columns = " || ',' || ".join(values)
        joined = (
            f"SELECT CAST(group_concat({columns}, char(10)) AS BLOB) FROM ({sql}) AS q"  # bytes: not decoded
        )
    # On PostgreSQL a failed statement (a text over 1 GB) ends the transaction around it: a savepoint keeps it.
    guarded = postgresql and connection.in_atomic_block
    try:
        with transaction.atomic() if guarded else nullcontext():
            cursor.execute(joined, params)
            text = cursor.fetchone()[0]
    except DatabaseError:
        return None
    if text is None:
        return schema.empty_table()
    try:
        table = csv.read_csv(
            pa.py_buffer(text.encode() if isinstance(text, str) else text),
            read_options=csv.ReadOptions(column_names=schema.names),
            parse_options=csv.ParseOptions(
                quote_char=mark if quoted else False, newlines_in_values=bool(quoted)
            ),
            convert_options=csv.ConvertOptions(
                column_types=schema, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        ).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return table
