"""Where things are on the register's world map (register/graphics.py, same projection and atlas): a
State's shape and centroid by its FtM country code, and a point by its latitude and longitude."""

import json
import math
from functools import lru_cache

from palermo.register import graphics

_NUMERIC: dict[str, str] = {}


def numeric_code(code: str) -> str:
    """The ISO 3166-1 numeric code (the atlas's key) of an FtM country code ("it" -> "380"), or "" for a
    code the register does not know (a territory, "gb-sct"). Read once per process: reference data."""
    if not _NUMERIC:
        from palermo.register.models import Party

        for alpha2, numeric in (
            Party.objects.exclude(alpha2="").exclude(numeric="").values_list("alpha2", "numeric")
        ):
            _NUMERIC[alpha2.lower()] = numeric
    return _NUMERIC.get(code.lower(), "")


def _area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, x, y) of a ring: its area-weighted centroid, the mean of its points if it has no area."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        count = len(points)
        return 0.0, sum(x for x, _ in points) / count, sum(y for _, y in points) / count
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """ISO numeric code -> the projected centroid of the country's largest polygon (France's mainland, not
    French Guiana), where flows between States start and end."""
    topology = json.loads(graphics.atlas_path().read_text(encoding="utf-8"))
    arcs = graphics._decode_arcs(topology)
    best: dict[str, tuple[float, float, float]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if not numeric or numeric == graphics.ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for polygon in polygons:
            outer = graphics._unwrap(graphics._ring(arcs, polygon[0]))
            if len(outer) < 3:
                continue
            found = _area_centroid([graphics._project(lon, lat) for lon, lat in outer])
            if numeric not in best or found[0] > best[numeric][0]:
                best[numeric] = found
    return {numeric: (x, y) for numeric, (_area, x, y) in best.items()}


def centroid(code: str) -> tuple[float, float] | None:
    """Where on the map a State's flows meet, by its FtM country code; None if the map does not draw it
    (a small island State, a territory)."""
    numeric = numeric_code(code)
    return centroids().get(numeric) if numeric else None


def shape(code: str) -> str:
    """The SVG path of a State by its FtM country code ("" if the map does not draw it)."""
    numeric = numeric_code(code)
    return graphics.country_shapes().get(numeric, "") if numeric else ""


def position(latitude: float, longitude: float) -> tuple[float, float] | None:
    """A point on the map, or None for coordinates that are not on Earth or lie beyond the map's edge."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (graphics.MAP_SOUTH <= latitude <= graphics.MAP_NORTH and -180 <= longitude <= 180):
        return None
    return graphics._project(longitude, latitude)
