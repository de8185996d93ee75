"""A Sankey (flow) diagram laid out on the server for "follow the money": nodes in columns (hops), bands
between them as wide as the amounts. The result is geometry for `networks/_sankey.html`, every number
already written for SVG by `plain_number` (never in the reader's language: '0,5' is not an SVG number).

Choices. Columns are the distinct `column` values in ascending order, spread evenly from left to right in
every language (time runs left to right, as in the other charts). A link is drawn when its target's column
is after its source's; a link within a column or back to an earlier one (money going round) is not drawn
but returned in `SankeyChart.not_drawn`, and counts in no node's height, so every band drawn is conserved.
A node's height is proportional to the larger of its drawn inflow and outflow; a node with no drawn flow
is a thin mark. A column of more than `max_nodes_per_column` nodes keeps its largest and merges the rest
into one node ("n others", always at the bottom of its column); their links are merged with them.

Labels. Each label is shortened (with "…") to the room it has: up to the next column, or `label_room` for
the last; its width is estimated from its characters at `LABEL_FONT` px (wide East Asian characters count
as one em, the others as `NARROW_EM`). Labels of one column never overlap: they are moved apart to at least
`LINE_HEIGHT`, and when a column has more labels than lines, those of its smallest nodes are left out (the
node's tooltip and the tables still name them).
"""

import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.utils.translation import ngettext

from palermo.core.i18n import plain_number

__all__ = ["DrawnLink", "DrawnNode", "SankeyChart", "SankeyLink", "SankeyNode", "sankey"]

LABEL_OFFSET = 6  # between a node and its label
EMPTY_NODE_HEIGHT = 2.0  # a node without drawn flows is still seen
MERGED_TITLES = 10  # a merged band's tooltip lists at most this many of its flows
LABEL_FONT = 11.0  # px, as in the stylesheet (svg.sankey text)
NARROW_EM = (
    0.58  # the width of a character that is not wide, in ems (DejaVu Sans: digits 0.64, a-z about 0.58)
)
LINE_HEIGHT = 13.0  # the least distance between two labels of a column


@dataclass(frozen=True)
class SankeyNode:
    id: str
    label: str
    column: int  # the hop; any integers, drawn in ascending order
    group: str = ""  # drawn as a class, for colour


@dataclass(frozen=True)
class SankeyLink:
    source: str
    target: str
    value: float  # > 0: the amount, converted
    title: str = ""  # the band's tooltip; "source → target" by labels when empty


class DrawnNode(NamedTuple):
    x: str
    y: str
    w: str
    h: str
    label: str
    label_x: str
    label_y: str
    anchor: str  # text-anchor of the label: "start" (right of the node) or "end" (left of it)
    id: str
    group: str
    short: str = ""  # the label as shown: shortened to its room; empty when left out for want of room


class DrawnLink(NamedTuple):
    d: str  # a closed, filled band: SVG path data
    title: str
    source: str  # node ids as drawn (an "others" node's id for merged ends)
    target: str
    value: float  # the amount the band stands for


@dataclass
class SankeyChart:
    width: str
    height: str
    nodes: list[DrawnNode]
    links: list[DrawnLink]
    not_drawn: list[SankeyLink]  # within a column or backwards, titled; in the order given
    merged: dict[str, list[str]] = field(default_factory=dict)  # an "others" node's id -> the ids it holds


def _others(count: int) -> str:
    return ngettext("%(count)s other", "%(count)s others", count) % {"count": count}


def _check(nodes: Sequence[SankeyNode], links: Sequence[SankeyLink], sizes: dict[str, float]) -> None:
    for name, size in sizes.items():
        if not (math.isfinite(size) and size > 0):
            raise ValueError(f"{name} must be a positive number, not {size!r}")
    if sizes["node_width"] >= sizes["width"]:
        raise ValueError("node_width must be less than width")
    ids = [node.id for node in nodes]
    if len(set(ids)) != len(ids):
        raise ValueError("node ids must be unique")
    known = set(ids)
    for link in links:
        if not (math.isfinite(link.value) and link.value > 0):
            raise ValueError(f"a link's value must be positive and finite: {link!r}")
        if link.source not in known or link.target not in known:
            raise ValueError(f"a link's ends must be nodes: {link!r}")


