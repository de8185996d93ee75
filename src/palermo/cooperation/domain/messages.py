"""The message thread between the two authorities of a request, and its attachments (PDF only, under the
upload rules); both sides see both."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from palermo.cooperation.domain.request_base import RequestError, side_of
from palermo.cooperation.models import Request, RequestAttachment, RequestMessage
from palermo.core.audit import log_action
from palermo.core.uploads import UploadRefused, check_pdf

MAX_MESSAGE = 20_000


def _writer_side(req: Request, actor) -> str:
    side = side_of(actor, req)
    if side is None or not actor.has_perm("cooperation.edit_request", req):
        raise RequestError(_("You may not do this on this request."))
    return side


@transaction.atomic
def post_message(*, req: Request, actor, text: str, request=None) -> RequestMessage:
    """A message from a practitioner of either authority; the other authority's users are told by e-mail."""
    side = _writer_side(req, actor)
    text = (text or "").strip()
    if not text:
        raise RequestError(_("Write the message."))
    if len(text) > MAX_MESSAGE:
        raise RequestError(_("A message has at most %(count)s characters.") % {"count": MAX_MESSAGE})
    message = RequestMessage.objects.create(request=req, side=side, author=actor, text=text)
    log_action(
        "cooperation.request.message_posted",
        actor=actor,
        obj=req,
        data={"message": message.pk},
        request=request,
    )
    from palermo.cooperation.domain import notices

    notices.after_message(req, message)
    return message


@transaction.atomic
def attach_file(
    *,
    req: Request,
    actor,
    upload,
    title: str,
    is_annex: bool = False,
    message: RequestMessage | None = None,
    request=None,
) -> RequestAttachment:
    """Attach a PDF to the request (an annex to the letter, a warrant, an execution report)."""
    side = _writer_side(req, actor)
    title = (title or "").strip()
    if not title:
        raise RequestError(_("Give the file a title."))
    if len(title) > 300:
        raise RequestError(_("A title has at most 300 characters."))
    if message is not None and message.request_id != req.pk:
        raise RequestError(_("The message is not on this request."))
    try:
        checked = check_pdf(upload)
    except UploadRefused as refused:
        raise RequestError(str(refused)) from refused
    attachment = RequestAttachment(
        request=req,
        message=message,
        side=side,
        title=title,
        file_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        is_annex=is_annex,
        uploaded_by=actor,
    )
    attachment.file.save("upload.pdf", upload, save=False)
    attachment.save()
    log_action(
        "cooperation.request.file_attached",
        actor=actor,
        obj=req,
        data={"title": title, "file": checked.name, "size": checked.size},
        request=request,
    )
    return attachment
