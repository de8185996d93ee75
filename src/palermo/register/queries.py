"""Reads of the register (all public)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min

from palermo.core.collation import sort_key
from palermo.register.models import Instrument, Participation, Party
from palermo.register.names import matching_codes


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
    counts: Counter[tuple[str, bool]] = Counter()
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
                ParticipationProblem(
                    p.party, p.instrument_id, "party to the Protocol but not to the Convention"
                )
            )
        elif p.consent is not None and p.consent < convention:
            problems.append(
                ParticipationProblem(
                    p.party,
                    p.instrument_id,
                    f"consented to the Protocol ({p.consent}) before the Convention ({convention})",
                )
            )
    return problems


@dataclass
class PartyRow:
    party: Party
    participation: Participation | None

    @property
    def status(self) -> str:
        return status_of(self.participation)


@dataclass
class PartyListing:
    rows: list[PartyRow]
    status_counts: dict[str, int]
    group_counts: dict[str, int]
    years: list[int]


def party_listing(
    *,
    instrument: Instrument,
    status: str = "",
    group: str = "",
    year: int | None = None,
    text: str = "",
    language: str = "en",
) -> PartyListing:
    """Every party with its participation in one instrument, filtered, with counts for the filters.

    Status counts ignore the status filter (so they say what each choice would give); group counts ignore
    the group filter. Two queries, whatever the size of the result.
    """
    participation = {p.party_id: p for p in Participation.objects.filter(instrument=instrument)}
    rows = [PartyRow(party, participation.get(party.code)) for party in Party.objects.all()]
    if text:
        found = set(matching_codes(text, [r.party for r in rows]))
        rows = [r for r in rows if r.party.code in found]
    years = sorted(
        {r.participation.consent.year for r in rows if r.participation and r.participation.consent}
    )
    if year:
        rows = [
            r
            for r in rows
            if r.participation and r.participation.consent and r.participation.consent.year == year
        ]

    def in_group(row: PartyRow, wanted: str) -> bool:
        return (row.party.regional_group or "none") == wanted

    by_group = [r for r in rows if in_group(r, group)] if group else rows
    status_counts = Counter(r.status for r in by_group)
    by_status = [r for r in rows if r.status == status] if status else rows
    group_counts = Counter(r.party.regional_group or "none" for r in by_status)
    result = [r for r in by_status if in_group(r, group)] if group else by_status
    result.sort(key=lambda r: sort_key(r.party.name_in(language), language))
    return PartyListing(result, dict(status_counts), dict(group_counts), years)


def participation_of(party: Party) -> list[tuple[Instrument, Participation | None]]:
    held = {p.instrument_id: p for p in party.participation.all()}
    return [(i, held.get(i.code)) for i in Instrument.objects.all()]


@dataclass
class TimelineEvent:
    day: date
    instrument: Instrument
    kind: str  # "signature", "consent", "entry_into_force"
    participation: Participation


def party_timeline(party: Party) -> list[TimelineEvent]:
    events = []
    for p in party.participation.select_related("instrument"):
        for kind in ("signature", "consent", "entry_into_force"):
            day = getattr(p, kind)
            if day:
                events.append(TimelineEvent(day, p.instrument, kind, p))
    events.sort(key=lambda e: (e.day, e.instrument.position, e.kind))
    return events
