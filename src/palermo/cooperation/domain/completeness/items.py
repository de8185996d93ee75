"""What a check finds: each `Item` (missing, wrong or worth a warning) and the `Check` listing them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from palermo.cooperation.domain.completeness.lists import STEPS

STEP_ORDER = {step: position for position, (step, _label) in enumerate(STEPS)}


@dataclass(frozen=True)
class Item:
    """One thing missing, wrong or worth a warning. `key`: its path in the request format ("facts",
    "persons[0].name", "assistance[1].particulars.account"); `step`: one of STEPS; `reference`: the
    article and paragraph ("art. 18(15)(c)"), empty when none applies; `label`: what it is, in the active
    language (a lazy string: `str(item.label)` renders it in the language active at that moment); `level`:
    "missing", "problem" or "warning"."""

    key: str
    step: str
    reference: str
    label: str
    level: str = "missing"  # "missing", "problem" or "warning": which list of the Check it is in


@dataclass
class Check:
    missing: list[Item] = field(default_factory=list)
    problems: list[Item] = field(default_factory=list)
    warnings: list[Item] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Nothing required is missing and nothing is wrong (warnings do not count)."""
        return not self.missing and not self.problems

    def for_step(self, step: str) -> list[Item]:
        """Everything about one step: missing items, then problems, then warnings."""
        return [item for item in [*self.missing, *self.problems, *self.warnings] if item.step == step]

    def to_json(self) -> dict[str, Any]:
        """{"complete", "missing", "problems", "warnings"}, each item {key, step, reference, message}, the
        messages in the active language."""

        def listed(items: list[Item]) -> list[dict[str, str]]:
            return [
                {"key": item.key, "step": item.step, "reference": item.reference, "message": str(item.label)}
                for item in items
            ]

        return {
            "complete": self.complete,
            "missing": listed(self.missing),
            "problems": listed(self.problems),
            "warnings": listed(self.warnings),
        }
