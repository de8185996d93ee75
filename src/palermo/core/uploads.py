"""Checks of uploaded files, shared by every place that accepts one: the content decides, not the name
or the browser's word."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

PDF_SIGNATURE = b"%PDF-"


class UploadRefused(Exception):
    """The file is refused; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedPdf:
    name: str  # the sender's file name, made safe to give back in a download
    size: int
    sha256: str


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
