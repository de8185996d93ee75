"""The values of a request, whatever its kind: unknown keys, text that is not text, State and language
codes, dates (in the future, already past), crime types, penalties, roles, forms, IMO numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.completeness.lists import FORMS, KNOWN_KEYS, PERSON_ROLES, PROTECTIONS
from palermo.cooperation.domain.completeness.reading import (
    MAX_PENALTY_YEARS,
    TRANSNATIONAL_LETTERS,
    as_text,
    crime_types,
    imo_valid,
    iso_date,
    iso_datetime,
    penalty_ok,
    present,
    state_codes,
)
from palermo.cooperation.domain.completeness.recorder import Recorder
from palermo.cooperation.domain.completeness.wording import message, numbered, of

TEXT_KEYS = (
    "requesting_authority",
    "requested_authority",
    "conducting_authority",
    "subject",
    "facts",
    "purpose",
    "procedures",
    "information",
    "actions",
    "reference",
)


class ValueRules(Recorder):
    def shapes_and_values(self) -> None:
        content = self.content
        for key in content:
            if key not in KNOWN_KEYS:
                self.warning(
                    key,
                    "",
                    message(
                        _("Unknown key “%(key)s”: it is not part of the request format and is ignored"),
                        key=key,
                    ),
                )
        for key in TEXT_KEYS:
            value = content.get(key)
            if value is not None and not isinstance(value, str):
                self.problem(key, "", _("Must be text"))
        self.states()
        language = content.get("language")
        if present(language):
            from palermo.core.language_codes import KNOWN

            if not isinstance(language, str) or language.strip().lower().split("-")[0] not in KNOWN:
                self.problem(
                    "language",
                    "art. 18(14)",
                    message(_("Unknown language code “%(value)s”"), value=language),
                )
        self.offence_values()
        self.transnational_values()
        self.person_values()
        self.assistance_values()
        self.document_values()
        self.procedure_values()
        self.vessel_values()
        self.property_and_annexes()
        follow = content.get("extradition_to_follow")
        if follow is not None and not isinstance(follow, bool):
            self.problem("extradition_to_follow", "art. 16(9)", _("Must be true or false"))

    def state(self, key: str, value: Any) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, str) or value.strip().upper() not in state_codes():
            self.problem(
                key,
                "",
                message(_("Unknown State code “%(value)s” (ISO 3166-1 alpha-3, such as ITA)"), value=value),
            )

    def states(self) -> None:
        requesting, requested = self.content.get("requesting_state"), self.content.get("requested_state")
        self.state("requesting_state", requesting)
        self.state("requested_state", requested)
        if (
            isinstance(requesting, str)
            and isinstance(requested, str)
            and requesting.strip()
            and requesting.strip().upper() == requested.strip().upper()
        ):
            self.problem("requested_state", "", _("The requested State is the requesting State"))

    def date_value(self, key: str, value: Any, *, not_after_today: bool = False) -> date | None:
        if value is None or value == "":
            return None
        found = iso_date(value)
        if found is None:
            self.problem(key, "", message(_("“%(value)s” is not a date as YYYY-MM-DD"), value=value))
            return None
        if not_after_today and found > self.today:
            self.problem(key, "", _("This date is in the future"))
        return found

    def offence_values(self) -> None:
        known = None
        for index, entry in self.listed("offences"):
            prefix = f"offences[{index}]."
            crime_type = entry.get("crime_type")
            if present(crime_type):
                known = known if known is not None else (crime_types() or ((), {}))
                current, renamed = known
                if not isinstance(crime_type, str):
                    self.problem(prefix + "crime_type", "", _("Must be text"))
                elif current and crime_type not in current:
                    if crime_type in renamed:
                        self.warning(
                            prefix + "crime_type",
                            "",
                            message(
                                _("Crime type “%(old)s” was renamed “%(new)s”"),
                                old=crime_type,
                                new=renamed[crime_type],
                            ),
                        )
                    else:
                        self.problem(
                            prefix + "crime_type",
                            "",
                            message(
                                _("Unknown crime type “%(value)s” (not in the knowledge base's taxonomy)"),
                                value=crime_type,
                            ),
                        )
            penalty = entry.get("max_penalty_years")
            if penalty is not None and penalty != "" and not penalty_ok(penalty):
                self.problem(
                    prefix + "max_penalty_years",
                    "art. 2(b)",
                    message(
                        _(
                            '“%(value)s” is not a maximum penalty: a number of years from 0 to %(max)s, or "life"'
                        ),
                        value=penalty,
                        max=MAX_PENALTY_YEARS,
                    ),
                )
            for key in ("provision", "text", "description"):
                value = entry.get(key)
                if value is not None and not isinstance(value, str):
                    self.problem(prefix + key, "", _("Must be text"))

    def transnational_values(self) -> None:
        letters = self.content.get("transnational")
        wrong = not isinstance(letters, list) or any(
            as_text(letter) not in TRANSNATIONAL_LETTERS for letter in letters
        )
        if letters is not None and letters != [] and wrong:
            self.problem(
                "transnational", "art. 3(2)", _("Must be a list of the letters of art. 3(2): a, b, c, d")
            )
        group = self.content.get("organized_criminal_group")
        if group is not None and not isinstance(group, bool):
            self.problem("organized_criminal_group", "art. 3(1)", _("Must be true or false"))

    def person_values(self) -> None:
        roles = {code for code, _label in PERSON_ROLES}
        protections = {code for code, _label in PROTECTIONS}
        for index, person in self.listed("persons", "art. 18(15)(e)"):
            prefix = f"persons[{index}]."
            role = person.get("role")
            if present(role) and as_text(role) not in roles:
                self.problem(prefix + "role", "", message(_("Unknown role “%(value)s”"), value=role))
            elif not present(role) and self.kind not in ("mla", "confiscation"):
                self.missing(
                    prefix + "role",
                    "",
                    of(numbered("persons", index), _("Role of the person (suspect, witness, victim…)")),
                )
            protection = person.get("protection")
            if protection is not None and protection != []:
                values = protection if isinstance(protection, list) else [protection]
                unknown = [str(value) for value in values if as_text(value) not in protections]
                if not isinstance(protection, list) or unknown:
                    self.problem(
                        prefix + "protection",
                        "",
                        message(_("Unknown protection “%(value)s”"), value=", ".join(unknown) or protection),
                    )
            self.state(prefix + "nationality", person.get("nationality"))
            self.date_value(prefix + "date_of_birth", person.get("date_of_birth"), not_after_today=True)
            aliases = person.get("aliases")
            if aliases is not None and not isinstance(aliases, list):
                self.problem(prefix + "aliases", "", _("Must be a list"))
            consent = person.get("consent")
            if consent is not None and not isinstance(consent, bool):
                self.problem(prefix + "consent", "art. 17", _("Must be true or false"))

    def assistance_values(self) -> None:
        forms = {code for code, _label in FORMS}
        for index, entry in self.listed("assistance", "art. 18(15)(d)"):
            prefix = f"assistance[{index}]."
            form = entry.get("form")
            if present(form) and as_text(form) not in forms:
                self.problem(
                    prefix + "form",
                    "art. 18(3)",
                    message(_("Unknown form of assistance “%(value)s”"), value=form),
                )
            particulars = entry.get("particulars")
            if particulars is None:
                continue
            if not isinstance(particulars, dict):
                self.problem(prefix + "particulars", "", _("Must be an object"))
                continue
            start = self.date_value(prefix + "particulars.period_from", particulars.get("period_from"))
            end = self.date_value(prefix + "particulars.period_to", particulars.get("period_to"))
            if start and end and start > end:
                self.problem(
                    prefix + "particulars.period_from", "art. 18(16)", _("The period starts after it ends")
                )

    def document_values(self) -> None:
        for key in ("warrant", "judgment", "order"):
            document = self.object(key)
            self.date_value(f"{key}.date", document.get("date"), not_after_today=True)
        for key in ("firearm", "team", "confidentiality", "urgency", "vessel"):
            self.object(key)

    def procedure_values(self) -> None:
        confidentiality = self.object("confidentiality")
        required = confidentiality.get("required")
        if required is not None and not isinstance(required, bool):
            self.problem("confidentiality.required", "art. 18(20)", _("Must be true or false"))
        if required is True and not present(confidentiality.get("reasons")):
            self.warning(
                "confidentiality.reasons", "art. 18(20)", _("Give the reasons why confidentiality is needed")
            )
        urgency = self.object("urgency")
        urgent = urgency.get("urgent")
        if urgent is not None and not isinstance(urgent, bool):
            self.problem("urgency.urgent", "art. 18(24)", _("Must be true or false"))
        by = self.date_value("urgency.execute_by", urgency.get("execute_by"))
        if by is not None and by < self.today:
            self.problem(
                "urgency.execute_by",
                "art. 18(24)",
                _("The date by which execution is needed is already past"),
            )
        if (urgent is True or by is not None) and not present(urgency.get("reasons")):
            self.warning(
                "urgency.reasons",
                "art. 18(24)",
                _(
                    "Give the reasons for the urgency or the deadline: the requested State takes account of deadlines for which reasons are given"
                ),
            )

    def vessel_values(self) -> None:
        vessel = self.object("vessel")
        if not vessel:
            return
        self.state("vessel.flag_state_claimed", vessel.get("flag_state_claimed"))
        observed = vessel.get("observed_at")
        if present(observed):
            found = iso_datetime(observed)
            if found is None:
                self.problem(
                    "vessel.observed_at",
                    "",
                    message(
                        _("“%(value)s” is not a date and time as YYYY-MM-DDTHH:MM (UTC: add Z)"),
                        value=observed,
                    ),
                )
            elif found.date() > self.today:
                self.problem("vessel.observed_at", "", _("This date is in the future"))
        imo = vessel.get("imo_number")
        if present(imo) and not (isinstance(imo, str | int) and imo_valid(str(imo))):
            self.problem(
                "vessel.imo_number",
                "",
                message(
                    _("“%(value)s” is not an IMO number (seven digits, the last a check digit)"), value=imo
                ),
            )

    def property_and_annexes(self) -> None:
        self.listed("property", "art. 13(3)(a)")
        annexes = self.content.get("annexes")
        if annexes is None:
            return
        if not isinstance(annexes, list):
            self.problem("annexes", "", _("Must be a list"))
            return
        for index, annex in enumerate(annexes):
            title = annex.get("title") if isinstance(annex, dict) else annex
            if not (isinstance(title, str) and title.strip()):
                self.problem(f"annexes[{index}].title", "", _("An annex needs a title"))
