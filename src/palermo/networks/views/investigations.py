"""Investigations: the list of the user's, a new one, an investigation's overview and its settings. The
members and shares are in investigation_members.py."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.cooperation.rules import authority_of
from palermo.core.pages import page_of
from palermo.core.permissions import require_perm
from palermo.networks.domain import investigations as domain
from palermo.networks.domain.hits import hits_received
from palermo.networks.interfaces.investigation_forms import InvestigationForm
from palermo.networks.models import Entity, SourceState
from palermo.networks.queries import investigations_visible_to
from palermo.networks.rules import is_investigator
from palermo.networks.views.access import investigation_or_404


def investigation_list(request):
    """The investigations the user is a member of; 404 for anyone who cannot take part in one."""
    if authority_of(request.user) is None or not is_investigator(request.user):
        raise Http404
    found = (
        investigations_visible_to(request.user)
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-created_at", "-pk")
    )
    page = page_of(request, found)
    return render(
        request,
        "networks/investigation_list.html",
        {
            "page": page,
            "authority": authority_of(request.user),
            "may_create": request.user.has_perm("networks.create_investigation"),
        },
    )


def investigation_new(request):
    require_perm(request.user, "networks.create_investigation")
    form = InvestigationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        investigation = domain.create_investigation(user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("The investigation is open. You are its lead."))
        return redirect("networks:investigation", investigation.pk)
    return render(
        request, "networks/investigation_form.html", {"form": form, "authority": authority_of(request.user)}
    )


def investigation_detail(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    user = request.user
    sources = investigation.sources.filter(state=SourceState.READY)
    counts = {
        "sources": sources.count(),
        "entities": Entity.objects.filter(investigation=investigation)
        .values("canonical_id")
        .distinct()
        .count(),
        "members": investigation.memberships.count(),
        "shares": investigation.shares.filter(revoked_at__isnull=True).count(),
    }
    return render(
        request,
        "networks/investigation.html",
        {
            "investigation": investigation,
            "counts": counts,
            "may_edit": user.has_perm("networks.edit_entities", investigation),
            "may_lead": user.has_perm("networks.lead_investigation", investigation),
            "membership": investigation.memberships.filter(user=user).first(),
            # Entities of this investigation with hits (not rows: another side's several records of one
            # person are one hit here, and their number is theirs to know).
            "received_hits": hits_received(investigation).values("other_canonical_id").distinct().count(),
        },
    )


def investigation_edit(request, pk: int):
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    form = InvestigationForm(request.POST or None, instance=investigation)
    if request.method == "POST" and form.is_valid():
        domain.update_investigation(
            investigation=investigation, user=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("networks:investigation", investigation.pk)
    return render(request, "networks/investigation_form.html", {"form": form, "investigation": investigation})
