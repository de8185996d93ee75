"""Reading person records from CSV: every problem named by line and column, values normalised for the model."""

import csv
import datetime
import gc
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa
from django.utils.translation import gettext as _

from palermo.networks.csv_lines import Problem, numbered_rows

from .columnar import read_columns

COLUMNS = (
    "first_name",
    "surname",
    "full_name",
    "dob",
    "birth_place",
    "city",
    "postcode",
    "email",
    "phone",
    "gender",
    "occupation",
    "nationality",
)
GENDERS = {"m": "m", "male": "m", "f": "f", "female": "f", "x": "x", "other": "x", "u": "", "unknown": ""}
MAX_PROBLEMS = 50
PHONE = re.compile(r"^\s*\+?[0-9 ()./-]+\s*$")
PHONE_PUNCTUATION = str.maketrans("", "", "+ ()./-\t")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SPACES = re.compile(r"\s+")
NAME_PUNCTUATION = re.compile(r"[.,'’\"]")


class BadValue(ValueError):
    """A cell that cannot be parsed; the message says why."""


@dataclass
class Records:
    """Normalised columns by name (None for an empty cell), the ids, and the problems found."""

    ids: list[str] = field(default_factory=list)
    columns: dict[str, pa.Array] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def name(value: str) -> str:
    return SPACES.sub(" ", NAME_PUNCTUATION.sub("", value)).strip().lower()


def text(value: str) -> str:
    return SPACES.sub(" ", value).strip().lower()


def date(value: str) -> str:
    try:
        if not DATE.match(value.strip()):
            raise ValueError(value)
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadValue(_("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": value}) from None


def email(value: str) -> str:
    address = value.strip().lower()
    if address.count("@") != 1 or address.startswith("@") or address.endswith("@") or " " in address:
        raise BadValue(_("“%(value)s” is not an e-mail address") % {"value": value})
    return address


def phone(value: str) -> str:
    if not PHONE.match(value):
        raise BadValue(_("“%(value)s” is not a telephone number") % {"value": value})
    return value.translate(PHONE_PUNCTUATION)


def gender(value: str) -> str:
    try:
        return GENDERS[value.strip().lower()]
    except KeyError:
        raise BadValue(_("“%(value)s” is not a gender (m, f, x or unknown)") % {"value": value}) from None


def postcode(value: str) -> str:
    return SPACES.sub(" ", value).strip().upper()


PARSERS: dict[str, Callable[[str], str]] = {
    "first_name": name,
    "surname": name,
    "full_name": name,
    "dob": date,
    "birth_place": text,
    "city": text,
    "postcode": postcode,
    "email": email,
    "phone": phone,
    "gender": gender,
    "occupation": text,
    "nationality": text,
}


def read_records(data: bytes, *, id_column: str = "unique_id") -> Records:
    """Parse a CSV file's bytes; `Records.problems` lists what is wrong (then nothing else is usable)."""
    # Millions of new strings and lists set off the cyclic collector over and over, for nothing: the
    # records hold no cycles. Reading a million records takes a third of the time without it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_records(data, id_column)
    finally:
        if collecting:
            gc.enable()


def _read_records(data: bytes, id_column: str) -> Records:
    records = Records()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        records.problems.append(Problem(line, "", _("the file is not UTF-8 text")))
        return records
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        records.problems.append(Problem(1, "", _("not CSV (%(error)s)") % {"error": error}))
        return records
    if not header:
        records.problems.append(Problem(1, "", _("the file is empty: a header line is needed")))
        return records
    header = [column.strip() for column in header]
    _check_header(header, id_column, records.problems)
    if records.problems:
        return records
    fast = read_columns(data, header, id_column)
    if fast is not None:
        records.ids, records.columns = fast
        return records
    rows, lines = _read_rows(reader, len(header), records.problems)
    if records.problems:
        return records
    values = list(zip(*rows, strict=True)) if rows else [() for _column in header]
    for index, column in enumerate(header):
        if column == id_column:
            records.ids = [value.strip() for value in values[index]]
            _check_ids(records.ids, lines, id_column, records.problems)
        else:
            parsed = _parse_column(column, values[index], lines, records.problems)
            records.columns[column] = pa.array(parsed, pa.string())
    return records


def _check_header(header: list[str], id_column: str, problems: list[Problem]) -> None:
    seen = set()
    for column in header:
        if column in seen:
            problems.append(Problem(1, column, _("the column appears twice")))
        elif column != id_column and column not in COLUMNS:
            problems.append(
                Problem(
                    1,
                    column,
                    _("unknown column (known: %(columns)s)") % {"columns": ", ".join(COLUMNS)},
                )
            )
        seen.add(column)
    if id_column not in seen:
        problems.append(Problem(1, id_column, _("the id column is missing (see --id-column)")))
    if not seen & set(COLUMNS):
        problems.append(Problem(1, "", _("no column to compare records by")))


def _read_rows(reader, width: int, problems: list[Problem]) -> tuple[list[list[str]], list[int]]:
    rows, lines = [], []
    for line, row in numbered_rows(reader, problems):
        if not row:
            continue
        if len(row) != width:
            problems.append(
                Problem(
                    line,
                    "",
                    _("%(found)s fields where the header has %(expected)s")
                    % {"found": len(row), "expected": width},
                )
            )
            if len(problems) >= MAX_PROBLEMS:
                break
        rows.append(row)
        lines.append(line)
    return rows, lines


def _check_ids(ids: list[str], lines: list[int], id_column: str, problems: list[Problem]) -> None:
    first_line: dict[str, int] = {}
    for identifier, line in zip(ids, lines, strict=True):
        if not identifier:
            problems.append(Problem(line, id_column, _("the id is empty")))
        elif identifier in first_line:
            problems.append(
                Problem(
                    line,
                    id_column,
                    _("the id “%(id)s” is also on line %(other)s")
                    % {"id": identifier, "other": first_line[identifier]},
                )
            )
        else:
            first_line[identifier] = line
        if len(problems) >= MAX_PROBLEMS:
            return


def _parse_column(
    column: str, values: tuple[str, ...], lines: list[int], problems: list[Problem]
) -> list[str | None]:
    parse = PARSERS[column]
    try:
        # The common case, without a try per cell: a million cells are parsed in a fraction of a second.
        return [(parse(value) or None) if value.strip() else None for value in values]
    except BadValue:
        pass
    parsed: list[str | None] = []
    for value, line in zip(values, lines, strict=True):
        try:
            parsed.append((parse(value) or None) if value.strip() else None)
        except BadValue as error:
            problems.append(Problem(line, column, str(error)))
            if len(problems) >= MAX_PROBLEMS:
                break
    return parsed
