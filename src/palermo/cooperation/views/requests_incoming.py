"""Recording a request received outside Palermo: a practitioner of the requested authority enters a request
that an authority of another State, one that does not use Palermo, sent by post, e-mail or any other way.
It starts at "received"; the requesting side's later moves are entered by hand on the request's page.
Everyone else gets a 404, the secretariat too."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.cooperation import queries
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.interfaces.incoming_forms import IncomingRequestForm
from palermo.cooperation.models import Authority
from palermo.cooperation.views.requests import by_state, identity, my_authority
from palermo.core.permissions import require_perm


def senders(mine: Authority, user) -> list[tuple[object, list[Authority]]]:
    """The directory's authorities of other States that do not use Palermo, grouped by State in the
    reader's order: those whose requests can only be recorded by hand."""
    found = (
        queries.authorities_visible_to(user)
        .filter(organisation__isnull=True)
        .exclude(party_id=mine.party_id)
        .select_related("party")
    )
    return by_state(found)


def record_request(request):
    """The form; a valid one records the request and opens its page."""
    mine = my_authority(request)
    require_perm(request.user, "cooperation.draft_request")
    groups = senders(mine, request.user)
    form = IncomingRequestForm(request.POST or None, groups=groups)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        requesting = data["requesting_authority"]
        try:
            req = domain.record_incoming_request(
                actor=request.user,
                kind=data["kind"],
                requesting_authority=requesting,
                requested_authority=mine,
                title=data["title"],
                received_on=data["received_on"],
                content={**identity(data["kind"], requesting, mine), **form.content()},
                request=request,
            )
        except domain.RequestError as refused:
            problem = str(refused)
        else:
            messages.success(request, _("Request %(reference)s recorded.") % {"reference": req.reference})
            return redirect("cooperation:request", pk=req.pk)
    return render(
        request,
        "cooperation/request_record.html",
        {"authority": mine, "form": form, "groups": groups, "problem": problem},
        status=400 if request.method == "POST" else 200,
    )
