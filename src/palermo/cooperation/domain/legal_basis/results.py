"""What a legal basis is made of: the instruments and kinds of request it knows, the answer
(`LegalBasis`, one `InstrumentBasis` per instrument) and the errors for input that cannot be answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from palermo.cooperation.domain.legal_basis.words import _
from palermo.cooperation.models import RequestKind

INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
CONVENTION = "UNTOC"

# The kinds of request, in the order of the model's choices.
KINDS = tuple(RequestKind.values)

# The article each kind of request rests on: (instrument, article number), for links.
KIND_ARTICLES: dict[str, tuple[str, str]] = {
    "mla": ("UNTOC", "18"),
    "extradition": ("UNTOC", "16"),
    "provisional_arrest": ("UNTOC", "16"),
    "confiscation": ("UNTOC", "13"),
    "transfer_proceedings": ("UNTOC", "21"),
    "transfer_sentenced": ("UNTOC", "17"),
    "joint_investigation": ("UNTOC", "19"),
    "spontaneous": ("UNTOC", "18"),
    "firearm_tracing": ("FIREARMS", "12"),
    "vessel_boarding": ("SOM", "8"),
}

STATE_KINDS = ("state", "observer_state")


class LegalBasisError(ValueError):
    """Input that cannot be answered; `argument` names what was wrong (requesting, requested, on, offence,
    kind) and the message says why, for people."""

    argument = ""

    def __init__(self, message: str, *, argument: str = ""):
        super().__init__(message)
        self.argument = argument or self.argument


class UnknownState(LegalBasisError):
    """No State in the register has this code."""

    def __init__(self, code: str, *, argument: str = "requested"):
        self.code = code
        super().__init__(
            _("No State in the register has the code “%(code)s” (ISO 3166 alpha-3, e.g. ITA).")
            % {"code": code},
            argument=argument,
        )


class NotAState(LegalBasisError):
    """A party of the register that is not a State (the European Union, a regional economic integration
    organization): Part III of the Convention operates between States, which make and execute requests."""

    def __init__(self, code: str, name: str, *, argument: str = "requested"):
        self.code = code
        super().__init__(
            _(
                "%(name)s is a regional economic integration organization, not a State: requests for "
                "extradition, mutual legal assistance and the other forms of cooperation are made and "
                "executed by its member States. Choose the member State concerned."
            )
            % {"name": name},
            argument=argument,
        )


class SameState(LegalBasisError):
    argument = "requested"


class UnknownOffence(LegalBasisError):
    argument = "offence"


class UnknownKind(LegalBasisError):
    argument = "kind"


@dataclass
class InstrumentBasis:
    code: str
    title: str
    applies: bool
    reasons: list[str]
    in_force: bool = False  # in force between the two States on the date, whatever the offence
    articles: list[str] = field(default_factory=list)  # article numbers of this instrument cited

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "applies": self.applies,
            "in_force": self.in_force,
            "reasons": list(self.reasons),
            "articles": list(self.articles),
        }


@dataclass
class LegalBasis:
    requesting: str
    requested: str
    on: date
    offence: str | None
    kind: str | None
    instruments: list[InstrumentBasis]
    consequences: list[str]
    requesting_name: str = ""
    requested_name: str = ""
    offence_label: str = ""
    notes: list[str] = field(default_factory=list)
    register_as_of: date | None = None
    articles: list[tuple[str, str]] = field(default_factory=list)  # (instrument, number) of the kind

    @property
    def applies(self) -> bool:
        return any(instrument.applies for instrument in self.instruments)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind) if self.kind else ""

    @property
    def kind_articles(self) -> list[tuple[str, str, str]]:
        """The articles the kind of request rests on: (instrument code, number, instrument's title)."""
        titles = {basis.code: basis.title for basis in self.instruments}
        return [(code, number, titles.get(code, code)) for code, number in self.articles]

    def instrument(self, code: str) -> InstrumentBasis:
        return next(basis for basis in self.instruments if basis.code == code)

    def to_json(self) -> dict:
        return {
            "requesting": self.requesting,
            "requesting_name": self.requesting_name,
            "requested": self.requested,
            "requested_name": self.requested_name,
            "on": self.on.isoformat(),
            "offence": self.offence,
            "offence_label": self.offence_label or None,
            "kind": self.kind,
            "applies": self.applies,
            "instruments": [instrument.to_json() for instrument in self.instruments],
            "consequences": list(self.consequences),
            "notes": list(self.notes),
            "register_as_of": self.register_as_of.isoformat() if self.register_as_of else None,
            "articles": [{"instrument": code, "article": number} for code, number in self.articles],
        }


def kind_label(kind: str) -> str:
    return str(RequestKind(kind).label)
