"""Reads of the register (all public)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min

from palermo.register.models import Instrument, Participation, Party


def register_as_of() -> dict[str, date | None]:
    """The oldest and newest as-of dates of the treaty status held."""
    dates = Participation.objects.aggregate(oldest=Min("as_of"), newest=Max("as_of"))
    return {"oldest": dates["oldest"], "newest": dates["newest"]}


class Status:
    PARTY = "party"
    SIGNATORY = "signatory"
    NONE = "none"


def status_of(participation: Participation | None) -> str:
    if participation is None:
        return Status.NONE
    return Status.PARTY if participation.consent else Status.SIGNATORY


@dataclass
class InstrumentSummary:
    instrument: Instrument
    parties: int
    signatories: int
    as_of: date | None


def instrument_summaries() -> list[InstrumentSummary]:
    counts = Counter()
    as_of: dict[str, date] = {}
    for code, consent, row_as_of in Participation.objects.values_list("instrument_id", "consent", "as_of"):
        counts[(code, consent is not None)] += 1
        as_of[code] = max(as_of.get(code, row_as_of), row_as_of)
    return [
        InstrumentSummary(i, counts[(i.code, True)], counts[(i.code, False)], as_of.get(i.code))
        for i in Instrument.objects.all()
    ]


@dataclass
class ParticipationProblem:
    party: Party
    instrument_code: str
    message: str


def participation_problems(party: Party | None = None) -> list[ParticipationProblem]:
    """Data that breaks UNTOC art. 37(2): party to a Protocol without being party to the Convention first."""
    rows = Participation.objects.select_related("party", "instrument").exclude(consent=None)
    if party is not None:
        rows = rows.filter(party=party)
    consents = {(p.party_id, p.instrument_id): p.consent for p in rows}
    problems = []
    for p in rows:
        parent = p.instrument.parent_id
        if parent is None:
            continue
        convention = consents.get((p.party_id, parent))
        if convention is None:
            problems.append(
                ParticipationProblem(p.party, p.instrument_id, "party to the Protocol but not to the Convention")
            )
        elif p.consent < convention:
            problems.append(
                ParticipationProblem(
                    p.party, p.instrument_id,
                    f"consented to the Protocol ({p.consent}) before the Convention ({convention})",
                )
            )
    return problems
