"""Audit sentences of sources (imports): for the lead to merge into networks/audit/__init__.py."""

from django.utils.translation import gettext_lazy as _

ACTIONS_TEXT = {
    "networks.source.imported": _("%(actor)s imported a file into the investigation %(object)s"),
    "networks.source.failed": _(
        "An import by %(actor)s into the investigation %(object)s failed; nothing was written"
    ),
    "networks.source.removed": _("%(actor)s removed a source from the investigation %(object)s"),
}
LABELS = {
    "file": _("file"),
    "entities": _("entities"),
    "statements": _("statements"),
    "problems": _("problems"),
}
# In networks/audit/__init__.py: ACTIONS.update({name: _a(text) for name, text in ACTIONS_TEXT.items()})
# and LABELS.update(sources.LABELS).
