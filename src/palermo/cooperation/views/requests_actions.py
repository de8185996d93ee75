"""What the users of a request's two authorities do on its page: mark a draft ready, approve, send, every
tracking move (refusing and withdrawing ask first), messages with PDFs, annexes, and the letter of request
as DOCX or PDF in any of the six languages. Each is a POST (the letter and attachments excepted: downloads)
and 404 to whoever may not see the request."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.interfaces import letter as letter_names
from palermo.cooperation.interfaces import letter_docx, letter_pdf, request_forms
from palermo.cooperation.models import RequestAttachment, RequestState
from palermo.cooperation.views.requests import (
    DESTRUCTIVE,
    LETTER_LANGUAGES,
    MOVE_LABELS,
    request_of,
    request_page,
)
from palermo.cooperation.views.requests_writer import editable_draft, step_url
from palermo.core.audit import log_action
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.pdf_fonts import FontsMissing
from palermo.core.templatetags.palermo import colon
from palermo.core.uploads import accepts_file, attachment_bytes


def back_to(req, anchor: str = "") -> str:
    return reverse("cooperation:request", args=[req.pk]) + (f"#{anchor}" if anchor else "")


@require_POST
def mark_ready(request, pk: int):
    """Mark a complete draft ready for a colleague's approval; refused with the list of what is missing."""
    req = editable_draft(request, pk)
    try:
        domain.mark_ready(req=req, actor=request.user, request=request)
    except domain.Incomplete as refused:
        return request_page(request, pk, status=400, ready_refused=refused.check, problem=str(refused))
    except domain.RequestError as refused:
        messages.error(request, str(refused))
        return redirect(back_to(req))
    messages.success(request, _("Marked ready: a colleague of your authority may now approve it."))
    return redirect(back_to(req))


@require_POST
def move(request, pk: int, to_state: str):
    """One move of the request's workflow (approve, return, send, and every tracking move)."""
    req = request_of(request, pk)
    if to_state not in RequestState.values:
        raise Http404
    form = request_forms.MoveForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        problem = f"{form.fields[field].label}{colon()}{errors[0]}"
        return request_page(request, pk, status=400, move_problem=(to_state, problem))
    data = form.cleaned_data
    if to_state in DESTRUCTIVE and not confirmed(request):
        question = (
            _("The request will be recorded as refused; this cannot be undone.")
            if to_state == RequestState.REFUSED
            else _("The request will be recorded as withdrawn; this cannot be undone.")
        )
        return ask_to_confirm(
            request, question=question, action=str(MOVE_LABELS[to_state]), back=back_to(req)
        )
    on = data.get("on") or timezone.localdate()
    try:
        if to_state == RequestState.APPROVED:
            domain.approve_request(req=req, actor=request.user, request=request)
        elif to_state == RequestState.DRAFT:
            domain.return_to_draft(req=req, actor=request.user, note=data["note"], request=request)
        elif to_state == RequestState.SENT:
            if not data["channel"]:
                raise domain.RequestError(_("Choose the channel it was sent through."))
            domain.send_request(req=req, actor=request.user, on=on, channel=data["channel"], request=request)
        else:
            domain.move_request(
                req=req,
                actor=request.user,
                to_state=to_state,
                on=on,
                note=data["note"],
                grounds=data["grounds"],
                reasons=data["reasons"],
                request=request,
            )
    except domain.RequestError as refused:
        return request_page(
            request, pk, status=400, move_problem=(to_state, str(refused)), posted=request.POST
        )
    messages.success(request, _("The request is now: %(state)s.") % {"state": RequestState(to_state).label})
    return redirect(back_to(req, "history"))


@accepts_file(attachment_bytes)
@require_POST
def post_message(request, pk: int):
    """A message to the other authority, with a PDF if one is chosen (both or neither are saved)."""
    req = request_of(request, pk)
    upload = request.FILES.get("file")
    try:
        with transaction.atomic():
            message = domain.post_message(
                req=req, actor=request.user, text=request.POST.get("text", ""), request=request
            )
            if upload is not None:
                domain.attach_file(
                    req=req,
                    actor=request.user,
                    upload=upload,
                    title=request.POST.get("title", "") or upload.name,
                    message=message,
                    request=request,
                )
    except domain.RequestError as refused:
        return request_page(request, pk, status=400, message_problem=str(refused), posted=request.POST)
    messages.success(request, _("Message sent."))
    return redirect(back_to(req, "messages"))


@accepts_file(attachment_bytes)
@require_POST
def attach_annex(request, pk: int):
    """A PDF annexed to the letter, from the writer's annexes step."""
    req = editable_draft(request, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise domain.RequestError(_("Choose a PDF file."))
        domain.attach_file(
            req=req,
            actor=request.user,
            upload=upload,
            title=request.POST.get("title", ""),
            is_annex=True,
            request=request,
        )
    except domain.RequestError as refused:
        messages.error(request, str(refused))
        return redirect(step_url(req, "annexes") + "#annex-upload")
    messages.success(request, _("Annex attached."))
    return redirect(step_url(req, "annexes"))


def attachment(request, pk: int, attachment_id: int):
    """A PDF attached to the request, to the users of its two authorities; always a download."""
    req = request_of(request, pk)
    found = get_object_or_404(RequestAttachment, pk=attachment_id, request=req)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.file_name or "attachment.pdf",
        content_type="application/pdf",
    )


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def letter(request, pk: int, language: str, file_format: str):
    """The letter of request, ready for signature, in a language of the UN."""
    req = request_of(request, pk)
    if language not in LETTER_LANGUAGES or file_format not in CONTENT_TYPES:
        raise Http404
    try:
        data = (
            letter_docx.letter_docx(req, language)
            if file_format == "docx"
            else letter_pdf.letter_pdf(req, language)
        )
    except FontsMissing:
        messages.error(
            request,
            _("The PDF cannot be made on this server: it lacks the fonts. Download the DOCX instead."),
        )
        return redirect(back_to(req, "letter"))
    # The letter takes the request's content out of Palermo: who took it, and when, is recorded.
    log_action(
        "cooperation.request.letter_downloaded",
        actor=request.user,
        obj=req,
        data={"language": language, "format": file_format},
        request=request,
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    name = letter_names.letter_file_name(req, language, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
