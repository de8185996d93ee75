"""The public pages of the Conference's record: its meetings, a meeting with its agenda and documents, a
resolution or decision with its operative paragraphs and their follow-up."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from palermo.conference import queries
from palermo.conference.interfaces.forms import FollowUpFilter, follow_up_form
from palermo.conference.models import (
    Addressee,
    Body,
    Decision,
    DecisionKind,
    DocumentFile,
    FollowUpStatus,
    Meeting,
)
from palermo.conference.views.follow_up_table import rows_html
from palermo.core.collation import collated
from palermo.core.i18n import format_date, listed
from palermo.register.models import Party


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
    return render(
        request,
        "conference/meeting_detail.html",
        {"meeting": meeting, "delegations": delegations, "languages": settings.LANGUAGES},
    )


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
            paragraph.follow_ups.all(),  # the latest of each State (queries.decisions)
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


def follow_up_page(request):
    """What was done on the Conference's requests: every operative paragraph (of a meeting, asking a
    State, on a topic) with the latest status of each State that reported; for a chosen State, its own.
    Rows are written once here, each label translated once (hundreds of rows: issue 16's benchmark)."""
    form = FollowUpFilter(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    state = chosen.get("state")
    found = queries.follow_up_overview(
        meeting=chosen.get("meeting"), party=state.pk if state else "", topic=chosen.get("topic")
    )
    statuses = [(value, str(label)) for value, label in FollowUpStatus.choices]
    labels = {
        "asks": capfirst(gettext("asks")),
        "due": capfirst(gettext("due by")),
        "demo": gettext("demo data"),
        "nothing": gettext("Nothing reported"),
    }
    if state:
        labels["own"] = gettext("Status for %(state)s") % {"state": state.local_name}
    rows = follow_up_rows(found, statuses)
    return render(
        request,
        "conference/follow_up.html",
        {
            "form": form,
            "filters": filter_choices(form),
            "rows": rows_html(rows, labels) if rows else "",
            "labels": labels,
            "state": state,
            "statuses": statuses,
        },
    )


def filter_choices(form: FollowUpFilter) -> list[dict]:
    """The filter's three selects as plain lists: Django's widgets write hundreds of options (every State,
    every topic) through a template each, a third of the page's time."""
    found = []
    for name in ("meeting", "state", "topic"):
        field = form.fields[name]
        chosen = str(form.data.get(name, "")) if form.is_bound else ""
        options = [(str(value), str(label), str(value) == chosen) for value, label in field.choices]
        found.append(
            {
                "name": name,
                "id": f"id_{name}",
                "label": field.label,
                "options": options,
                "errors": form.errors.get(name, []) if form.is_bound else [],
            }
        )
    return found


def follow_up_rows(found: list[queries.ParagraphStatus], statuses: list[tuple[str, str]]) -> list[dict]:
    status_label = dict(statuses)
    kinds = {value: str(label) for value, label in DecisionKind.choices}
    addressees = {value: str(label) for value, label in Addressee.choices}
    bodies = {value: str(label) for value, label in Body.choices}
    names = {party.pk: party.local_name for party in Party.objects.all()}
    named = gettext("%(decision)s, paragraph %(number)s")  # 第12/1号决议第1段: not a list
    days: dict = {}
    rows = []
    for paragraph in found:
        if paragraph.addressee == Addressee.SOME_STATES:
            asks = listed(collated((names.get(code, code) for code in paragraph.states), key=str))
        elif paragraph.addressee == Addressee.WORKING_GROUP:
            asks = bodies.get(paragraph.working_group, paragraph.working_group)
        else:
            asks = addressees[paragraph.addressee]
        if paragraph.due is not None and paragraph.due not in days:
            days[paragraph.due] = format_date(paragraph.due)
        decision = f"{kinds[paragraph.decision_kind]} {paragraph.decision_number}"
        rows.append(
            {
                "name": named % {"decision": decision, "number": paragraph.number},
                "url": reverse("conference:decision", args=[paragraph.decision_id])
                + f"#para-{paragraph.number}",
                "demo": paragraph.is_demo,
                "text": paragraph.text,
                "asks": asks,
                "due": paragraph.due,
                "due_text": days.get(paragraph.due, ""),
                "counts": [(label, paragraph.by_status.get(value, 0)) for value, label in statuses],
                "own": status_label.get(paragraph.own) if paragraph.own else None,
            }
        )
    return rows


def document_file(request, pk: int, language: str):
    """A document's version in one language, as its PDF (public, as the documents of the Conference are)."""
    version = (
        DocumentFile.objects.select_related("document").filter(document_id=pk, language=language).first()
    )
    if version is None or not version.file:
        raise Http404
    symbol = version.document.symbol.replace("/", "-")
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=f"{symbol}-{language}.pdf",
        content_type="application/pdf",
    )
