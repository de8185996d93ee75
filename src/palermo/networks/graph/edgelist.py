"""Reading a network from an edge list (CSV): every problem named by its line, nothing built from a bad file.

The header names the columns `source`, `target` and optionally the weight column (`weight`, or the one
asked for), in any case and with spaces around them; other columns are ignored. Cells are separated by
commas, or by semicolons or tabs when the header is (the delimiter that splits the header into a source
and a target column wins, comma first).
"""

import csv
import io
import math
from collections.abc import Callable
from pathlib import Path

import igraph
from django.utils.translation import gettext as _

from palermo.networks.csv_lines import Problem, numbered_rows

DELIMITERS = (",", ";", "\t")
DEFAULT_WEIGHT_COLUMN = "weight"
MAX_PROBLEMS = 100
PROGRESS_EVERY = 500_000  # lines


class EdgeListError(ValueError):
    """A file that cannot be read as an edge list; `problems` lists every problem found."""

    def __init__(self, path: str | Path, problems: list[Problem]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {problem}" for problem in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(_("… and %(count)s more problem(s)") % {"count": len(problems) - MAX_PROBLEMS})
        super().__init__("\n".join(lines))


def read_edge_list(
    path: str | Path,
    *,
    directed: bool,
    weight_column: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> igraph.Graph:
    """The graph of the edges in a CSV file, vertices named ("name") by their ids as written, spaces
    around them trimmed, in order of first appearance; weights (if any) in the edge attribute "weight".

    The weights are those of `weight_column`, or of a column `weight` if the header has one; they must be
    numbers above 0. Raises EdgeListError naming every problem by line (and column). `progress` is called
    with the number of lines read every 500,000 lines.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise EdgeListError(path, [Problem(0, "", _("no such file"))]) from None
    except OSError as error:
        raise EdgeListError(
            path, [Problem(0, "", _("cannot be read (%(error)s)") % {"error": error.strerror})]
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise EdgeListError(path, [Problem(line, "", _("the file is not UTF-8 text"))]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise EdgeListError(path, [Problem(line, "", _("the file is not text (it holds NUL bytes)"))])
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise EdgeListError(path, [Problem(1, "", _("not CSV (%(error)s)") % {"error": error})]) from None
    header = header or []
    problems: list[Problem] = []
    columns = _columns(header, weight_column, problems)
    if problems:
        raise EdgeListError(path, problems)
    names: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    source_at, target_at, weight_at = columns
    width = max(index for index in columns if index is not None) + 1
    for line, row in numbered_rows(reader, problems):
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line)
        if len(row) < width:
            if any(cell.strip() for cell in row):  # a line of nothing but spaces is skipped
                problems.append(
                    Problem(
                        line,
                        "",
                        _("%(found)s fields where the header has %(expected)s")
                        % {"found": len(row), "expected": len(header)},
                    )
                )
            continue
        ends = [row[source_at].strip(), row[target_at].strip()]
        if not (ends[0] and ends[1]):
            if not any(cell.strip() for cell in row):
                continue
            problems.extend(
                Problem(line, column, _("empty"))
                for column, end in zip(("source", "target"), ends, strict=True)
                if not end
            )
        if weight_at is not None:
            weight = _weight(row[weight_at], line, header[weight_at].strip(), problems)
            weights.append(weight)
        if problems:
            continue  # only counting problems from here on: nothing will be built
        edges.append((names.setdefault(ends[0], len(names)), names.setdefault(ends[1], len(names))))
    if problems:
        raise EdgeListError(path, problems)
    graph = igraph.Graph(n=len(names), edges=edges, directed=directed)
    graph.vs["name"] = list(names)
    if weight_at is not None:
        graph.es["weight"] = weights
    return graph


def _delimiter(header: str) -> str:
    for delimiter in DELIMITERS:
        cells = {cell.strip().strip('"').strip().lower() for cell in header.split(delimiter)}
        if {"source", "target"} <= cells:
            return delimiter
    return ","


def _columns(
    header: list[str], weight_column: str | None, problems: list[Problem]
) -> tuple[int, int, int | None]:
    """The positions of the source, target and weight columns (None: no weights); problems added."""
    if not any(cell.strip() for cell in header):
        problems.append(Problem(1, "", _("no header: the first line must name the columns source,target")))
        return 0, 0, None
    positions: dict[str, int] = {}
    used = {"source", "target", (weight_column or DEFAULT_WEIGHT_COLUMN).strip().lower()}
    for index, cell in enumerate(header):
        column = cell.strip().lower()
        if column in positions and column in used:
            problems.append(Problem(1, cell.strip(), _("the column appears twice")))
        positions.setdefault(column, index)
    for column in ("source", "target"):
        if column not in positions:
            problems.append(Problem(1, column, _("missing from the header (source,target are required)")))
    if weight_column is None:
        weight_at = positions.get(DEFAULT_WEIGHT_COLUMN)
    else:
        weight_at = positions.get(weight_column.strip().lower())
        if weight_at is None:
            problems.append(
                Problem(1, weight_column, _("the weight column is not in the header (see --weight-column)"))
            )
    return positions.get("source", 0), positions.get("target", 0), weight_at


def _weight(cell: str, line: int, column: str, problems: list[Problem]) -> float:
    try:
        weight = float(cell.strip())
    except ValueError:
        problems.append(Problem(line, column, _("“%(value)s” is not a number") % {"value": cell}))
        return 0.0
    if not math.isfinite(weight) or weight <= 0:
        problems.append(
            Problem(line, column, _("%(value)s is not a number above 0") % {"value": cell.strip()})
        )
    return weight