def _totals(pairs: dict[tuple[str, str], float]) -> dict[str, float]:
    """Each node's value: the larger of its inflow and outflow."""
    inflow: dict[str, float] = defaultdict(float)
    outflow: dict[str, float] = defaultdict(float)
    for (source, target), value in pairs.items():
        outflow[source] += value
        inflow[target] += value
    return {node: max(inflow[node], outflow[node]) for node in inflow.keys() | outflow.keys()}


def _merge_small(
    columns: dict[int, list[SankeyNode]],
    values: dict[str, float],
    max_per_column: int,
    others_label: Callable[[int], str],
    taken: set[str],
) -> tuple[dict[int, list[SankeyNode]], dict[str, list[str]]]:
    """Columns with their nodes by value (largest first), the smallest of a full column merged last."""
    kept: dict[int, list[SankeyNode]] = {}
    merged: dict[str, list[str]] = {}
    for column, members in columns.items():
        ranked = sorted(members, key=lambda node: -values.get(node.id, 0.0))  # stable: ties as given
        if len(ranked) <= max_per_column:
            kept[column] = ranked
            continue
        keep, rest = ranked[: max_per_column - 1], ranked[max_per_column - 1 :]
        others_id = f"others:{column}"
        while others_id in taken:  # a caller's id may look like ours
            others_id += "'"
        taken.add(others_id)
        groups = {node.group for node in rest}
        group = groups.pop() if len(groups) == 1 else ""
        kept[column] = [*keep, SankeyNode(others_id, others_label(len(rest)), column, group)]
        merged[others_id] = [node.id for node in rest]
    return kept, merged


def _band(x0: float, x1: float, source: tuple[float, float], target: tuple[float, float]) -> str:
    """A band from the edge `source` (top, bottom) at x0 to the edge `target` at x1: two cubic curves."""
    x0s, x1s, xms = _num(x0), _num(x1), _num((x0 + x1) / 2)
    (st, sb), (tt, tb) = (_num(y) for y in source), (_num(y) for y in target)
    return f"M{x0s},{st}C{xms},{st} {xms},{tt} {x1s},{tt}L{x1s},{tb}C{xms},{tb} {xms},{sb} {x0s},{sb}Z"


def _num(value: float) -> str:
    return plain_number(round(float(value), 1))


def _title(titles: list[str]) -> str:
    shown = titles[:MERGED_TITLES]
    return "\n".join([*shown, "…"] if len(titles) > len(shown) else shown)


