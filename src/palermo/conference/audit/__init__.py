"""The sentences of the Conference's audit entries (core.audit_display shows them)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import Action, action, add_actions

ACTIONS: dict[str, Action] = {
    "conference.meeting.created": action("conference", _("%(actor)s recorded the meeting %(object)s")),
    "conference.document.added": action("conference", _("%(actor)s recorded the document %(object)s")),
    "conference.document.file_uploaded": action(
        "conference", _("%(actor)s uploaded a language version of the document %(object)s")
    ),
    "conference.decision.recorded": action("conference", _("%(actor)s recorded %(object)s")),
    "conference.follow_up.recorded": action("conference", _("%(actor)s recorded follow-up of %(object)s")),
    "conference.questionnaire.created": action(
        "conference", _("%(actor)s composed the questionnaire %(object)s")
    ),
    "conference.questionnaire.sent": action("conference", _("%(actor)s sent the questionnaire %(object)s")),
    "conference.questionnaire.closed": action(
        "conference", _("%(actor)s closed the questionnaire %(object)s")
    ),
    "conference.reply.experts": action(
        "conference", _("%(actor)s named the experts of the reply %(object)s")
    ),
    "conference.answer.saved": action("conference", _("%(actor)s saved an answer of the reply %(object)s")),
    "conference.reply.submitted": action("conference", _("%(actor)s submitted the reply %(object)s")),
    "conference.reply.reminded": action(
        "conference", _("The focal points were reminded of the reply %(object)s")
    ),
    "conference.need.recorded": action(
        "conference", _("%(actor)s recorded the technical-assistance need %(object)s")
    ),
    "conference.need.publication": action(
        "conference", _("%(actor)s changed the publication of the technical-assistance need %(object)s")
    ),
    "conference.activity.recorded": action(
        "conference", _("%(actor)s recorded the assistance activity %(object)s")
    ),
    "conference.offer.recorded": action(
        "conference", _("%(actor)s recorded the offer of technical assistance %(object)s")
    ),
    "conference.offer.withdrawn": action(
        "conference", _("%(actor)s withdrew the offer of technical assistance %(object)s")
    ),
    "conference.needs.handed_over": action(
        "conference", _("%(actor)s added needs named in the self-assessments of %(object)s to the register")
    ),
    "conference.reply.publication": action(
        "conference", _("%(actor)s changed the publication of the reply %(object)s")
    ),
}
LABELS: dict[str, Promise] = {
    "paragraphs": _("operative paragraphs"),
    "status": _("status"),
    "party": _("State"),
    "language": _("language"),
    "replaced": _("replaced an earlier file"),
    "questions": _("questions"),
    "recipients": _("sent to"),
    "states": _("States"),
    "experts": _("experts"),
    "question": _("question"),
    "version": _("version"),
    "publish": _("publish our answers"),
    "focal_points": _("focal points"),
    "need_source": _("identified by"),
    "needs_met": _("needs met"),
    "after_deadline": _("after the deadline"),
    "from_answer": _("from the answer"),
    "offer_carried_out": _("offer carried out"),
    "offered_by": _("offered by"),
    "handed_over": _("needs added"),
}


def register() -> None:
    add_actions("conference", _("Conference of the Parties"), ACTIONS, LABELS)
