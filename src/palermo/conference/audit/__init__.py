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
}
LABELS: dict[str, Promise] = {
    "paragraphs": _("operative paragraphs"),
    "status": _("status"),
    "party": _("State"),
    "language": _("language"),
    "replaced": _("replaced an earlier file"),
}


def register() -> None:
    add_actions("conference", _("Conference of the Parties"), ACTIONS, LABELS)