def sankey(
    nodes: Sequence[SankeyNode],
    links: Sequence[SankeyLink],
    *,
    width: float = 720,
    height: float = 420,
    node_width: float = 14,
    gap: float = 10,
    max_nodes_per_column: int = 12,
    others_label: str | Callable[[int], str] = _others,
    label_room: float = 0,
) -> SankeyChart:
    """Lay out a Sankey diagram of `nodes` in their columns and `links` between them (see the module's
    docstring); `others_label` names a merged node from its count: a callable, or a '{count}' format.
    With `label_room`, the columns leave that much of the width on the right for the last column's labels,
    which are then right of their nodes like the others' (without, they are left of them)."""
    _check(nodes, links, {"width": width, "height": height, "node_width": node_width})
    if not (math.isfinite(label_room) and 0 <= label_room < width - node_width):
        raise ValueError(f"label_room must be from 0 to less than width - node_width, not {label_room!r}")
    if not (math.isfinite(gap) and gap >= 0):
        raise ValueError(f"gap must be zero or more, not {gap!r}")
    if max_nodes_per_column < 1:
        raise ValueError("max_nodes_per_column must be at least 1")
    by_id = {node.id: node for node in nodes}

    def titled(link: SankeyLink) -> SankeyLink:
        if link.title:
            return link
        return replace(link, title=f"{by_id[link.source].label} → {by_id[link.target].label}")

    drawn = [titled(link) for link in links if by_id[link.target].column > by_id[link.source].column]
    not_drawn = [titled(link) for link in links if by_id[link.target].column <= by_id[link.source].column]
    # Amounts as shares of the largest: sums of many large amounts cannot overflow to infinity.
    largest = max((link.value for link in drawn), default=1.0)
    columns: dict[int, list[SankeyNode]] = defaultdict(list)
    for node in sorted(nodes, key=lambda node: node.column):
        columns[node.column].append(node)
    columns, merged = _merge_small(
        columns,
        _totals(_bands(drawn, {}, largest).shares),
        max_nodes_per_column,
        _namer(others_label),
        set(by_id),
    )
    bands = _bands(
        drawn, {member: others for others, members in merged.items() for member in members}, largest
    )
    values = _totals(bands.shares)

    # The fullest column fills the height; gaps and empty marks shrink where they would not fit.
    most = max((len(members) for members in columns.values()), default=1)
    gap = min(gap, height / 2 / max(most - 1, 1))
    empty_height = min(EMPTY_NODE_HEIGHT, height / 4 / most)
    scale = _scale(list(columns.values()), values, height, gap, empty_height)

    def height_of(node: SankeyNode) -> float:
        value = values.get(node.id, 0.0)
        return value * scale if value else empty_height

    step = (width - label_room - node_width) / max(len(columns) - 1, 1)
    position: dict[str, tuple[int, float]] = {}  # node -> (column's index, top)
    placed: list[DrawnNode] = []
    for index, members in enumerate(columns.values()):
        x, last = index * step, index == len(columns) - 1 and len(columns) > 1 and not label_room
        y = (height - sum(map(height_of, members)) - gap * (len(members) - 1)) / 2
        for node in members:
            position[node.id] = (index, y)
            placed.append(_drawn_node(node, x, y, node_width, height_of(node), last))
            y += height_of(node) + gap
    between = (step if len(columns) > 1 else width) - node_width - 2 * LABEL_OFFSET  # to the next column
    last_x = _num((len(columns) - 1) * step)
    rooms = {
        node.x: label_room - LABEL_OFFSET if label_room and node.x == last_x else between for node in placed
    }
    placed = _labelled(placed, values, rooms, height)

    # Bands leave a node in the order of their targets from top to bottom, and enter in that of their
    # sources, so that they do not cross at the nodes.
    source_edge = _stack(bands.shares, position, scale, side=0)
    target_edge = _stack(bands.shares, position, scale, side=1)
    drawn_links = [
        DrawnLink(
            _band(
                position[source][0] * step + node_width,
                position[target][0] * step,
                source_edge[source, target],
                target_edge[source, target],
            ),
            _title(bands.titles[source, target]),
            source,
            target,
            bands.amounts[source, target],
        )
        for source, target in sorted(bands.shares, key=lambda pair: (position[pair[0]], position[pair[1]]))
    ]
    return SankeyChart(_num(width), _num(height), placed, drawn_links, not_drawn, merged)


def _namer(others_label: str | Callable[[int], str]) -> Callable[[int], str]:
    if callable(others_label):
        return others_label
    template = str(others_label)
    return lambda count: template.format(count=count)


@dataclass
class _Bands:
    """The links drawn, one band per pair of nodes as drawn: amount, share of the largest link, tooltips."""

    shares: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    amounts: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    titles: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))


def _bands(links: list[SankeyLink], drawn_as: dict[str, str], largest: float) -> _Bands:
    bands = _Bands()
    for link in links:
        pair = (drawn_as.get(link.source, link.source), drawn_as.get(link.target, link.target))
        bands.shares[pair] += link.value / largest
        bands.amounts[pair] += link.value
        bands.titles[pair].append(link.title)
    return bands


