"""Audit sentences of entity resolution: for the lead to merge into networks/audit/__init__.py. The data
hold numbers and codes only (run, candidate, judgement, counts), never an entity's name or value."""

from django.utils.translation import gettext_lazy as _

from palermo.core.audit_display import _choice

VERDICT = _choice("palermo.networks.models.Verdict")

ACTIONS_TEXT = {
    "networks.resolution.started": _(
        "%(actor)s started a search for candidates in the investigation %(object)s"
    ),
    "networks.resolution.finished": _("A search for candidates in the investigation %(object)s finished"),
    "networks.candidate.judged": _("%(actor)s judged a candidate pair in the investigation %(object)s"),
    "networks.judgement.undone": _("%(actor)s undid a judgement in the investigation %(object)s"),
    "networks.hit.received": _("Another authority had a hit with entities of the investigation %(object)s"),
    "networks.entities.deduplicated": _(
        "%(actor)s kept the merges of a deduplicated file as judgements of the investigation %(object)s"
    ),
}
# Readers of data keys that are codes (shown as their label).
READERS = {"verdict": VERDICT}
LABELS = {
    "run": _("search"),
    "candidate": _("candidate pair"),
    "judgement": _("judgement"),
    "verdict": _("verdict"),
    "candidates": _("candidates"),
    "hits": _("hits"),
    "capped_keys": _("keys left out"),
    "authority_id": _("authority number"),
    "file": _("file"),
    "pairs": _("pairs"),
    "judgements": _("judgements"),
    "already_same": _("already the same"),
    "judged_apart": _("judged apart before"),
    "not_in_investigation": _("not in the investigation"),
}
# In networks/audit/__init__.py:
#   ACTIONS.update({name: action("networks", text, **resolution.READERS) for name, text in
#                   resolution.ACTIONS_TEXT.items()})
#   LABELS.update(resolution.LABELS)
