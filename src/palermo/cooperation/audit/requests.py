from django.utils.functional import Promise

from palermo.core.audit_display import Action

ACTIONS: dict[str, Action] = {}
LABELS: dict[str, Promise] = {}
