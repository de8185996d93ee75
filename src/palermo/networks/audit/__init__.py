"""The sentences of the networks app's audit entries (core.audit_display shows them), one module per area:
investigations here, sources, entities and resolution beside. An entry names an investigation by its number
only and holds counts, codes and file names, never an entity's name or value."""

from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import _choice, action, add_actions
from palermo.networks.audit import entities, graph, resolution, screening, sources

ROLE = _choice("palermo.networks.models.MemberRole")


def _a(sentence, **readers):
    return action("networks", sentence, role=ROLE, to=ROLE, **{"from": ROLE}, **readers)


INVESTIGATIONS = {
    "networks.investigation.created": _a(_("%(actor)s opened the investigation %(object)s")),
    "networks.investigation.updated": _a(_("%(actor)s edited the investigation %(object)s")),
    "networks.investigation.shared": _a(_("%(actor)s shared the investigation %(object)s with an authority")),
    "networks.investigation.share_revoked": _a(
        _("%(actor)s revoked the share of the investigation %(object)s with an authority")
    ),
    "networks.member.added": _a(_("%(actor)s added a member to the investigation %(object)s")),
    "networks.member.role_changed": _a(
        _("%(actor)s changed a member's role in the investigation %(object)s")
    ),
    "networks.member.removed": _a(_("%(actor)s removed a member from the investigation %(object)s")),
}
LABELS = {
    "member": _("member"),
    "role": _("role"),
    "authority": _("authority"),
    "authority_id": _("authority number"),
    "fields": _("fields"),
}


def register() -> None:
    actions = {
        **INVESTIGATIONS,
        **{name: _a(text) for name, text in sources.ACTIONS_TEXT.items()},
        **entities.ACTIONS,
        **graph.ACTIONS,
        **screening.ACTIONS,
        **{name: _a(text, **resolution.READERS) for name, text in resolution.ACTIONS_TEXT.items()},
    }
    labels = {
        **LABELS,
        **sources.LABELS,
        **entities.LABELS,
        **graph.LABELS,
        **resolution.LABELS,
        **screening.LABELS,
    }
    add_actions("networks", _("Networks"), actions, labels)
