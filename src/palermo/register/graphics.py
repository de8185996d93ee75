"""Server-rendered SVG graphics of the register: parties over time and a world map by status.

Rendered on the server so that they work with a strict Content-Security-Policy, print, and need no script.
Every number is written here, in Python, by `plain_number` or a format string, never by the template engine
(which localises: '196,0' in French); tests/core/test_machine_numbers.py draws them in the six languages.
The map's shapes are Natural Earth 1:110m countries from the `world-atlas` npm package (served, not copied).
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from palermo.core.i18n import plain_number

WORLD_ATLAS = "vendor/world-atlas/countries-110m.json"
MAP_WIDTH = 720
MAP_SCALE = MAP_WIDTH / 360
MAP_NORTH, MAP_SOUTH = 84.0, -58.0
ANTARCTICA = "010"  # not a party to anything; leaving it out gives the map room


def atlas_path() -> Path:
    found = finders.find(WORLD_ATLAS)
    if found:
        return Path(found)
    return Path(staticfiles_storage.path(WORLD_ATLAS))


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def _ring(arcs, indices) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def _project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * MAP_SCALE, (MAP_NORTH - max(lat, MAP_SOUTH)) * MAP_SCALE


def _unwrap(ring):
    """A ring that crosses the antimeridian (Russia's east, Fiji) is drawn east of 180° instead of across."""
    if any(abs(a[0] - b[0]) > 180 for a, b in pairwise(ring)):
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


def _path(rings) -> str:
    parts = []
    for ring in rings:
        projected = [_project(lon, lat) for lon, lat in _unwrap(ring)]
        if len(projected) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, str]:
    """ISO 3166 numeric code -> SVG path data, for every country the atlas has."""
    topology = json.loads(atlas_path().read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if not numeric or numeric == ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            rings = [_ring(arcs, r) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            rings = [_ring(arcs, r) for polygon in geometry["arcs"] for r in polygon]
        else:
            continue
        shapes[numeric] = shapes.get(numeric, "") + _path(rings)
    return shapes


MAP_HEIGHT = round((MAP_NORTH - MAP_SOUTH) * MAP_SCALE)


@dataclass
class MapCountry:
    path: str
    status: str
    label: str
    url: str


@dataclass
class Chart:
    """Everything the template draws, as text already written for SVG (`plain_number`): the template engine
    would write a float in the reader's language ('196,0' in French), which SVG cannot read."""

    width: str
    height: str
    path: str
    x_ticks: list[tuple[str, str]]  # (x, year)
    y_ticks: list[tuple[str, str]]  # (y, number of parties)
    label_y: str  # where the years are written
    plot_left: str


def parties_over_time(consents: list[date], *, until: date, width: int = 640, height: int = 220) -> Chart:
    """A step line of the number of parties (cumulative consents) from the first consent to `until`."""
    consents = sorted(consents)
    margin_left, margin_bottom, margin_top = 40, 24, 8
    plot_w, plot_h = width - margin_left - 8, height - margin_bottom - margin_top
    label_y, plot_left = plain_number(height - 6), plain_number(margin_left)
    if not consents:
        return Chart(plain_number(width), plain_number(height), "", [], [], label_y, plot_left)
    start = date(consents[0].year, 1, 1)
    span = max((until - start).days, 1)
    top = max(10, -(-len(consents) // 20) * 20)

    def x_of(day: date) -> float:
        return margin_left + plot_w * (day - start).days / span

    def y_of(count: int) -> float:
        return margin_top + plot_h * (1 - count / top)

    commands = [f"M{plain_number(x_of(start))},{plain_number(y_of(0))}"]
    for count, day in enumerate(consents, start=1):
        commands.append(f"H{plain_number(x_of(day))}V{plain_number(y_of(count))}")
    commands.append(f"H{plain_number(x_of(until))}")
    years = range(start.year, until.year + 1, max(1, (until.year - start.year) // 7 or 1))
    x_ticks = [(plain_number(x_of(date(y, 1, 1))), str(y)) for y in years]
    y_ticks = [(plain_number(y_of(v)), str(v)) for v in range(0, top + 1, max(10, top // 4 // 10 * 10))]
    return Chart(
        plain_number(width), plain_number(height), "".join(commands), x_ticks, y_ticks, label_y, plot_left
    )


def map_view_box() -> str:
    return f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
