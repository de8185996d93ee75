"""Rows of an uploaded table, streamed: CSV (UTF-8) and XLSX (openpyxl read-only, first sheet). Each row
comes with its line (CSV: the line it starts on; XLSX: the row number) and the header's column names."""

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from followthemoney.util import sanitize_text

Row = tuple[int, dict[str, str]]


class TableError(Exception):
    """The file is not a table that can be read."""


def read_table(path: Path) -> tuple[list[str], Iterator[Row]]:
    """The header and an iterator over the rows (line, {column: text}) of a .csv or .xlsx file."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path)
    return _csv(path)


def _csv(path: Path) -> tuple[list[str], Iterator[Row]]:
    fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 — closed by the row iterator
    reader = csv.reader(fh)
    try:
        header = [name.strip() for name in next(reader, [])]
    except (csv.Error, UnicodeDecodeError) as error:
        fh.close()
        raise TableError(str(error)) from error

    def rows() -> Iterator[Row]:
        with fh:
            start = reader.line_num + 1
            try:
                for cells in reader:
                    yield start, _record(header, cells)
                    start = reader.line_num + 1
            except (csv.Error, UnicodeDecodeError) as error:
                raise TableError(f"line {start}: {error}") from error

    return header, rows()


def _xlsx(path: Path) -> tuple[list[str], Iterator[Row]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(str(error)) from error
    sheet = workbook.worksheets[0]
    cells_iter = sheet.iter_rows(values_only=True)
    first = next(cells_iter, None) or ()
    header = [_text(cell) or "" for cell in first]

    def rows() -> Iterator[Row]:
        try:
            for number, cells in enumerate(cells_iter, start=2):
                yield number, _record(header, [_text(cell) for cell in cells])
        finally:
            workbook.close()

    return header, rows()


def _text(cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, datetime) and cell.time() == datetime.min.time():
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return sanitize_text(cell)


def _record(header: list[str], cells: list) -> dict[str, str]:
    record = {}
    for name, cell in zip(header, cells, strict=False):
        value = sanitize_text(cell) if cell is not None else None
        if value is not None and value.strip():
            record[name] = value
    return record
