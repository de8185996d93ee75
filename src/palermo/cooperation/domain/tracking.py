"""Deadlines of requests and their reminders. A request in progress has two deadlines: `execute_by`, the
date by which the requesting side needs execution (the content's `urgency.execute_by`, art. 18(24)), and
`reply_due`, the next answer owed (after sending: execute_by; after more information was asked: the
requesting side's answer, REPLY_DAYS later). A reminder goes to the side that owes the next step — or,
when that side does not use Palermo, to the other side, who follows it up by hand — once the deadline is
within `SOON_DAYS` or past, and at most once a week per request (the audit log remembers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop

from palermo.cooperation.domain import notices
from palermo.cooperation.domain.request_base import authority_on, other, uses_palermo
from palermo.cooperation.models import Request, RequestState, Side
from palermo.core.audit import log_action
from palermo.core.models import AuditEntry

S = RequestState
SOON_DAYS = 7
IN_PROGRESS = (S.SENT, S.RECEIVED, S.ACKNOWLEDGED, S.IN_EXECUTION, S.MORE_INFORMATION, S.PARTLY_EXECUTED)
REMINDED = "cooperation.request.reminded"

EXECUTION_SUBJECT = gettext_noop("Palermo: the execution of request %(reference)s is due")
EXECUTION_LINE = gettext_noop("Execution needed by %(date)s.")
REPLY_SUBJECT = gettext_noop("Palermo: an answer on request %(reference)s is due")
REPLY_LINE = gettext_noop("More information was asked; the answer is due by %(date)s.")


@dataclass
class Due:
    request: Request
    deadline: str  # "execute_by" or "reply_due"
    due: date
    side: str  # who is reminded


def due_reminders(today: date, every_days: int = 7) -> list[Due]:
    """The requests in progress whose deadline is near or past, not reminded in the last `every_days`."""
    soon = today + timedelta(days=SOON_DAYS)
    recently = timezone.now() - timedelta(days=every_days)
    reminded = set(
        AuditEntry.objects.filter(action=REMINDED, created__gt=recently).values_list("object_id", flat=True)
    )
    found = []
    requests = Request.objects.filter(state__in=IN_PROGRESS).select_related(
        "requesting_authority", "requested_authority"
    )
    for req in requests.filter(reply_due__lte=soon) | requests.filter(execute_by__lte=soon):
        if str(req.pk) in reminded:
            continue
        if req.state == S.MORE_INFORMATION and req.reply_due and req.reply_due <= soon:
            owing, deadline, due = Side.REQUESTING, "reply_due", req.reply_due
        elif req.execute_by and req.execute_by <= soon:
            owing, deadline, due = Side.REQUESTED, "execute_by", req.execute_by
        else:
            continue
        side = owing if uses_palermo(authority_on(req, owing)) else other(owing)
        found.append(Due(req, deadline, due, side))
    return found


def send_request_reminders(
    *, today: date | None = None, every_days: int = 7, dry_run: bool = False
) -> list[Due]:
    """Remind the people of requests whose deadline is near or past; returns the reminders sent (or due)."""
    found = due_reminders(today or timezone.localdate(), every_days)
    for due in [] if dry_run else found:
        subject, line = (
            (REPLY_SUBJECT, REPLY_LINE)
            if due.deadline == "reply_due"
            else (EXECUTION_SUBJECT, EXECUTION_LINE)
        )
        recipients = notices.remind(due.request, due.side, subject, (line, due.due))
        log_action(
            REMINDED,
            obj=due.request,
            data={"side": due.side, due.deadline: due.due.isoformat(), "recipients": recipients},
        )
    return found
