"""Screening: the authority's watch lists (loaded, listed, removed by its practitioners) and an
investigation's hits on them (seen by its members, reviewed by its analysts and lead). Everyone else 404."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.jobs import render_job_progress
from palermo.core.uploads import accepts_file
from palermo.networks.domain.imports import import_max_bytes
from palermo.networks.domain.resolution_proxies import proxies_for
from palermo.networks.domain.screening import (
    decide,
    latest_screening,
    listed_profile,
    ready_lists,
    screenings,
    start_screening,
)
from palermo.networks.domain.watch_lists import WatchListError, delete_list, lists_of, managed_by, start_load
from palermo.networks.ftm.model import model
from palermo.networks.interfaces.schema_labels import country_name, schema_label
from palermo.networks.matching import profile, score_pair
from palermo.networks.models import Decision, Entity, ScreeningHit
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.sources import problems_of

EDIT = "networks.edit_entities"
SHOWN = 500
EXPLAINED = 100  # hits whose evidence is worked out again for the page (the rest show their score)


class WatchListForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    publisher = forms.CharField(
        label=gettext_lazy("Publisher and edition"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("e.g. OpenSanctions, consolidated sanctions, 2026-11-30"),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "FtM JSON lines (.json, .jsonl or .ftm.json), such as the entities.ftm.json export of an "
            "OpenSanctions dataset."
        ),
    )


def _authority_or_404(user):
    authority = managed_by(user)
    if authority is None:
        raise Http404
    return authority


@accepts_file(import_max_bytes)
def watch_lists(request):
    """The authority's lists; POST loads one (a file as large as an import may be)."""
    authority = _authority_or_404(request.user)
    form = WatchListForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                start_load(
                    user=request.user,
                    upload=form.cleaned_data["file"],
                    name=form.cleaned_data["name"],
                    publisher=form.cleaned_data["publisher"],
                    request=request,
                )
            except WatchListError as problem:
                form.add_error("file", str(problem))
            else:
                messages.success(
                    request,
                    _(
                        "The list is being loaded. Your authority's investigations are screened when it is ready."
                    ),
                )
                return redirect("networks:watch_lists")
        status = 400
    rows = [
        {"list": watch_list, **(problems_of(watch_list) if watch_list.state == "failed" else {})}
        for watch_list in lists_of(authority).select_related("job", "loaded_by")
    ]
    return render(
        request,
        "networks/watch_lists.html",
        {"authority": authority, "rows": rows, "form": form},
        status=status,
    )


def watch_list_progress(request, list_id: int):
    authority = _authority_or_404(request.user)
    watch_list = get_object_or_404(lists_of(authority), pk=list_id)
    if watch_list.job is None:
        raise Http404
    return render_job_progress(request, watch_list.job)


@require_POST
def watch_list_delete(request, list_id: int):
    authority = _authority_or_404(request.user)
    watch_list = get_object_or_404(lists_of(authority).exclude(state="loading"), pk=list_id)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The list %(name)s and the hits on it will be removed.") % {"name": watch_list.name},
            action=_("Remove the list"),
            back=reverse("networks:watch_lists"),
        )
    delete_list(watch_list=watch_list, user=request.user, request=request)
    messages.success(
        request, _("The list %(name)s and the hits on it were removed.") % {"name": watch_list.name}
    )
    return redirect("networks:watch_lists")


def _values(listed, prop: str) -> list[str]:
    return list(listed.properties.get(prop, []))


def hit_rows(investigation, hits: list[ScreeningHit]) -> list[dict]:
    """Each hit with both sides named, the list, the listed entity's topics and countries, and the
    evidence (scored again, in the reader's language) for the first EXPLAINED."""
    ids = {hit.canonical_id for hit in hits}
    captions: dict[str, str] = {}
    for canonical_id, caption in (
        Entity.objects.filter(investigation=investigation, canonical_id__in=ids)
        .order_by("entity_id")
        .values_list("canonical_id", "caption")
    ):
        captions.setdefault(canonical_id, caption)
    explained = hits[:EXPLAINED]
    profiles = {
        canonical_id: profile(proxy)
        for canonical_id, proxy in proxies_for(investigation, {hit.canonical_id for hit in explained}).items()
    }
    rows = []
    for index, hit in enumerate(hits):
        listed = hit.listed
        evidence = []
        if index < EXPLAINED and hit.canonical_id in profiles:
            scored = score_pair(profiles[hit.canonical_id], listed_profile(listed))
            evidence = [str(feature.explanation) for feature in scored.features]
        rows.append(
            {
                "hit": hit,
                "caption": captions.get(hit.canonical_id, hit.canonical_id),
                "known": hit.canonical_id in captions,
                "listed": listed,
                "schema": schema_label(model.get(listed.schema)),
                "topics": _values(listed, "topics"),
                "countries": [
                    country_name(code)
                    for code in _values(listed, "country")
                    + _values(listed, "nationality")
                    + _values(listed, "jurisdiction")
                ],
                "percent": round(hit.score * 100),
                "evidence": evidence,
            }
        )
    return rows


def screening_page(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    hits = list(
        investigation.screening_hits.select_related("listed__watch_list", "decided_by").order_by(
            "decision", "-score", "pk"
        )[:SHOWN]
    )
    lists = list(ready_lists(investigation.authority_id))
    return render(
        request,
        "networks/screening.html",
        {
            "investigation": investigation,
            "rows": hit_rows(investigation, hits),
            "hit_count": investigation.screening_hits.count(),
            "lists": lists,
            "latest": latest_screening(investigation),
            "may_edit": request.user.has_perm(EDIT, investigation),
            "may_manage": managed_by(request.user) == investigation.authority,
            "decisions": Decision.choices,
        },
    )


@require_POST
def screening_start(request, pk: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    if not ready_lists(investigation.authority_id).exists():
        messages.error(request, _("Your authority has no watch list yet: load one first."))
    else:
        start_screening(investigation=investigation, user=request.user, request=request)
        messages.success(request, _("The screening has started. You can leave this page."))
    return redirect("networks:screening", pk=pk)


def screening_progress(request, pk: int, job_id: int):
    investigation = investigation_or_404(request.user, pk)
    job = get_object_or_404(screenings(investigation), pk=job_id)
    return render_job_progress(request, job)


@require_POST
def screening_decide(request, pk: int, hit_id: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    hit = get_object_or_404(investigation.screening_hits.select_related("listed"), pk=hit_id)
    decision = request.POST.get("decision", "")
    if decision not in Decision.values:
        messages.error(request, _("Choose a decision."))
    else:
        decide(hit=hit, decision=decision, user=request.user, request=request)
        messages.success(request, _("The decision is recorded."))
    back = request.POST.get("next", "")
    if back == "entity":
        return redirect("networks:entity", pk=pk, canonical_id=hit.canonical_id)
    return redirect("networks:screening", pk=pk)
