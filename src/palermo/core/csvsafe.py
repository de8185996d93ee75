"""CSV that a spreadsheet opens as data, never as formulas (CSV injection, OWASP).

A text cell beginning with = + - @ tab or carriage return is a formula to Excel, LibreOffice and Google
Sheets; every CSV the application writes goes through `writer()`, which puts a single quote before such a
cell. Numbers the application writes itself (a count of -5) stay numbers; anything else is judged by the
text the CSV module writes for it (lazy translations, dates, objects). A cell that already begins
with quotes before such a character gets one more, so that `original_cell()` gives back exactly what was
written: the knowledge import reads its own export unchanged.

Every CSV served over HTTP goes out through `download()`, which starts it with a UTF-8 byte-order mark:
without one, Excel reads a CSV as the computer's legacy code page and Arabic or Chinese text comes out as
mojibake. Files the command line writes have none (tools reading them expect plain UTF-8); the importers
accept a file with or without one.
"""

import csv
import itertools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

# The largest cell Palermo's CSV readers take (Python's default): a larger one is a problem of its line.
# Libraries may change the csv module's limit for the whole process when imported (followthemoney sets
# 30 MB); networks/ftm/model.py sets this one back.
CSV_FIELD_LIMIT = 131_072

BOM = "\ufeff"  # the UTF-8 byte-order mark: spreadsheet software then reads the file as UTF-8
CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIRST_CHARACTERS = frozenset([*FORMULA_STARTS, "'"])  # of the text cells safe_cell may change
_NUMBERS = (int, float, Decimal, type(None))  # written as they are (booleans are ints)


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet must show it: text that a spreadsheet would evaluate gets a leading '."""
    if isinstance(value, _NUMBERS):
        return value
    text = str(value)
    return "'" + text if _looks_like_formula(text) else value


def original_cell(text: str) -> str:
    """What `safe_cell` was given, from what it wrote (for importers of the application's own CSV)."""
    if text.startswith("'") and _looks_like_formula(text):
        return text[1:]
    return text


class SafeWriter:
    """csv.writer whose rows pass through `safe_cell`."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        # Most cells are numbers or text beginning with a letter: those skip safe_cell (exports are big).
        return self._writer.writerow(
            [
                safe_cell(value)
                if (
                    value[:1] in _FIRST_CHARACTERS
                    if isinstance(value, str)
                    else not isinstance(value, _NUMBERS)
                )
                else value
                for value in row
            ]
        )

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> SafeWriter:
    """A csv.writer (same options) that neutralises formulas in every cell."""
    return SafeWriter(out, **options)


def download(
    content: str | Iterable[str], filename: str | None = None
) -> HttpResponse | StreamingHttpResponse:
    """A CSV as an HTTP response, beginning with the byte-order mark: the whole text, or its pieces (streamed);
    an attachment named `filename` when given."""
    response = (
        HttpResponse(BOM + content, content_type=CONTENT_TYPE)
        if isinstance(content, str)
        else StreamingHttpResponse(itertools.chain([BOM], content), content_type=CONTENT_TYPE)
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
