"""The check itself: the rules of values.py, kinds.py and scope.py run over one request, in order."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.completeness.items import STEP_ORDER, Check
from palermo.cooperation.domain.completeness.kinds import KindRules
from palermo.cooperation.domain.completeness.lists import KINDS
from palermo.cooperation.domain.completeness.reading import as_text, present
from palermo.cooperation.domain.completeness.scope import ScopeRules
from palermo.cooperation.domain.completeness.values import ValueRules
from palermo.cooperation.domain.completeness.wording import message


def check(content: Any, *, kind: str | None = None, today: date | None = None) -> Check:
    """What a request (`content`, the request format) still lacks for its kind (default: content["kind"]),
    what it says wrongly and what deserves a warning. `today` (default: the local date) decides which
    dates are in the past."""
    return _Checker(content, kind, today or timezone.localdate()).run()


class _Checker(ValueRules, KindRules, ScopeRules):
    def run(self) -> Check:
        if not isinstance(self.raw, dict):
            self.problem("", "", _("The request must be a JSON object"))
            return self.result
        self.shapes_and_values()
        if not present(self.kind):
            self.missing("kind", "", _("Kind of request"))
        elif as_text(self.kind) not in KINDS:
            self.problem("kind", "", message(_("Unknown kind of request “%(value)s”"), value=self.kind))
        else:
            kind = str(self.kind)
            self.kind_needs(kind)
            self.offences(kind)
            self.kind_rules(kind)
        for items in (self.result.missing, self.result.problems, self.result.warnings):
            items.sort(key=lambda item: STEP_ORDER.get(item.step, 0))
        return self.result
