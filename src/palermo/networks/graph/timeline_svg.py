"""The timeline drawn on the server as SVG (it prints and needs no script): a time axis running left to
right in every language, one lane per kind, one mark per item — a dot for a day, a bar over the whole
period for a partial date ("2021", "2021-03"), a payment's dot growing with its amount. Every number is
written for SVG (`plain_number`), never in the reader's language."""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from palermo.core.collation import sort_key
from palermo.core.i18n import plain_number
from palermo.networks.graph.elements import kind_label
from palermo.networks.graph.timeline import TimelineItem

WIDTH = 960
SIDE, TOP, AXIS = 8, 6, 22
LANE = 34  # a lane: its label, then its marks
DOT, DOT_GROWTH = 4.0, 6.0  # a dot's radius; how much the largest payment of a currency adds
COLOURS = 10  # lanes are coloured in turn (timeline_map.css, lane-0 to lane-9)


@dataclass
class Lane:
    schema: str
    label: str  # the kind and its number of items: "Payment (3)"
    colour: int
    label_y: str
    line_y: str


@dataclass
class Mark:
    item: TimelineItem
    kind: str
    colour: int
    x: str
    y: str
    r: str = ""  # a dot's radius
    width: str = ""  # a bar's width (a partial date)
    bar_y: str = ""


@dataclass
class TimelineChart:
    width: str
    height: str
    plot_left: str
    plot_right: str
    axis_y: str
    label_y: str
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[tuple[str, str]]  # (x, "2021" or "2021-03")


def period(written: str) -> tuple[date, date] | None:
    """The days a date as written covers: [start, end), a year or a month for a partial date; None for one
    that cannot be drawn (listed only)."""
    try:
        year = int(written[:4])
        if not 1000 <= year <= 9000:  # a slip of the keyboard ("0202"); no room for the frame's margin
            return None
        if len(written) == 4:
            return date(year, 1, 1), date(year + 1, 1, 1)
        month = int(written[5:7])
        if len(written) == 7:
            return date(year, month, 1), _next_month(date(year, month, 1))
        day = date(year, month, int(written[8:10]))
    except ValueError:
        return None
    return day, day + timedelta(days=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _ticks(start: date, end: date) -> list[date]:
    """At most a dozen ticks: years over a long span, months over a short one."""
    years = end.year - start.year
    if years >= 3:
        step = max(1, math.ceil(years / 10))
        first = start.year + (-start.year) % step
        return [date(year, 1, 1) for year in range(first, end.year + 1, step) if start <= date(year, 1, 1)]
    months = years * 12 + end.month - start.month
    step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 12)
    ticks, day = [], _next_month(start) if start.day > 1 else start
    while day <= end:
        if (day.month - 1) % step == 0:
            ticks.append(day)
        day = _next_month(day)
    return ticks


def timeline_chart(items: list[TimelineItem]) -> TimelineChart:
    """The chart of the items (those shown): lanes in the order of their kinds' labels."""
    counts = Counter(item.schema for item in items)
    labels = {schema: kind_label(schema) for schema in counts}
    order = sorted(counts, key=lambda schema: (sort_key(labels[schema]), schema))
    lanes = []
    for number, schema in enumerate(order):
        top = TOP + number * LANE
        label = f"{labels[schema]} ({counts[schema]})"
        lanes.append(Lane(schema, label, number % COLOURS, plain_number(top + 11), plain_number(top + 23)))
    lane_of = {lane.schema: lane for lane in lanes}
    axis_y = TOP + len(lanes) * LANE
    spans = {item.key: period(item.date) for item in items}
    known = [span for span in spans.values() if span is not None]
    chart = TimelineChart(
        plain_number(WIDTH),
        plain_number(axis_y + AXIS),
        plain_number(SIDE),
        plain_number(WIDTH - SIDE),
        plain_number(axis_y),
        plain_number(axis_y + AXIS - 6),
        lanes,
        [],
        [],
    )
    if not known:
        return chart
    start, end = min(span[0] for span in known), max(span[1] for span in known)
    margin = max((end - start).days // 50, 15)  # no mark on the frame's edge
    start, end = start - timedelta(days=margin), end + timedelta(days=margin)
    plot = WIDTH - 2 * SIDE
    total = (end - start).days

    def x_of(day: date) -> float:
        return SIDE + plot * (day - start).days / total

    largest: dict[str, float] = {}
    for item in items:
        if item.amount is not None and item.amount > 0:
            largest[item.currency] = max(largest.get(item.currency, 0.0), item.amount)
    for item in items:
        span = spans[item.key]
        if span is None:
            continue
        lane = lane_of[item.schema]
        mark = Mark(item, labels[item.schema], lane.colour, plain_number(x_of(span[0])), lane.line_y)
        if (span[1] - span[0]).days > 1:
            mark.width = plain_number(max(x_of(span[1]) - x_of(span[0]), 2.0))
            mark.bar_y = plain_number(float(lane.line_y) - 3)
        else:
            radius = DOT
            if item.amount is not None and item.amount > 0 and largest.get(item.currency):
                radius += DOT_GROWTH * math.sqrt(item.amount / largest[item.currency])
            mark.r = plain_number(radius)
        chart.marks.append(mark)
    chart.ticks = [(plain_number(x_of(day)), _tick_label(day, start, end)) for day in _ticks(start, end)]
    return chart


def _tick_label(day: date, start: date, end: date) -> str:
    return str(day.year) if end.year - start.year >= 3 else f"{day.year}-{day.month:02d}"
