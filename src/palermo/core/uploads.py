"""Checks of uploaded files, shared by every place that accepts one: the content decides, not the name
or the browser's word. A request's declared length is checked against what its view accepts before
anything reads the body (RequestSizeMiddleware); files that pass are streamed to temporary files above
FILE_UPLOAD_MAX_MEMORY_SIZE, and checked by their size before their content is read."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import Resolver404, get_resolver
from django.utils import translation
from django.utils.translation import gettext as _

PDF_SIGNATURE = b"%PDF-"
# What an upload form sends besides its file: its other fields and the multipart framing.
FORM_ALLOWANCE = 1024 * 1024


class UploadRefused(Exception):
    """The file is refused; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedPdf:
    name: str  # the sender's file name, made safe to give back in a download
    size: int
    sha256: str


def attachment_bytes() -> int:
    """The largest PDF that may be attached or cited (PALERMO_MAX_ATTACHMENT_MB)."""
    return settings.MAX_ATTACHMENT_BYTES


def check_pdf(upload) -> CheckedPdf:
    """Accept a PDF within the size limit; leaves the upload at its start, ready to be saved."""
    if upload.size > settings.MAX_ATTACHMENT_BYTES:
        raise UploadRefused(
            _("The file is larger than %(size)s MB.")
            % {"size": settings.MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    head = upload.read(1024)
    if not head.startswith(PDF_SIGNATURE):
        raise UploadRefused(_("Only PDF files can be attached; this file is not a PDF."))
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (upload.name or "document.pdf").replace("/", "_").replace("\\", "_")[-200:]
    return CheckedPdf(name=name, size=upload.size, sha256=digest.hexdigest())


def accepts_file(file_bytes: int | Callable[[], int]):
    """Declare that a view accepts a file of at most `file_bytes` (a number, or a function read at each
    request so that the setting it reads may change); any other view accepts no more than a form."""

    def decorate(view):
        view.accepts_file_bytes = file_bytes
        return view

    return decorate


def _accepted_file_bytes(request) -> int | None:
    try:
        match = get_resolver().resolve(request.path_info)
    except Resolver404:
        return None
    file_bytes = getattr(match.func, "accepts_file_bytes", None)
    return file_bytes() if callable(file_bytes) else file_bytes


class RequestSizeMiddleware:
    """Answer 413 to a request whose declared length (Content-Length) is more than its view accepts, before
    anything reads its body: a view that accepts a file, its limit plus FORM_ALLOWANCE; any other view,
    DATA_UPLOAD_MAX_MEMORY_SIZE. Django reads no more than the declared length, so a body without one is
    read as empty. It comes before every middleware that reads the form (CSRF's check does), so it finds
    the view and the language from the path itself. The proxy in front should refuse larger bodies still
    earlier (docs/deployment.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > 0:
            with translation.override(translation.get_language_from_request(request, check_path=True)):
                file_bytes = _accepted_file_bytes(request)
                limit = (
                    settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                    if file_bytes is None
                    else file_bytes + FORM_ALLOWANCE
                )
                if limit is not None and declared > limit:
                    return _too_large(request, declared, file_bytes, limit)
        return self.get_response(request)


def _too_large(request, declared: int, file_bytes: int | None, limit: int) -> HttpResponse:
    if file_bytes is not None:
        message = _(
            "The file is too large: this form accepts files of at most %(limit)s, and %(size)s were sent. Choose a smaller file and try again."
        ) % {"limit": filesizeformat(file_bytes), "size": filesizeformat(declared)}
    else:
        message = _("The request is too large (%(size)s); this page accepts at most %(limit)s.") % {
            "size": filesizeformat(declared),
            "limit": filesizeformat(limit),
        }
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    # Rendered on its own: the session, the user and the CSRF cookie are not read yet.
    return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
