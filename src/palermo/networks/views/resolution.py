"""Entity resolution's list of candidate pairs (by score, filtered by schema and minimum score), the search
for candidates started from it (a background job with its progress), and the judgements made."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.jobs import render_job_progress
from palermo.core.pages import page_of
from palermo.networks.domain import resolution_run
from palermo.networks.domain.resolution_keys import KEY_CAP
from palermo.networks.domain.resolution_proxies import ftm_model
from palermo.networks.interfaces.schema_labels import schema_label
from palermo.networks.models import Candidate, Investigation, Judgement, ResolutionRun
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"


def filters_of(request) -> dict:
    """The review filters from the query (or a form): schema and minimum score; bad values are ignored."""
    schema = (request.GET.get("schema") or request.POST.get("schema") or "").strip()[:64]
    raw = (request.GET.get("min") or request.POST.get("min") or "").strip().replace(",", ".")
    try:
        minimum = float(raw) if raw else None
    except ValueError:
        minimum = None
    if minimum is not None and not 0 <= minimum <= 1:
        minimum = None
    return {"schema": schema, "minimum": minimum}


def filter_query(filters: dict) -> str:
    parts = []
    if filters["schema"]:
        parts.append(f"schema={filters['schema']}")
    if filters["minimum"] is not None:
        parts.append(f"min={filters['minimum']:g}")
    return ("?" + "&".join(parts)) if parts else ""


def open_candidates(investigation: Investigation, filters: dict):
    found = Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
    if filters["schema"]:
        found = found.filter(schema=filters["schema"])
    if filters["minimum"] is not None:
        found = found.filter(score__gte=filters["minimum"])
    return found.order_by("-score", "pk").only(
        "pk", "left_caption", "right_caption", "schema", "score", "left_id", "right_id"
    )


def candidates(request, pk: int):
    """Open candidate pairs, the best first; analysts start a new search here."""
    investigation = investigation_or_404(request.user, pk)
    filters = filters_of(request)
    page = page_of(request, open_candidates(investigation, filters))
    schemata = (
        Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
        .order_by("schema")
        .values_list("schema", flat=True)
        .distinct()
    )
    return render(
        request,
        "networks/candidates.html",
        {
            "investigation": investigation,
            "page": page,
            "filters": filters,
            "filter_query": filter_query(filters),
            "schemata": list(schemata),
            "schema_labels": schema_labels(set(schemata) | {pair.schema for pair in page}),
            "run": resolution_run.latest_run(investigation),
            "key_cap": KEY_CAP,
            "may_judge": request.user.has_perm(EDIT, investigation),
            "judgement_count": Judgement.objects.filter(
                investigation=investigation, undone_at__isnull=True
            ).count(),
        },
    )


def schema_labels(names) -> dict[str, str]:
    """Schema name -> its label in the reader's language."""
    model = ftm_model()
    return {name: schema_label(model.get(name)) if model.get(name) else name for name in names}


@require_POST
def resolve_start(request, pk: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    running = resolution_run.active_run(investigation)
    resolution_run.start_run(investigation=investigation, user=request.user, request=request)
    if running is None:
        messages.success(request, _("The search for candidates has started. You can leave this page."))
    else:
        messages.info(request, _("A search for candidates is under way; a new one will follow it if needed."))
    return redirect(reverse("networks:candidates", args=[pk]))


def resolve_progress(request, pk: int, run_id: int):
    """The progress part of a search, polled by htmx."""
    investigation = investigation_or_404(request.user, pk)
    run = get_object_or_404(
        ResolutionRun.objects.select_related("job"), pk=run_id, investigation=investigation
    )
    if run.job is None:
        return render(request, "networks/candidates_run.html", {"investigation": investigation, "run": run})
    return render_job_progress(request, run.job)
