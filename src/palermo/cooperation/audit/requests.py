"""The sentences of the audit entries of requests for international cooperation (drafting, approval,
sending, tracking, messages, attachments, reminders)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import Action, _choice, _language, _moment, action

STATE = _choice("palermo.cooperation.models.RequestState")
KIND = _choice("palermo.cooperation.models.RequestKind")
CHANNEL = _choice("palermo.cooperation.models.Channel")
SIDE = _choice("palermo.cooperation.models.Side")


def _grounds(value) -> str:
    ground = _choice("palermo.cooperation.models.RefusalGround")
    return "; ".join(ground(code) for code in value) if isinstance(value, list) else str(value)


def _yes(value) -> str:
    return str(_("yes") if value else _("no"))


READERS = {
    "kind": KIND,
    "from": STATE,
    "to": STATE,
    "on": _moment,
    "channel": CHANNEL,
    "grounds": _grounds,
    "by_hand": _yes,
    "side": SIDE,
    "execute_by": _moment,
    "reply_due": _moment,
    "language": _language,
}


def _a(sentence: Promise) -> Action:
    return action("cooperation", sentence, **READERS)


ACTIONS: dict[str, Action] = {
    "cooperation.request.created": _a(_("%(actor)s drafted the request %(object)s")),
    "cooperation.request.recorded": _a(_("%(actor)s recorded the incoming request %(object)s")),
    "cooperation.request.draft_saved": _a(_("%(actor)s saved the draft of request %(object)s")),
    "cooperation.request.marked_ready": _a(_("%(actor)s marked request %(object)s ready for approval")),
    "cooperation.request.approved": _a(_("%(actor)s approved request %(object)s")),
    "cooperation.request.letter_downloaded": _a(
        _("%(actor)s downloaded the letter of request %(object)s (%(language)s, %(format)s)")
    ),
    "cooperation.request.returned_to_draft": _a(_("%(actor)s returned request %(object)s to drafting")),
    "cooperation.request.sent": _a(_("%(actor)s recorded that request %(object)s was sent")),
    "cooperation.request.moved": _a(_("%(actor)s moved request %(object)s from %(from)s to %(to)s")),
    "cooperation.request.message_posted": _a(_("%(actor)s posted a message on request %(object)s")),
    "cooperation.request.file_attached": _a(_("%(actor)s attached a file to request %(object)s")),
    "cooperation.request.reminded": _a(_("Reminder of the deadline of request %(object)s sent")),
}
# Labels of data keys no other app uses ("from", "to", "note", "file", "size" are core's).
LABELS: dict[str, Promise] = {
    "on": _("on"),
    "channel": _("channel"),
    "grounds": _("grounds of refusal"),
    "by_hand": _("entered by hand for the other side"),
    "requested": _("requested authority"),
    "message": _("message"),
    "side": _("reminded side"),
    "execute_by": _("execution needed by"),
    "reply_due": _("reply due"),
    "recipients": _("recipients"),
}
