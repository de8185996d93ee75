"""Counts of requests for the secretariat, as the working group on international cooperation would see
them: by kind, by pair of States (requesting → requested), by outcome, and the median time from sending to
execution by kind. No names and no references: only counts of requests that have left their authority
(sent, or recorded as received), by the year they were sent (received, for those recorded by hand).

Small cells. A count under MIN_CELL (5) is never shown: it is "fewer than 5". Hiding the cell is not
enough when totals are shown too: a table whose total is known and in which a single cell is hidden gives
that cell away by subtraction; and the table of all years gives a year's hidden cell away by subtraction
from the years shown. So each table is computed for every year at once, as a grid of categories by years
with its margins (the category's count over all years, the year's total, the grand total), and
suppression is applied to the whole grid before the asked year (or "all years") is cut out of it:

1. primary: every cell, margin included, with a count from 1 to 4 is hidden ("fewer than 5");
2. complementary: no line of the grid (a category across the years and its all-years margin; a year
   across the categories and its total) may hide exactly one cell, since the line's other cells would
   give it away. While one does, the smallest shown non-zero cell of that line is hidden too ("withheld",
   which says only that the number is not shown); this repeats until no line hides exactly one cell.

A zero is a fact, not a person's case, and is shown. What can still be computed from what is shown is the
sum of two or more hidden cells of a line, never one of them. The medians are shown only for kinds with at
least MIN_CELL executed requests whose sending date is known; they say nothing of the counts."""

from __future__ import annotations

import statistics as stats
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from palermo.cooperation.models import Request, RequestKind, RequestState
from palermo.register.models import Party

MIN_CELL = 5
FEWER = "fewer_than_5"
WITHHELD = "withheld"

S = RequestState
LEFT = (
    S.SENT,
    S.RECEIVED,
    S.ACKNOWLEDGED,
    S.IN_EXECUTION,
    S.MORE_INFORMATION,
    S.PARTLY_EXECUTED,
    S.EXECUTED,
    S.REFUSED,
    S.WITHDRAWN,
)
OUTCOMES = ("executed", "partly_executed", "refused", "withdrawn", "pending")
ALL = 0  # the "all years" column of a grid


@dataclass
class Cell:
    key: str
    label: str
    count: int | None  # None when hidden
    hidden: str = ""  # FEWER or WITHHELD

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "count": self.count, "hidden": self.hidden or None}


@dataclass
class Table:
    key: str
    title: str
    rows: list[Cell]
    total: Cell

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "rows": [row.to_json() for row in self.rows],
            "total": self.total.to_json(),
        }


@dataclass
class Median:
    kind: str
    label: str
    days: float | None  # None: fewer than MIN_CELL executed requests of that kind

    def to_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, "days": self.days}


@dataclass
class Statistics:
    year: int | None
    years: list[int]
    tables: list[Table] = field(default_factory=list)
    time_to_execution: list[Median] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "years": self.years,
            "min_cell": MIN_CELL,
            "tables": [table.to_json() for table in self.tables],
            "time_to_execution": [median.to_json() for median in self.time_to_execution],
        }


# ---------------------------------------------------------------------------------------------------------
# Suppression on a grid


Grid = dict[tuple[str, int], int]  # (category, year) -> count; year ALL: the category's margin;
TOTAL = ""  # category "" is the year's total (and ("", ALL) the grand total)


def suppress(grid: Grid, categories: list[str], years: list[int]) -> dict[tuple[str, int], str]:
    """Which cells of the grid are hidden, and why (module docstring)."""
    hidden = {cell: FEWER for cell, count in grid.items() if 0 < count < MIN_CELL}
    columns = [*years, ALL]
    lines = [[(category, year) for year in columns] for category in [*categories, TOTAL]]
    lines += [[(category, year) for category in [*categories, TOTAL]] for year in columns]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            shown = [cell for cell in line if cell not in hidden and grid.get(cell, 0) > 0]
            if not shown:  # the line's other cells are zeros: the hidden one is the line's only count
                continue
            hidden[min(shown, key=lambda cell: (grid[cell], cell[0], cell[1]))] = WITHHELD
            changed = True
    return hidden


