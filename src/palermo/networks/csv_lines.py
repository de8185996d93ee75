"""What the networks app's CSV readers share (records to deduplicate, edge lists to analyse): a problem
named by its line and column, and the rows of a csv.reader with the line each starts on."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    line: int  # 0: the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


def numbered_rows(reader, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """(line, row) of each row, the line where the row starts (a quoted cell may span lines); a file that
    stops being CSV adds its problem and ends the rows."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(line, "", _("not CSV (%(error)s)") % {"error": error}))
            return
        yield line, row
