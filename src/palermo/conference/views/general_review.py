"""The general review's tables (palermo.conference.general_review) on a page, as CSV and as DOCX: public with
small counts hidden; the secretariat sees every count."""

import io

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from palermo.accounts.rules import is_secretariat
from palermo.conference import general_review
from palermo.conference.interfaces.docx_parts import download
from palermo.conference.interfaces.general_review_docx import export
from palermo.conference.results import SMALL_CELL
from palermo.core import csvsafe
from palermo.review.models import ObservationCategory, ReviewCycle


def _chosen(request) -> tuple[str, ReviewCycle | None]:
    by = request.GET.get("by") or "article"
    if by not in general_review.DIMENSIONS:
        raise Http404
    cycle = None
    number = request.GET.get("cycle", "")
    if number:
        if not number.isdigit() or len(number) > 4:
            raise Http404
        cycle = ReviewCycle.objects.filter(number=int(number)).first()
        if cycle is None:
            raise Http404
    return by, cycle


def general_review_page(request):
    by, cycle = _chosen(request)
    full = is_secretariat(request.user)
    return render(
        request,
        "conference/general_review.html",
        {
            "by": by,
            "cycle": cycle,
            "cycles": ReviewCycle.objects.order_by("-number"),
            "dimensions": general_review.dimension_labels().items(),
            "lines": general_review.table(by, full=full, cycle=cycle),
            "categories": ObservationCategory.choices,
            "summaries": general_review.published_summaries(),
            "full": full,
            "small_cell": SMALL_CELL,
        },
    )


def _cell(count: general_review.Count) -> tuple[str, str]:
    hidden = _("fewer than %(small)s States") % {"small": SMALL_CELL}
    return (hidden, hidden) if count.hidden else (str(count.observations), str(count.state_count))


def general_review_csv(request):
    by, cycle = _chosen(request)
    lines = general_review.table(by, full=is_secretariat(request.user), cycle=cycle)
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    header = [by]
    for category in ObservationCategory.values:
        header += [f"{category}_observations", f"{category}_states"]
    writer.writerow(header)
    for line in lines:
        row = [line.label]
        for count in line.ordered():
            row += list(_cell(count))
        writer.writerow(row)
    return csvsafe.download(out.getvalue(), f"general-review-by-{by}.csv")


def general_review_docx(request):
    _by, cycle = _chosen(request)
    full = is_secretariat(request.user)
    return download(export(full=full, cycle=cycle), "general-review.docx")
