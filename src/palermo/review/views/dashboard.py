"""The secretariat's dashboard of a cycle, and its data as CSV for the Conference's general review."""

import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core import csvsafe
from palermo.core.i18n import article_of, plain_number
from palermo.core.permissions import perm_required_or_404
from palermo.register.models import Instrument, RegionalGroup
from palermo.review.dashboard import STATES, needs, needs_by, progress, timeline
from palermo.review.models import AssistanceKind, DocumentState, Priority, ReviewCycle

YEAR_WIDTH, ROW_HEIGHT, LEFT = 60, 28, 90


def _labels() -> list[str]:
    return [_("not started"), *[str(label) for label in DocumentState.labels], _("overdue")]


@perm_required_or_404("review.manage_cycle")
def dashboard(request, number: int):
    cycle = get_object_or_404(ReviewCycle, number=number)
    cells = progress(cycle)
    rows = [
        {"group": group, "phase": phase, "values": cell.row()}
        for (group, phase), cell in sorted(cells.items())
    ]
    context = {
        "cycle": cycle,
        "labels": _labels(),
        "rows": rows,
        **_timeline_drawing(cycle, timezone.localdate()),
    }
    context.update(_needs_context(cycle))
    return render(request, "review/dashboard.html", context)


def _timeline_drawing(cycle: ReviewCycle, today) -> dict:
    """The timeline's coordinates, written for SVG here (plain_number), never by the template engine, which
    would write them in the reader's language ('1234,5')."""
    groups = timeline(cycle)
    last = max((p["start"] + p["years"] for g in groups for p in g["phases"]), default=cycle.first_year + 1)
    height = len(groups) * ROW_HEIGHT + 24
    n = plain_number
    today_x = LEFT + (today.year - cycle.first_year + (today.timetuple().tm_yday - 1) / 365) * YEAR_WIDTH
    return {
        "bars": [
            {
                "x": n(LEFT + (p["start"] - cycle.first_year) * YEAR_WIDTH),
                "y": n(index * ROW_HEIGHT + 4),
                "width": n(p["years"] * YEAR_WIDTH - 2),
                "label_x": n(LEFT + (p["start"] - cycle.first_year) * YEAR_WIDTH + 6),
                "label_y": n(index * ROW_HEIGHT + 18),
                "phase": p["phase"],
                "group": g["group"],
            }
            for index, g in enumerate(groups)
            for p in g["phases"]
        ],
        "groups": [
            (g["group"], n(index * ROW_HEIGHT + ROW_HEIGHT // 2 + 4)) for index, g in enumerate(groups)
        ],
        "years": [
            (str(year), n(LEFT + (year - cycle.first_year) * YEAR_WIDTH))
            for year in range(cycle.first_year, last + 1)
        ],
        "width": n(LEFT + (last - cycle.first_year) * YEAR_WIDTH + 30),
        "height": n(height),
        "year_label_y": n(height - 6),
        "chart_bottom": n(len(groups) * ROW_HEIGHT),
        "today_x": n(today_x, 0),
    }


def _needs_context(cycle: ReviewCycle) -> dict:
    rows = needs(cycle)
    kinds, regions = dict(AssistanceKind.choices), dict(RegionalGroup.choices)
    titles = {i.code: i.local_short_title for i in Instrument.objects.all()}
    return {
        "needs_count": len(rows),
        "priorities": Priority.labels,
        "needs_tables": [
            (
                _("By article"),
                needs_by(
                    rows,
                    lambda n: article_of(titles.get(n["instrument"], n["instrument"]), n["article"]),
                ),
            ),
            (_("By regional group"), needs_by(rows, lambda n: str(regions.get(n["region"], _("none"))))),
            (_("By kind of assistance"), needs_by(rows, lambda n: str(kinds.get(n["kind"], n["kind"])))),
        ],
    }


def _csv(rows: list[list], name: str) -> HttpResponse:
    out = io.StringIO()
    csvsafe.writer(out, lineterminator="\n").writerows(rows)
    return csvsafe.download(out.getvalue(), name)


@perm_required_or_404("review.manage_cycle")
def needs_csv(request, number: int):
    """Every technical-assistance need of the cycle's cleared self-assessments, one per line (codes, for
    the Conference's general review)."""
    cycle = get_object_or_404(ReviewCycle, number=number)
    columns = ["group", "phase", "state", "region", "instrument", "article", "kind", "priority"]
    rows = [[cycle.number, *(need[c] for c in columns)] for need in needs(cycle)]
    return _csv([["cycle", *columns], *rows], f"review-cycle-{cycle.number}-assistance-needs.csv")


@perm_required_or_404("review.manage_cycle")
def dashboard_csv(request, number: int):
    cycle = get_object_or_404(ReviewCycle, number=number)
    rows = [
        [cycle.number, group, phase, *cell.row()] for (group, phase), cell in sorted(progress(cycle).items())
    ]
    return _csv(
        [["cycle", "group", "phase", *STATES, "overdue"], *rows], f"review-cycle-{cycle.number}-progress.csv"
    )
