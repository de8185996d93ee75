"""One candidate pair under review: the two entities side by side with each value's source, the features
that scored and the statements behind them; Same / Not the same / Unsure, then the next pair."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.htmx import wants_part
from palermo.networks.domain import resolution as domain
from palermo.networks.domain.resolution_review import review_of
from palermo.networks.models import Candidate, Verdict
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.resolution import EDIT, filter_query, filters_of, open_candidates

DONE = {
    Verdict.POSITIVE: gettext_lazy("Judged the same: the two are now one entity."),
    Verdict.NEGATIVE: gettext_lazy("Judged not the same: this pair will not be proposed again."),
    Verdict.UNSURE: gettext_lazy(
        "Marked unsure: this pair will not be proposed again unless the judgement is undone."
    ),
}


def candidate(request, pk: int, candidate_id: int, *, status: int = 200):
    investigation = investigation_or_404(request.user, pk)
    pair = get_object_or_404(
        Candidate.objects.select_related("judgement__by"), pk=candidate_id, investigation=investigation
    )
    pair.investigation = investigation
    filters = filters_of(request)
    return render(
        request,
        "networks/candidate.html",
        {
            "investigation": investigation,
            "review": review_of(pair),
            "pair": pair,
            "filters": filters,
            "filter_query": filter_query(filters),
            "verdicts": Verdict.choices,
            "may_judge": request.user.has_perm(EDIT, investigation) and pair.judgement_id is None,
            "remaining": open_candidates(investigation, filters).count(),
        },
        status=status,
    )


@require_POST
def candidate_judge(request, pk: int, candidate_id: int):
    """Judge the pair, then show the next open one (within the same filters), or the list when none is
    left. For htmx, the next pair's page is the answer and its address goes into the history."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    pair = get_object_or_404(Candidate, pk=candidate_id, investigation=investigation)
    verdict = request.POST.get("verdict", "")
    if verdict not in Verdict.values:
        raise Http404
    try:
        domain.judge(candidate=pair, verdict=verdict, user=request.user, request=request)
    except domain.ResolutionError as refused:
        messages.error(request, str(refused))
        return redirect(reverse("networks:candidate", args=[pk, pair.pk]))
    messages.success(request, DONE[Verdict(verdict)])
    filters = filters_of(request)
    following = open_candidates(investigation, filters).first()
    if following is None:  # back to the list; htmx is told to go there as a whole page
        listing = reverse("networks:candidates", args=[pk]) + filter_query(filters)
        if wants_part(request):
            return HttpResponse(headers={"HX-Redirect": listing})
        return redirect(listing)
    url = reverse("networks:candidate", args=[pk, following.pk]) + filter_query(filters)
    if wants_part(request):
        response = candidate(request, pk, following.pk)
        response["HX-Push-Url"] = url
        return response
    return redirect(url)
