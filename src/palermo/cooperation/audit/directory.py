"""The sentences of the directory's audit entries."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import Action, action

ACTIONS: dict[str, Action] = {
    "cooperation.authority.created": action("cooperation", _("%(actor)s added the authority %(object)s")),
    "cooperation.authority.updated": action("cooperation", _("%(actor)s edited the authority %(object)s")),
    "cooperation.authority.verified": action(
        "cooperation", _("%(actor)s verified the directory entry of %(object)s")
    ),
    "cooperation.change.proposed": action("cooperation", _("%(actor)s proposed %(object)s")),
    "cooperation.change.confirmed": action("cooperation", _("%(actor)s confirmed %(object)s")),
    "cooperation.change.rejected": action("cooperation", _("%(actor)s rejected %(object)s")),
    "cooperation.authorities.imported": action(
        "cooperation", _("%(actor)s imported authorities into the directory")
    ),
    "cooperation.authorities.exported": action("cooperation", _("%(actor)s exported the directory")),
    "cooperation.directory.reminder_sent": action(
        "cooperation", _("Reminder of stale directory entries sent to %(object)s")
    ),
}
LABELS: dict[str, Promise] = {
    "authority": _("authority"),
    "authorities": _("authorities"),
    "recipients": _("recipients"),
    "created": _("added"),
    "updated": _("changed"),
}