def _scale(
    columns: list[list[SankeyNode]], values: dict[str, float], height: float, gap: float, empty_height: float
) -> float:
    """Pixels per share: the most that lets every column fit the height; 0 when nothing flows."""
    scale = math.inf
    for members in columns:
        total = sum(values.get(node.id, 0.0) for node in members)
        empty = sum(1 for node in members if not values.get(node.id))
        if total > 0:
            scale = min(scale, (height - gap * (len(members) - 1) - empty_height * empty) / total)
    return 0.0 if math.isinf(scale) else scale


def _drawn_node(node: SankeyNode, x: float, y: float, node_width: float, h: float, last: bool) -> DrawnNode:
    """A node's box, its height written as bottom - top so that it matches its bands' rounded edges."""
    top, bottom = round(y, 1), round(y + h, 1)
    return DrawnNode(
        _num(x),
        plain_number(top),
        _num(node_width),
        plain_number(round(bottom - top, 1)),
        node.label,
        _num(x - LABEL_OFFSET if last else x + node_width + LABEL_OFFSET),
        _num(y + h / 2),
        "end" if last else "start",  # the last column's labels inside the chart, on the left
        node.id,
        node.group,
    )


def label_width(text: str, font: float = LABEL_FONT) -> float:
    """The estimated width of `text` in px: wide East Asian characters one em, the others NARROW_EM."""
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in "WF")
    return font * (wide + NARROW_EM * (len(text) - wide))


def fit_label(text: str, room: float) -> str:
    """`text`, or as much of it as fits in `room` px followed by "…"; "" when not even one character does."""
    if label_width(text) <= room:
        return text
    kept = text
    while kept and label_width(kept.rstrip() + "…") > room:
        kept = kept[:-1]
    return kept.rstrip() + "…" if kept.strip() else ""


def _labelled(
    placed: list[DrawnNode], values: dict[str, float], rooms: dict[str, float], height: float
) -> list[DrawnNode]:
    """Each node with its label fitted to its column's room (by x), and the labels of a column moved apart (see the module)."""
    by_column: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(placed):
        by_column[node.x].append(index)
    result = list(placed)
    lines = max(int(height // LINE_HEIGHT), 1)
    for indexes in by_column.values():
        largest = sorted(indexes, key=lambda i: -values.get(placed[i].id, 0.0))[:lines]
        shown = sorted(largest, key=lambda i: float(placed[i].label_y))  # top to bottom
        ys = _apart([float(placed[i].label_y) for i in shown], height)
        for i, y in zip(shown, ys, strict=True):
            result[i] = placed[i]._replace(
                short=fit_label(placed[i].label, max(rooms[placed[i].x], 0.0)), label_y=_num(y)
            )
    return result


def _apart(ys: list[float], height: float) -> list[float]:
    """`ys` (ascending) moved as little as simply can be so that they are LINE_HEIGHT apart and within
    the height: pushed down from the top, then back up from the bottom."""
    moved: list[float] = []
    for y in ys:
        moved.append(max(y, moved[-1] + LINE_HEIGHT if moved else LINE_HEIGHT / 2))
    bottom = height - LINE_HEIGHT / 2
    for index in range(len(moved) - 1, -1, -1):
        limit = bottom if index == len(moved) - 1 else moved[index + 1] - LINE_HEIGHT
        moved[index] = min(moved[index], limit)
    return moved


def _stack(
    bands: dict[tuple[str, str], float],
    position: dict[str, tuple[int, float]],
    scale: float,
    *,
    side: int,
) -> dict[tuple[str, str], tuple[float, float]]:
    """Where each band meets the node on `side` (0: its source, 1: its target), as (top, bottom): stacked
    from the node's top in the order of the other ends from top to bottom."""
    at_node: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in bands:
        at_node[pair[side]].append(pair)
    edges: dict[tuple[str, str], tuple[float, float]] = {}
    for node, pairs in at_node.items():
        y, filled = position[node][1], 0.0
        top = y
        for pair in sorted(pairs, key=lambda pair: position[pair[1 - side]][::-1]):
            filled += bands[pair]
            bottom = y + filled * scale
            edges[pair] = (top, bottom)
            top = bottom
    return edges
