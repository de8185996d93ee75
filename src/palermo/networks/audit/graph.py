"""The sentences of the audit entries of link charts and graph analyses (merged in networks/audit)."""

from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import action


def networks_action(sentence):
    """An action of the networks group whose data need no reader (counts, numbers, file names)."""
    return action("networks", sentence)


_a = networks_action


ACTIONS = {
    "networks.chart.saved": _a(_("%(actor)s saved a link chart of the investigation %(object)s")),
    "networks.chart.removed": _a(_("%(actor)s removed a link chart of the investigation %(object)s")),
    "networks.chart.exported": _a(_("%(actor)s downloaded a link chart of the investigation %(object)s")),
    "networks.records.requested": _a(
        _("%(actor)s drafted a request for records found in the investigation %(object)s")
    ),
    "networks.analysis.started": _a(
        _("%(actor)s started an analysis of the network of the investigation %(object)s")
    ),
}
LABELS = {
    "view": _("chart number"),
    "request": _("request number"),
    "links": _("links"),
    "replaced": _("replaced"),
}
