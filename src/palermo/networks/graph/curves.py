"""The disruption curves drawn on the server as SVG (so they print and need no script): the share of
the network still in its largest component after each removal, one line per measure. Every number is
written for SVG (`plain_number`), never in the reader's language ('0,5' is not an SVG number)."""

from dataclasses import dataclass

from palermo.core.i18n import plain_number

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 28


@dataclass
class Curve:
    measure: str
    path: str
    points: list[tuple[str, str]]


@dataclass
class CurveChart:
    width: str
    height: str
    plot_left: str
    label_y: str
    curves: list[Curve]
    x_ticks: list[tuple[str, str]]  # (x, removals)
    y_ticks: list[tuple[str, str]]  # (y, per cent)


def disruption_chart(curves: dict[str, list[dict]]) -> CurveChart:
    """x: members removed; y: the largest component as a share of the intact one's size."""
    steps = max((len(curve) - 1 for curve in curves.values()), default=0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(step: int) -> float:
        return LEFT + plot_w * step / max(steps, 1)

    def y_of(share: float) -> float:
        return TOP + plot_h * (1 - share)

    drawn = []
    for measure, curve in curves.items():
        intact = curve[0]["largest_component"] if curve else 0
        points = [
            (
                plain_number(x_of(step["step"])),
                plain_number(y_of(step["largest_component"] / intact if intact else 0)),
            )
            for step in curve
        ]
        path = "".join(("M" if i == 0 else "L") + f"{x},{y}" for i, (x, y) in enumerate(points))
        drawn.append(Curve(measure, path, points))
    every = max(1, steps // 10)
    x_ticks = [(plain_number(x_of(step)), str(step)) for step in range(0, steps + 1, every)]
    y_ticks = [(plain_number(y_of(share / 100)), str(share)) for share in (0, 25, 50, 75, 100)]
    return CurveChart(
        plain_number(WIDTH),
        plain_number(HEIGHT),
        plain_number(LEFT),
        plain_number(HEIGHT - 6),
        drawn,
        x_ticks,
        y_ticks,
    )
