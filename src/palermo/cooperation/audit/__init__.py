"""The sentences of the cooperation app's audit entries (core.audit_display shows them), one module per
area, added to the display registry when the app is ready."""

from django.utils.translation import gettext_lazy as _

from palermo.cooperation.audit import directory, requests
from palermo.core.audit_display import add_actions


def register() -> None:
    add_actions(
        "cooperation",
        _("International cooperation"),
        {**directory.ACTIONS, **requests.ACTIONS},
        {**directory.LABELS, **requests.LABELS},
    )
