"""The sentences of the audit entries of watch lists and screening (merged in networks/audit). A watch list
is named by its own name; a screening by its investigation's number."""

from django.utils.translation import gettext_lazy as _

from palermo.networks.audit.graph import networks_action as _a

ACTIONS = {
    "networks.watch_list.loading": _a(_("%(actor)s started to load the watch list %(object)s")),
    "networks.watch_list.loaded": _a(_("The watch list %(object)s was loaded")),
    "networks.watch_list.deleted": _a(_("%(actor)s removed the watch list %(object)s")),
    "networks.screening.started": _a(
        _("%(actor)s started a screening of the investigation %(object)s against the watch lists")
    ),
    "networks.screening.finished": _a(
        _("A screening of the investigation %(object)s against the watch lists finished")
    ),
    "networks.screening.decided": _a(
        _("%(actor)s decided on a watch-list hit of the investigation %(object)s")
    ),
}
LABELS = {
    "file": _("file"),
    "entities": _("entities"),
    "skipped": _("not screened"),
    "name": _("name"),
    "hits": _("hits"),
    "new": _("new"),
    "dropped": _("dropped"),
    "hit": _("hit number"),
    "decision": _("decision"),
    "list": _("list number"),
}
