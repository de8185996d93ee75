"""The public pages of the Conference's record: its meetings, a meeting with its agenda and documents, a
resolution or decision with its operative paragraphs and their follow-up."""

from django.http import Http404
from django.shortcuts import render

from palermo.conference import queries
from palermo.conference.interfaces.forms import follow_up_form
from palermo.conference.models import Body, Decision, Meeting
from palermo.core.collation import collated


def meeting_list(request):
    body = request.GET.get("body", "")
    if body not in Body.values:
        body = ""
    return render(
        request,
        "conference/meeting_list.html",
        {"meetings": queries.meetings(body), "bodies": Body.choices, "body": body},
    )


def meeting_detail(request, pk: int):
    try:
        meeting = queries.meeting_detail(pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    delegations = collated(meeting.delegations.all(), key=lambda delegation: delegation.party.local_name)
    return render(request, "conference/meeting_detail.html", {"meeting": meeting, "delegations": delegations})


def decision_detail(request, pk: int):
    return decision_page(request, pk)


def decision_page(request, pk: int, *, bound: dict | None = None, status: int = 200):
    """The resolution's page; with `bound`, the forms (by paragraph) that were sent back with problems."""
    try:
        decision = queries.decision_detail(pk)
    except Decision.DoesNotExist as missing:
        raise Http404 from missing
    bound = bound or {}
    paragraphs = [
        (
            paragraph,
            queries.latest_per_state(paragraph),
            bound.get(paragraph.pk) or follow_up_form(request, paragraph),
        )
        for paragraph in decision.paragraphs.all()
    ]
    return render(
        request,
        "conference/decision_detail.html",
        {"decision": decision, "paragraphs": paragraphs},
        status=status,
    )
