"""Counts of requests for the secretariat, as the working group on international cooperation would see
them: by kind, by pair of States, by outcome, time to execution; a cell under five requests is not shown.
Nobody else sees this page (404); nobody sees a request's content here."""

from django.shortcuts import render
from django.utils import timezone

from palermo.cooperation.domain.statistics import MIN_CELL
from palermo.cooperation.domain.statistics import request_statistics as compute
from palermo.core.permissions import perm_required_or_404


@perm_required_or_404("cooperation.view_statistics")
def request_statistics(request):

    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    this_year = timezone.localdate().year
    if year is not None and not 1990 <= year <= this_year:
        year = None
    return render(
        request,
        "cooperation/request_statistics.html",
        {
            "statistics": compute(year=year),
            "year": year,
            "years": list(range(this_year, this_year - 10, -1)),
            "min_cell": MIN_CELL,
        },
    )
