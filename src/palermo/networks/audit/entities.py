"""The sentences of the audit entries of entered entities, removed values, knowledge-base cases and exports
(the lead merges ACTIONS and LABELS into networks/audit/__init__.py)."""

from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import action


def _a(sentence):
    return action("networks", sentence)


ACTIONS = {
    "networks.entity.entered": _a(_("%(actor)s entered values of an entity in the investigation %(object)s")),
    "networks.statement.removed": _a(
        _("%(actor)s removed a value they had entered in the investigation %(object)s")
    ),
    "networks.case.added": _a(
        _("%(actor)s added a case of the knowledge base to the investigation %(object)s")
    ),
    "networks.investigation.exported": _a(
        _("%(actor)s downloaded the entities of the investigation %(object)s")
    ),
}
LABELS = {
    "source": _("source number"),
    "statements": _("values"),
    "record": _("knowledge-base record"),
    "format": _("format"),
    "created": _("new entity"),
}
