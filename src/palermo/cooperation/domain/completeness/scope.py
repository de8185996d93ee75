"""The offences and the Convention's scope: what each offence must say, and the warnings when an offence
may not be a serious crime (art. 2(b)) or nothing shows it is transnational (art. 3(2)) and involves an
organized criminal group (art. 3(1))."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.completeness.lists import (
    OFFENCE_REFERENCE,
    OFFENCES_LABEL,
    OFFENCES_REQUIRED,
    offence_needs,
)
from palermo.cooperation.domain.completeness.reading import as_text, penalty_ok, present
from palermo.cooperation.domain.completeness.recorder import Recorder
from palermo.cooperation.domain.completeness.wording import numbered, of
from palermo.cooperation.domain.offences import COVERED_WHATEVER_THE_PENALTY


class ScopeRules(Recorder):
    def offences(self, kind: str) -> None:
        items = self.entries("offences")
        if not items:
            if kind in OFFENCES_REQUIRED:
                self.missing("offences", OFFENCE_REFERENCE[kind], OFFENCES_LABEL)
            return
        needs = offence_needs(kind)
        for index, entry in items:
            self.needs(entry, needs, f"offences[{index}].", numbered("offences", index))
            self.serious_crime(kind, index, entry)
        if kind not in ("spontaneous", "firearm_tracing", "vessel_boarding"):
            self.transnational()

    def serious_crime(self, kind: str, index: int, offence: dict) -> None:
        """A warning when the offence's maximum penalty is not stated, or is under four years (art. 2(b))
        for an offence that the Convention or a Protocol does not establish."""
        penalty = offence.get("max_penalty_years")
        key = f"offences[{index}].max_penalty_years"
        if penalty is None or penalty == "":
            if kind not in ("extradition", "provisional_arrest"):
                self.warning(
                    key,
                    "art. 2(b)",
                    of(
                        numbered("offences", index),
                        _(
                            "State the maximum penalty: the Convention applies to serious crimes, punishable by at least four years"
                        ),
                    ),
                )
        elif (
            penalty_ok(penalty)
            and penalty != "life"
            and float(penalty) < 4
            and as_text(offence.get("crime_type")) not in COVERED_WHATEVER_THE_PENALTY
        ):
            self.warning(
                key,
                "art. 2(b)",
                of(
                    numbered("offences", index),
                    _(
                        "A maximum penalty under four years is not a serious crime: the Convention "
                        "covers the offence only if it is established under arts. 5, 6, 8 or 23 or under a Protocol"
                    ),
                ),
            )

    def transnational(self) -> None:
        """Warnings when nothing shows the offence is transnational in nature or involves an organized
        criminal group (art. 3(1))."""
        if not present(self.content.get("transnational")):
            self.warning(
                "transnational",
                "art. 3(2)",
                _(
                    "Nothing shows the offence is transnational in nature: say which of art. 3(2)(a) to (d) holds "
                    "(more than one State; prepared or directed in another State; an organized criminal group "
                    "active in more than one State; substantial effects in another State)"
                ),
            )
        if self.content.get("organized_criminal_group") is not True:
            self.warning(
                "organized_criminal_group",
                "art. 3(1)",
                _("Nothing shows the offence involves an organized criminal group (as defined in art. 2(a))"),
            )