def _grid(counts: dict[tuple[str, int], int]) -> tuple[Grid, list[str], list[int]]:
    grid: Grid = defaultdict(int)
    for (category, year), count in counts.items():
        grid[(category, year)] += count
        grid[(category, ALL)] += count
        grid[(TOTAL, year)] += count
        grid[(TOTAL, ALL)] += count
    categories = sorted({category for category, _year in counts})
    years = sorted({year for _category, year in counts})
    return dict(grid), categories, years


def _table(
    key: str, title: str, counts: dict[tuple[str, int], int], labels: dict[str, str], year: int | None, order
) -> Table:
    grid, categories, years = _grid(counts)
    hidden = suppress(grid, categories, years)
    column = ALL if year is None else year

    def cell(category: str, label: str) -> Cell:
        reason = hidden.get((category, column), "")
        return Cell(category, label, None if reason else grid.get((category, column), 0), reason)

    rows = [cell(category, labels.get(category, category)) for category in order(categories)]
    return Table(key, title, rows, cell(TOTAL, _("Total")))


# ---------------------------------------------------------------------------------------------------------
# The tables


def _requests():
    return (
        Request.objects.filter(state__in=LEFT)
        .annotate(year=ExtractYear(Coalesce("sent_on", "received_on")))
        .filter(year__isnull=False)
    )


def _outcome(state: str) -> str:
    outcomes: dict[str, str] = {
        S.EXECUTED: "executed",
        S.PARTLY_EXECUTED: "partly_executed",
        S.REFUSED: "refused",
        S.WITHDRAWN: "withdrawn",
    }
    return outcomes.get(state, "pending")


def request_statistics(*, year: int | None = None) -> Statistics:
    """The secretariat's counts of requests (every cell under MIN_CELL hidden; module docstring), for one
    year of sending or for all years."""
    requests = _requests()
    by_kind: dict[tuple[str, int], int] = defaultdict(int)
    by_pair: dict[tuple[str, int], int] = defaultdict(int)
    by_outcome: dict[tuple[str, int], int] = defaultdict(int)
    rows = requests.values(
        "kind",
        "state",
        "year",
        requesting=F("requesting_authority__party_id"),
        requested=F("requested_authority__party_id"),
    ).annotate(count=Count("id"))
    for row in rows:
        when = row["year"]
        by_kind[(row["kind"], when)] += row["count"]
        by_pair[(f"{row['requesting']}-{row['requested']}", when)] += row["count"]
        by_outcome[(_outcome(row["state"]), when)] += row["count"]
    kinds = {value: str(label) for value, label in RequestKind.choices}
    outcomes = {
        "executed": _("Executed"),
        "partly_executed": _("Partly executed"),
        "refused": _("Refused"),
        "withdrawn": _("Withdrawn"),
        "pending": _("Pending"),
    }
    codes = {code for pair, _when in by_pair for code in pair.split("-")}
    names = {party.code: party.name_in(get_language()) for party in Party.objects.filter(code__in=codes)}
    pairs = {}
    for pair, _when in by_pair:
        requesting, requested = pair.split("-", 1)
        pairs[pair] = f"{names.get(requesting, requesting)} → {names.get(requested, requested)}"
    statistics = Statistics(year=year, years=sorted({when for _kind, when in by_kind}))
    statistics.tables = [
        _table(
            "kind",
            _("By kind of request"),
            by_kind,
            kinds,
            year,
            lambda found: [k for k in kinds if k in found],
        ),
        _table("pair", _("By pair of States (requesting → requested)"), by_pair, pairs, year, sorted),
        _table(
            "outcome",
            _("By outcome"),
            by_outcome,
            outcomes,
            year,
            lambda found: [o for o in OUTCOMES if o in found],
        ),
    ]
    statistics.time_to_execution = _medians(year, kinds)
    return statistics


def _medians(year: int | None, kinds: dict[str, str]) -> list[Median]:
    executed = _requests().filter(state=S.EXECUTED, sent_on__isnull=False, closed_on__isnull=False)
    if year is not None:
        executed = executed.filter(year=year)
    days: dict[str, list[int]] = defaultdict(list)
    for kind, sent_on, closed_on in executed.values_list("kind", "sent_on", "closed_on"):
        days[kind].append((closed_on - sent_on).days)
    return [
        Median(kind, label, float(stats.median(days[kind])) if len(days[kind]) >= MIN_CELL else None)
        for kind, label in kinds.items()
    ]
