"""The legal basis of a request between two States on a date, computed from the treaty register.

Which of the four instruments (the Convention and its three Protocols) is in force between the requesting
and the requested State on the date: both are parties and the instrument is in force for each (the
register's entry-into-force dates, which already hold the Convention's art. 38 and the Protocols' final
clauses, and art. 37(2): a Protocol never binds a party before the Convention does). A Protocol applies
only to the offences it covers; the Convention applies to its own offences (arts. 5, 6, 8, 23), mutatis
mutandis to the Protocols' offences (art. 1(2) of each Protocol) and to other serious crime (arts. 2(b),
3(1)), where the offence is transnational in nature and involves an organized criminal group.

Then what follows for the kind of request (extradition and the art. 16(5) notification of the requested
State, the Firearms Protocol for tracing, the Smuggling of Migrants Protocol for boarding a vessel …), and
what does not hold, in words, in the active language.

For speed the register is read once into a `Snapshot` (a few queries) that answers any number of pairs in
pure Python; what depends on one State and the date alone is computed once per State.

This module holds the public API (`legal_basis()`, `all_pairs()` and the names they answer with); the parts:
`results` (the instruments, kinds of request, the answer and its errors), `snapshot` (the register read
once), `reasons` (why each instrument applies or not), `kinds` (what follows for the kind of request) and
`words` (the answer's language). The offences each instrument establishes are in `domain.offences`.
"""

from __future__ import annotations

import gc
from datetime import date, datetime
from typing import Any

from django.utils.translation import get_language

from palermo.cooperation.domain.legal_basis.kinds import _consequences
from palermo.cooperation.domain.legal_basis.reasons import _instrument_bases
from palermo.cooperation.domain.legal_basis.results import (
    CONVENTION,
    INSTRUMENTS,
    KIND_ARTICLES,
    KINDS,
    STATE_KINDS,
    InstrumentBasis,
    LegalBasis,
    LegalBasisError,
    NotAState,
    SameState,
    UnknownKind,
    UnknownOffence,
    UnknownState,
    kind_label,
)
from palermo.cooperation.domain.legal_basis.snapshot import Snapshot
from palermo.cooperation.domain.legal_basis.words import _LANGUAGE, _
from palermo.cooperation.domain.offences import CONVENTION_OFFENCES, PROTOCOL_OFFENCES

__all__ = [
    "CONVENTION",
    "CONVENTION_OFFENCES",
    "INSTRUMENTS",
    "KINDS",
    "KIND_ARTICLES",
    "PROTOCOL_OFFENCES",
    "STATE_KINDS",
    "InstrumentBasis",
    "LegalBasis",
    "LegalBasisError",
    "NotAState",
    "SameState",
    "Snapshot",
    "UnknownKind",
    "UnknownOffence",
    "UnknownState",
    "all_pairs",
    "kind_label",
    "legal_basis",
]


def legal_basis(
    *,
    requesting: str,
    requested: str,
    on: date,
    offence: str | None = None,
    kind: str | None = None,
    snapshot: Snapshot | None = None,
    with_directory: bool = False,
) -> LegalBasis:
    """Which instrument is in force between the two States on the date, for the offence and the kind of
    request, and what follows. `snapshot`: a register read once, to answer many pairs fast (otherwise one
    is read here, with the directory's extradition requirement if `with_directory`)."""
    register = snapshot if snapshot is not None else Snapshot(with_directory=with_directory)
    token = _LANGUAGE.set(_LANGUAGE.get() or get_language() or "en")
    try:
        return _legal_basis(register, requesting, requested, on, offence, kind)
    finally:
        _LANGUAGE.reset(token)


def _legal_basis(register: Snapshot, requesting: str, requested: str, on: date, offence, kind) -> LegalBasis:
    asking = register.state(requesting, argument="requesting")
    asked = register.state(requested, argument="requested")
    if asking.code == asked.code:
        raise SameState(
            _("The requesting and the requested State are the same (%(state)s): choose two States.")
            % {"state": register.name(asking)}
        )
    if isinstance(on, datetime):
        on = on.date()
    if not isinstance(on, date):
        raise LegalBasisError(_("Give the date as YYYY-MM-DD."), argument="on")
    if kind not in (None, "") and kind not in KINDS:
        raise UnknownKind(
            _("“%(kind)s” is not a kind of request. Valid values: %(values)s.")
            % {"kind": kind, "values": ", ".join(KINDS)}
        )
    kind = kind or None
    crime = register.crime_type(offence) if offence else None
    instruments = _instrument_bases(register, asking, asked, on, crime)
    by_code = {basis.code: basis for basis in instruments}

    notes = []
    if register.as_of is not None and on > register.as_of:
        notes.append(
            _(
                "The register's treaty status is as at %(as_of)s: a ratification or notification after "
                "that date is not known to it."
            )
            % {"as_of": register.day(register.as_of)}
        )
    consequences = _consequences(register, by_code, asking, asked, on, kind, crime)
    return LegalBasis(
        requesting=asking.code,
        requested=asked.code,
        on=on,
        offence=crime.slug if crime else None,
        kind=kind,
        instruments=instruments,
        consequences=consequences,
        requesting_name=register.name(asking),
        requested_name=register.name(asked),
        offence_label=crime.label if crime else "",
        notes=notes,
        register_as_of=register.as_of,
        articles=[KIND_ARTICLES[kind]] if kind else [],
    )


def all_pairs(on: date, *, snapshot: Snapshot | None = None, **options: Any) -> list[LegalBasis]:
    """The legal basis of every ordered pair of States on one date (benchmarks, matrices). The cyclic
    garbage collector is paused while the answers are built: they hold no cycles, and collecting passes
    over a growing heap of tens of thousands of new objects would cost more than the answers do."""
    register = snapshot if snapshot is not None else Snapshot()
    states = register.states()
    was_enabled = gc.isenabled()
    gc.disable()
    token = _LANGUAGE.set(get_language() or "en")
    try:
        return [
            legal_basis(requesting=a.code, requested=b.code, on=on, snapshot=register, **options)
            for a in states
            for b in states
            if a.code != b.code
        ]
    finally:
        _LANGUAGE.reset(token)
        if was_enabled:
            gc.enable()
