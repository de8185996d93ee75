"""What each kind of request requires beyond its list in lists.py (KIND_NEEDS): the particulars of each
form of mutual legal assistance, the person sought and the warrant for extradition, the measure and the
property for confiscation, the sentenced person's consent for a transfer."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.completeness.lists import (
    ACTIONS,
    COERCIVE_FORMS,
    CONFISCATION_FACTS,
    DESCRIPTION,
    FACTS,
    FORM_PARTICULARS,
    JUDGMENT_FOR_EXTRADITION,
    JUDGMENT_FOR_TRANSFER,
    KIND_NEEDS,
    MODEL_TREATY,
    ORDER,
    PERSON_FORMS,
    PERSON_PARTICULARS_MLA,
    PROPERTY,
    PROPERTY_ITEM,
    SOUGHT_ROLES,
    WARRANT,
    Need,
    person_sought_needs,
)
from palermo.cooperation.domain.completeness.reading import as_text, present, value_at
from palermo.cooperation.domain.completeness.recorder import Recorder
from palermo.cooperation.domain.completeness.wording import message, numbered, of


class KindRules(Recorder):
    def kind_needs(self, kind: str) -> None:
        """What the kind's list requires (and a warning when the request says it is of another kind)."""
        content = self.content
        stated = content.get("kind")
        if present(stated) and stated != kind:
            self.warning(
                "kind",
                "",
                message(
                    _("The request says it is of kind “%(stated)s”; it was checked as “%(kind)s”"),
                    stated=stated,
                    kind=kind,
                ),
            )
        needs = list(KIND_NEEDS[kind])
        if kind == "mla" and self.service_only():
            needs = [need for need in needs if need is not FACTS]
        self.needs(content, needs)

    def kind_rules(self, kind: str) -> None:
        """The kind's own rules, beyond its list."""
        if kind == "mla":
            self.mla_assistance()
            self.mla_persons()
        elif kind in ("extradition", "provisional_arrest"):
            self.extradition(kind)
        elif kind == "confiscation":
            self.confiscation()
            self.mla_persons()
        elif kind == "transfer_proceedings":
            self.person_concerned(
                ("suspect", "accused"),
                "art. 21",
                _("The suspect or accused person"),
                nationality_required=False,
            )
        elif kind == "transfer_sentenced":
            self.transfer_sentenced()
        elif kind == "vessel_boarding":
            urgency = self.content.get("urgency")
            if not (isinstance(urgency, dict) and urgency.get("urgent") is True):
                self.warning(
                    "urgency.urgent",
                    "Smuggling of Migrants Protocol art. 8(2)",
                    _(
                        "A request about a vessel at sea is urgent by nature: mark it urgent (a reply is needed within hours)"
                    ),
                )

    def service_only(self) -> bool:
        forms = [entry.get("form") for _index, entry in self.entries("assistance")]
        return bool(forms) and all(form == "18_3_b" for form in forms)

    def has_annexes(self) -> bool:
        return present(self.content.get("annexes"))

    # Mutual legal assistance (art. 18)

    def mla_assistance(self) -> None:
        items = self.entries("assistance")
        if not items:
            return  # ASSISTANCE (art. 18(15)(d)) is missing already
        names = {
            str(p.get("name")).strip().casefold()
            for _i, p in self.entries("persons")
            if present(p.get("name"))
        }
        for index, entry in items:
            what = numbered("assistance", index)
            prefix = f"assistance[{index}]."
            form = as_text(entry.get("form"))
            if not present(entry.get("form")):
                self.missing(prefix + "form", "art. 18(3)", of(what, _("Form of assistance (art. 18(3))")))
            self.needs(entry, [DESCRIPTION], prefix, what)
            if form not in FORM_PARTICULARS:
                continue
            self.needs(entry, FORM_PARTICULARS[form], prefix, what)
            if form in COERCIVE_FORMS:
                self.warning(
                    prefix + "form",
                    "art. 18(9)",
                    of(
                        what,
                        _(
                            "This needs a coercive measure in the requested State, which may refuse it for lack "
                            "of dual criminality (art. 18(9)): describe the conduct so that it can be recognised "
                            "as an offence there"
                        ),
                    ),
                )
            person = value_at(entry, "particulars.person")
            if form in PERSON_FORMS and present(person) and str(person).strip().casefold() not in names:
                self.warning(
                    prefix + "particulars.person",
                    "art. 18(15)(e)",
                    of(what, _("Give this person's identity, location and nationality under Persons")),
                )

    def mla_persons(self) -> None:
        for index, person in self.entries("persons"):
            self.needs(person, PERSON_PARTICULARS_MLA, f"persons[{index}].", numbered("persons", index))

    # Persons concerned (arts. 17 and 21)

    def person_concerned(
        self, roles: tuple[str, ...], reference: str, label: Promise, *, nationality_required: bool = True
    ) -> tuple[int, dict] | None:
        """The first person with one of `roles`, with its particulars; missing `persons` if there is none."""
        found = next(((i, p) for i, p in self.entries("persons") if as_text(p.get("role")) in roles), None)
        if found is None:
            self.missing("persons", reference, label)
            return None
        index, person = found
        self.needs(
            person,
            [
                Need("name", reference, _("Name of the person")),
                Need("nationality", reference, _("Nationality of the person"), warn=not nationality_required),
                Need("location", reference, _("Location of the person"), warn=True),
            ],
            f"persons[{index}].",
            numbered("persons", index),
        )
        return found

    # Extradition and provisional arrest (art. 16)

    def extradition(self, kind: str) -> None:
        reference = f"{MODEL_TREATY} art. 5(2)(a)" if kind == "extradition" else f"{MODEL_TREATY} art. 9(2)"
        found = next(
            ((i, p) for i, p in self.entries("persons") if as_text(p.get("role")) in SOUGHT_ROLES), None
        )
        if found is None:
            self.missing(
                "persons", reference, _("The person sought (a suspect, accused or sentenced person)")
            )
        else:
            index, person = found
            needs = person_sought_needs(reference)
            if kind == "provisional_arrest":  # art. 9(2): "the location, where known"
                needs = [
                    Need(n.key, n.reference, n.label, n.alternatives, warn=n.key == "location") for n in needs
                ]
            self.needs(person, needs, f"persons[{index}].", numbered("persons", index))
        warrant, judgment = self.content.get("warrant"), self.content.get("judgment")
        if present(warrant) or not present(judgment):
            if not present(warrant):
                self.missing(
                    "warrant",
                    f"{MODEL_TREATY} art. 5(2)(c), (d)"
                    if kind == "extradition"
                    else f"{MODEL_TREATY} art. 9(2)",
                    _("Warrant of arrest or judgment"),
                )
            else:
                self.needs(warrant, WARRANT, "warrant.")
        else:
            self.needs(judgment, JUDGMENT_FOR_EXTRADITION, "judgment.")
        if kind == "provisional_arrest":
            follow = self.content.get("extradition_to_follow")
            if follow is None:
                self.missing(
                    "extradition_to_follow",
                    f"art. 16(9); {MODEL_TREATY} art. 9(2)",
                    _("Statement that a request for extradition will follow"),
                )
            elif follow is False:
                self.problem(
                    "extradition_to_follow",
                    f"art. 16(9); {MODEL_TREATY} art. 9(2)",
                    _(
                        "Provisional arrest is asked with a view to extradition: a request for extradition must follow"
                    ),
                )
        elif present(warrant) and not self.has_annexes():
            self.warning(
                "annexes", f"{MODEL_TREATY} art. 5(2)(c)", _("Attach the warrant or a certified copy of it")
            )

    # Confiscation (art. 13)

    def confiscation(self) -> None:
        stated = self.content.get("measure")
        if not present(stated):
            self.needs(self.content, [FACTS])
            return
        measure = as_text(stated)
        if measure is None or measure not in CONFISCATION_FACTS:
            self.problem(
                "measure",
                "art. 13",
                message(_("Unknown measure “%(value)s”: 13_1_a, 13_1_b or 13_2"), value=stated),
            )
            self.needs(self.content, [FACTS])
            return
        self.needs(self.content, [CONFISCATION_FACTS[measure]])
        if measure == "13_2":
            self.needs(self.content, [ACTIONS])
            return
        self.needs(self.content, [PROPERTY])
        for index, entry in self.entries("property"):
            self.needs(entry, PROPERTY_ITEM, f"property[{index}].", numbered("property", index))
        if measure == "13_1_b":
            order = self.content.get("order")
            if not present(order):
                self.missing(
                    "order", "art. 13(3)(c)", _("A legally admissible copy of the order of confiscation")
                )
            elif isinstance(order, dict):
                self.needs(order, ORDER, "order.")
                if not self.has_annexes():
                    self.warning(
                        "annexes",
                        "art. 13(3)(c)",
                        _("Attach the legally admissible copy of the order of confiscation"),
                    )

    # Transfer of sentenced persons (art. 17)

    def transfer_sentenced(self) -> None:
        judgment = self.content.get("judgment")
        if not present(judgment):
            self.missing("judgment", "art. 17", _("The judgment and the sentence"))
        elif isinstance(judgment, dict):
            self.needs(judgment, JUDGMENT_FOR_TRANSFER, "judgment.")
        found = self.person_concerned(("sentenced",), "art. 17", _("The sentenced person"))
        if found is None:
            return
        index, person = found
        consent = person.get("consent")
        if consent is None:
            advice = _("Say whether the sentenced person consents to the transfer")
        elif consent is False:
            advice = _("The sentenced person does not consent: most agreements on transfer require consent")
        else:
            return
        self.warning(f"persons[{index}].consent", "art. 17", of(numbered("persons", index), advice))
