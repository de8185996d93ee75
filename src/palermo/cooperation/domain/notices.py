"""E-mail to the people of a request's authorities, in each person's language: when the request reaches
the other authority, when more information is asked, when it is executed (partly or fully) or refused,
and when a message is posted. An e-mail names the request (reference, kind, authorities) and links to it;
it never carries the content, which is seen after signing in."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from palermo.accounts.models import User
from palermo.cooperation.domain.request_base import authority_on, other, side_of
from palermo.cooperation.models import Request, RequestEvent, RequestKind, RequestMessage, RequestState
from palermo.cooperation.rules import PRACTITIONER_ROLES
from palermo.core.i18n import format_date

logger = logging.getLogger(__name__)

S = RequestState

# The moves that tell the other side something (the side making the move is the event's side).
SUBJECTS: dict[str, str] = {
    S.SENT: gettext_noop("Palermo: request %(reference)s from %(authority)s has been sent to you"),
    S.MORE_INFORMATION: gettext_noop("Palermo: more information is asked on request %(reference)s"),
    S.IN_EXECUTION: gettext_noop("Palermo: the requesting authority answered on request %(reference)s"),
    S.PARTLY_EXECUTED: gettext_noop("Palermo: request %(reference)s has been partly executed"),
    S.EXECUTED: gettext_noop("Palermo: request %(reference)s has been executed"),
    S.REFUSED: gettext_noop("Palermo: request %(reference)s has been refused"),
    S.WITHDRAWN: gettext_noop("Palermo: request %(reference)s has been withdrawn"),
}
REPLY_BY = gettext_noop("Reply needed by %(date)s.")
MESSAGE_SUBJECT = gettext_noop("Palermo: a message on request %(reference)s")


def people_of(req: Request, side: str) -> list[User]:
    """The people of the side's authority who may read the request (its practitioners, focal points and
    experts: cooperation.rules); nobody when it does not use Palermo."""
    organisation = authority_on(req, side).organisation_id
    if organisation is None:
        return []
    people = User.objects.filter(organisation_id=organisation, is_active=True, role__in=PRACTITIONER_ROLES)
    return list(people.exclude(email="").exclude(approved_at=None))


def request_url(req: Request) -> str:
    try:
        path = reverse("cooperation:request", args=[req.pk])
    except NoReverseMatch:  # the pages are not there (yet): the list of requests, or the site
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _send(req: Request, side: str, subject: str, line: tuple[str, date] | None = None) -> int:
    """E-mail the side's people; `line`: a sentence (gettext_noop, with %(date)s) and its date."""
    sent = 0
    for user in people_of(req, side):
        with override(user.email_language):
            sender = authority_on(req, other(side))
            values = {"reference": req.reference, "authority": sender.name}
            lines = [
                _("Request %(reference)s (%(kind)s)") % {**values, "kind": RequestKind(req.kind).label},
                _("From %(from)s to %(to)s")
                % {"from": req.requesting_authority.name, "to": req.requested_authority.name},
                _("State: %(state)s") % {"state": RequestState(req.state).label},
                *([_(line[0]) % {"date": format_date(line[1])}] if line else []),
                "",
                _("Open the request (sign-in required): %(url)s") % {"url": request_url(req)},
            ]
            body = "\n".join(lines)
            text = _(subject) % values
        try:
            send_mail(text, body + "\n", None, [user.email])
            sent += 1
        except Exception:  # the move is made: a mail server's refusal can only be logged
            logger.exception("The e-mail on request %s could not be sent", req.pk)
    return sent


def after_move(req: Request, event: RequestEvent) -> int:
    """Tell the other side about a move that concerns it; returns the number of e-mails sent."""
    subject = SUBJECTS.get(event.to_state)
    if subject is None or event.side != side_of(event.actor, req):  # entered by hand: news to nobody
        return 0
    if event.to_state == S.IN_EXECUTION and event.from_state != S.MORE_INFORMATION:
        return 0  # only the requesting side's answer is news
    line = None
    if event.to_state == S.MORE_INFORMATION and req.reply_due:
        line = (REPLY_BY, req.reply_due)
    return _send(req, other(event.side), subject, line)


def after_message(req: Request, message: RequestMessage) -> int:
    return _send(req, other(message.side), MESSAGE_SUBJECT)


def remind(req: Request, side: str, subject: str, line: tuple[str, date]) -> int:
    return _send(req, side, subject, line)


__all__ = ["after_message", "after_move", "people_of", "remind"]
