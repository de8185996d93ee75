"""The map of an investigation drawn on the server as SVG (on the register's world map): States shaded by
their number of entities, flows between States as arcs as wide as their links (or their payments' total),
addresses with coordinates as dots. Every number is written for SVG (`plain_number`)."""

import math
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from palermo.core.i18n import plain_number
from palermo.networks.graph import geo
from palermo.networks.graph.flows_map import Flow, Place
from palermo.networks.interfaces.schema_labels import country_name
from palermo.register import graphics

SHADES = 5
ARC_MIN, ARC_GROWTH = 0.6, 4.4  # the thinnest arc; how much the heaviest adds
BEND = 0.2  # how far an arc bows out, as a share of its length: A→B and B→A bow to opposite sides


@dataclass
class Shape:
    path: str
    shade: int  # 0: no entity
    title: str


@dataclass
class Arc:
    path: str
    width: str
    title: str


@dataclass
class Dot:
    x: str
    y: str
    title: str


@dataclass
class MapDrawing:
    view_box: str
    shapes: list[Shape]
    arcs: list[Arc]
    dots: list[Dot]
    legend: list[tuple[int, int, int]]  # (shade, fewest, most entities)


def _colon() -> str:
    """As the template tag `colon` writes it (French: a space before the colon)."""
    return pgettext("separator between a label and what follows it", ": ")


def shade_of(count: int, most: int) -> int:
    """1 to SHADES, in equal steps of the largest count; 0 for none."""
    return math.ceil(SHADES * count / most) if count and most else 0


def legend(most: int) -> list[tuple[int, int, int]]:
    steps = []
    for shade in range(1, SHADES + 1):
        fewest, highest = most * (shade - 1) // SHADES + 1, most * shade // SHADES
        if fewest <= highest:
            steps.append((shade, fewest, highest))
    return steps


def _arc(start: tuple[float, float], end: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    control = ((x1 + x2) / 2 + BEND * dy, (y1 + y2) / 2 - BEND * dx)
    numbers = [plain_number(value) for value in (x1, y1, *control, x2, y2)]
    return "M{},{}Q{},{} {},{}".format(*numbers)


def arc_weight(flow: Flow, weight: str) -> float:
    return flow.converted if weight == "amount" else float(flow.links)


def map_drawing(counts: Counter, flows: list[Flow], places: list[Place], *, weight: str) -> MapDrawing:
    """The drawing: every country of the atlas, the flows of the chosen weight ("links" or "amount")
    between States the map draws, the places that lie on it."""
    most = max(counts.values(), default=0)
    code_of = {geo.numeric_code(code): code for code in counts}
    shapes = []
    for numeric, path in graphics.country_shapes().items():
        code = code_of.get(numeric)
        count = counts[code] if code else 0
        title = (
            ngettext("%(state)s: %(count)s entity", "%(state)s: %(count)s entities", count)
            % {"state": country_name(code), "count": count}
            if count
            else ""
        )
        shapes.append(Shape(path, shade_of(count, most), title))
    drawn = [
        (flow, geo.centroid(flow.source), geo.centroid(flow.target))
        for flow in flows
        if arc_weight(flow, weight) > 0
    ]
    drawn = [(flow, start, end) for flow, start, end in drawn if start and end]
    heaviest = max((arc_weight(flow, weight) for flow, _s, _e in drawn), default=0.0)
    arcs = []
    for flow, start, end in sorted(drawn, key=lambda found: -arc_weight(found[0], weight)):
        width = ARC_MIN + ARC_GROWTH * arc_weight(flow, weight) / heaviest
        title = _("%(source)s to %(target)s") % {
            "source": country_name(flow.source),
            "target": country_name(flow.target),
        }
        title += _colon() + ngettext("%(count)s link", "%(count)s links", flow.links) % {"count": flow.links}
        if flow.payments:
            title += ", " + ngettext("%(count)s payment", "%(count)s payments", flow.payments) % {
                "count": flow.payments
            }
        arcs.append(Arc(_arc(start, end), plain_number(width, 2), title))
    dots = []
    for place in places:
        point = geo.position(place.latitude, place.longitude)
        if point is not None:
            names = "; ".join(caption for _id, caption in place.entities)
            title = place.caption + _colon() + names if names else place.caption
            dots.append(Dot(plain_number(point[0]), plain_number(point[1]), title))
    return MapDrawing(graphics.map_view_box(), shapes, arcs, dots, legend(most))
