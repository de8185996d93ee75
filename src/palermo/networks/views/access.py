"""Fetching an investigation for a page or an API call: 404 for anyone who may not see it (never 403,
which would tell an outsider that the investigation exists)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from palermo.networks.models import Investigation
from palermo.networks.queries import investigations_visible_to


def investigation_or_404(user, pk: int, perm: str = "networks.view_investigation") -> Investigation:
    """The investigation if the user may see it and has `perm` on it; Http404 otherwise."""
    investigation = get_object_or_404(investigations_visible_to(user), pk=pk)
    if not user.has_perm(perm, investigation):
        raise Http404
    return investigation
