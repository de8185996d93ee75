"""What the secretariat records from the pages: a new meeting, a meeting's documents by UN symbol and their
language versions, and a session's resolutions and decisions with their operative paragraphs.
Everyone else gets a 404 (the record itself is public; these forms are not). Bad input shows the form
again with the problem beside its field and writes nothing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.conference.domain.records import (
    ParagraphInput,
    RecordError,
    add_document,
    create_meeting,
    record_decision,
    upload_language_version,
)
from palermo.conference.interfaces.forms import (
    DecisionForm,
    DocumentForm,
    MeetingForm,
    ParagraphFormSet,
    show_problems,
    show_set_problems,
)
from palermo.conference.models import Body, Document, Meeting
from palermo.core.i18n import colon
from palermo.core.uploads import accepts_file, attachment_bytes


def _secretariat_only(request) -> None:
    if not request.user.has_perm("conference.record_meetings"):
        raise Http404


def meeting_new(request):
    _secretariat_only(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = create_meeting(user=request.user, **form.cleaned_data)
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("conference:meeting", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/meeting_form.html", {"form": form}, status=status)


def document_new(request, pk: int):
    _secretariat_only(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_document(
                user=request.user,
                meeting=meeting,
                symbol=data["symbol"],
                kind=data["kind"],
                titles=form.titles(),
                issued=data["issued"],
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The document is recorded."))
            return redirect("conference:meeting", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "conference/document_form.html", {"form": form, "meeting": meeting}, status=status)


@require_POST
@accepts_file(attachment_bytes)
def document_file_new(request, pk: int):
    """A language version of a document (a PDF), from the meeting's page; a refusal says why there."""
    _secretariat_only(request)
    document = get_object_or_404(Document.objects.select_related("meeting"), pk=pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise RecordError([("file", _("Choose a PDF file."))])
        upload_language_version(
            user=request.user, document=document, language=request.POST.get("language", ""), upload=upload
        )
    except RecordError as refused:
        for _key, message in refused.problems:
            messages.error(request, f"{document.symbol}{colon()}{message}")
    else:
        messages.success(request, _("The language version is uploaded."))
    return redirect(reverse("conference:meeting", args=[document.meeting_id]) + "#documents")


def decision_new(request, pk: int):
    """A resolution or decision of a session with its operative paragraphs, all or nothing: a problem in
    any part shows the whole form again with the problem beside its field."""
    _secretariat_only(request)
    meeting = get_object_or_404(Meeting, pk=pk, body=Body.CONFERENCE)
    form = DecisionForm(request.POST or None)
    paragraphs = ParagraphFormSet(request.POST or None, prefix="paragraphs")
    if request.method == "POST" and form.is_valid() and paragraphs.is_valid():
        filled = [entry for entry in paragraphs if entry.cleaned_data and not entry.is_empty()]
        inputs = [
            ParagraphInput(
                number,
                entry.texts(),
                entry.cleaned_data["addressee"],
                states=list(entry.cleaned_data["states"]),
                working_group=entry.cleaned_data["working_group"],
                due=entry.cleaned_data["due"],
                articles=list(entry.cleaned_data["articles"]),
                topics=list(entry.cleaned_data["topics"]),
            )
            for number, entry in enumerate(filled, start=1)
        ]
        data = form.cleaned_data
        try:
            if not inputs:
                raise RecordError([("paragraphs", _("Write at least one operative paragraph."))])
            decision = record_decision(
                user=request.user,
                meeting=meeting,
                kind=data["kind"],
                number=data["number"],
                titles=form.titles(),
                adopted=data["adopted"],
                paragraphs=inputs,
            )
        except RecordError as refused:
            show_set_problems(form, filled, refused, "paragraphs.")
        else:
            messages.success(request, _("The resolution or decision is recorded."))
            return redirect("conference:decision", pk=decision.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "paragraphs": paragraphs, "meeting": meeting}
    return render(request, "conference/decision_form.html", context, status=status)
