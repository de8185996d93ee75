"""Bringing a published case of the knowledge base into an investigation: search the cases by title, add
one (its CourtCase, defendants and victims become a source of the investigation)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.pages import page_of
from palermo.networks.domain.knowledge_cases import CaseError, add_case, published_cases_for
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"


def case_pick(request, pk: int):
    """Published cases whose title contains `?q=`, newest first, each with its button."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    query = request.GET.get("q", "").strip()[:200]
    cases = published_cases_for(request.user).select_related("jurisdiction", "case")
    if query:
        cases = cases.filter(title__icontains=query)
    page = page_of(request, cases.order_by("-date", "-id"), per_page=20)
    return render(
        request,
        "networks/source_cases.html",
        {"investigation": investigation, "page": page, "query": query},
    )


@require_POST
def case_add(request, pk: int, record: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    found = get_object_or_404(published_cases_for(request.user), pk=record)
    try:
        added = add_case(investigation=investigation, user=request.user, record=found, request=request)
    except CaseError as problem:
        messages.error(request, str(problem))
        return redirect("networks:source_cases", pk=investigation.pk)
    if added.created:
        messages.success(request, _("The case was added to the investigation."))
    else:
        messages.info(request, _("This case is already in the investigation."))
    return redirect("networks:sources", pk=investigation.pk)
