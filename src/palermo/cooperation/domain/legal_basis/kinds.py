"""What follows for the kind of request: extradition and the requested State's art. 16(5) notification,
mutual legal assistance and the languages it accepts, the Firearms Protocol for tracing, the Smuggling of
Migrants Protocol for boarding a vessel …, and the reservations made by either State."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from palermo.cooperation.domain.legal_basis.results import CONVENTION
from palermo.cooperation.domain.legal_basis.words import _
from palermo.core.i18n import listed

if TYPE_CHECKING:
    from palermo.cooperation.domain.legal_basis.snapshot import Snapshot


def _consequences(register: Snapshot, by_code, asking, asked, on: date, kind: str | None, crime) -> list[str]:
    requesting, requested = register.name(asking), register.name(asked)
    convention = by_code[CONVENTION].applies
    out: list[str] = []
    if kind is None:
        if not any(basis.applies for basis in by_code.values()):
            out.append(
                _(
                    "No instrument applies between %(requesting)s and %(requested)s on %(on)s: cooperation "
                    "rests on another treaty between them or on the requested State's law."
                )
                % {"requesting": requesting, "requested": requested, "on": register.day(on)}
            )
        return out
    if kind in ("extradition", "provisional_arrest"):
        if kind == "provisional_arrest":
            out.append(
                _(
                    "Provisional arrest: the requested State may take the person into custody on the request "
                    "of the requesting State, subject to its law and its extradition treaties (art. 16(9))."
                )
            )
        if convention:
            out.append(
                _(
                    "Extradition under art. 16: the offence must be punishable under the law of both States "
                    "(art. 16(1))."
                )
            )
            out.extend(_article_16_5(register, asking, asked, on))
        else:
            out.append(
                _(
                    "The Convention cannot serve as the legal basis for extradition between them on that date: "
                    "extradition rests on another treaty or on the law of %(requested)s."
                )
                % {"requested": requested}
            )
    elif kind in ("mla", "spontaneous", "confiscation"):
        if not convention:
            out.append(
                _(
                    "The Convention cannot serve as the legal basis on that date: assistance rests on another "
                    "treaty or on the law of %(requested)s (reciprocity)."
                )
                % {"requested": requested}
            )
        elif kind == "mla":
            out.append(
                _(
                    "Mutual legal assistance under art. 18: where no treaty of mutual legal assistance binds "
                    "the two States, paragraphs 9 to 29 of art. 18 govern the request (art. 18(7)); "
                    "assistance may be refused for absence of dual criminality (art. 18(9))."
                )
            )
        elif kind == "spontaneous":
            out.append(
                _(
                    "Information may be transmitted without a prior request (art. 18(4)); the receiving "
                    "authorities keep it confidential if asked to (art. 18(5))."
                )
            )
        else:
            out.append(
                _(
                    "International cooperation for confiscation under art. 13; art. 18 applies mutatis "
                    "mutandis (art. 13(3)); a State that makes such measures conditional on a treaty considers "
                    "the Convention the necessary and sufficient treaty basis (art. 13(6))."
                )
            )
        if convention and kind in ("mla", "confiscation"):
            out.extend(_languages(register, asked, on))
    elif kind == "transfer_proceedings":
        out.append(
            _(
                "Art. 21 only asks States Parties to consider transferring proceedings to one another: the "
                "transfer rests on the law of both States and any agreement between them."
            )
        )
    elif kind == "transfer_sentenced":
        out.append(
            _(
                "The Convention is not itself a legal basis for transferring sentenced persons: art. 17 only "
                "invites States Parties to consider agreements. The transfer rests on a bilateral or "
                "multilateral agreement between them or on an arrangement made case by case."
            )
        )
    elif kind == "joint_investigation":
        out.append(
            _(
                "A joint investigation team rests on a bilateral or multilateral agreement or arrangement "
                "between the two States; in the absence of one, on an agreement case by case (art. 19)."
            )
        )
    elif kind == "firearm_tracing":
        firearms = by_code["FIREARMS"]
        if firearms.in_force:
            out.append(
                _(
                    "Tracing under the Firearms Protocol (art. 12(4)): %(requested)s answers promptly with the "
                    "information it has; the request gives the firearm's markings (art. 8)."
                )
                % {"requested": requested}
            )
        else:
            out.append(
                _(
                    "Tracing under art. 12(4) of the Firearms Protocol needs both States to be parties to it, "
                    "in force for each on the date: it was not in force between them (see the reasons above)."
                )
            )
    elif kind == "vessel_boarding":
        smuggling = by_code["SOM"]
        if smuggling.in_force:
            out.append(
                _(
                    "%(requested)s, the flag State, is asked to confirm the registry and may authorise boarding "
                    "and searching the vessel (Smuggling of Migrants Protocol art. 8(2)); it answers "
                    "expeditiously (art. 8(4))."
                )
                % {"requested": requested}
            )
        else:
            out.append(
                _(
                    "Confirmation of registry and authorisation to board under art. 8 of the Smuggling of "
                    "Migrants Protocol needs the flag State (%(requested)s, the requested State) and the "
                    "requesting State to be parties to it, in force for each on the date: it was not in force "
                    "between them (see the reasons above)."
                )
                % {"requested": requested}
            )
    out.extend(_reservations(register, by_code, asking, asked, on))
    return out


def _article_16_5(register: Snapshot, asking, asked, on: date) -> list[str]:
    """What the requested State notified under art. 16(5) (the register) and, failing that, what its
    extradition authority says in the directory (when the snapshot read it)."""
    requested, requesting = register.name(asked), register.name(asking)
    notifications = register.extradition.get(asked.code, [])
    before = [n for n in notifications if n.date <= on]
    after = [n for n in notifications if n.date > on]
    out = []
    if before:
        latest = before[-1]
        values = {"state": requested, "date": register.day(latest.date), "requesting": requesting}
        if latest.uses_convention is True:
            out.append(
                _(
                    "%(state)s notified on %(date)s that it takes the Convention as the legal basis for "
                    "cooperation on extradition (art. 16(5)(a)): the Convention can serve as the legal basis "
                    "for extradition to %(requesting)s (art. 16(4))."
                )
                % values
            )
        elif latest.uses_convention is False:
            out.append(
                _(
                    "%(state)s notified on %(date)s that it does not take the Convention as the legal basis "
                    "for cooperation on extradition (art. 16(5)(a)): extradition to %(requesting)s needs "
                    "another treaty between them or rests on its law."
                )
                % values
            )
        else:
            out.append(
                _(
                    "%(state)s made a notification under art. 16(5) on %(date)s; the register does not say "
                    "whether it takes the Convention as the legal basis: read the notification."
                )
                % values
            )
    else:
        out.append(
            _("%(state)s had made no notification under art. 16(5) by %(on)s.")
            % {"state": requested, "on": register.day(on)}
        )
        requires = register.requires_treaty.get(asked.code)
        if requires is True:
            out.append(
                _(
                    "Its extradition authority extradites only on the basis of a treaty (directory): without "
                    "an extradition treaty with %(requesting)s, it may consider the Convention the legal "
                    "basis (art. 16(4))."
                )
                % {"requesting": requesting}
            )
        elif requires is False:
            out.append(
                _(
                    "Its extradition authority does not make extradition conditional on a treaty (directory): "
                    "the offences covered are extraditable between the two States (art. 16(6))."
                )
            )
        else:
            out.append(
                _(
                    "Whether it makes extradition conditional on a treaty is not known here: if it does, it "
                    "may consider the Convention the legal basis (art. 16(4))."
                )
            )
    if after:
        out.append(
            _("%(state)s notified under art. 16(5) on %(date)s, after %(on)s.")
            % {"state": requested, "date": register.day(after[0].date), "on": register.day(on)}
        )
    return out


def _languages(register: Snapshot, asked, on: date) -> list[str]:
    from palermo.core import language_codes

    before = [n for n in register.languages.get(asked.code, []) if n.date <= on]
    if not before:
        return []
    latest = before[-1]
    return [
        _(
            "%(state)s notified on %(date)s the languages acceptable for requests (art. 18(14)): %(languages)s."
        )
        % {
            "state": register.name(asked),
            "date": register.day(latest.date),
            "languages": listed(language_codes.names(list(latest.languages))),
        }
    ]


def _reservations(register: Snapshot, by_code, asking, asked, on: date) -> list[str]:
    out = []
    for code, basis in by_code.items():
        if not basis.in_force:
            continue
        for party in (asking, asked):
            for when, article in register.reservations.get((party.code, code), []):
                if when <= on:
                    values = {
                        "state": register.name(party),
                        "date": register.day(when),
                        "instrument": basis.title,
                        "article": article or "—",
                    }
                    out.append(
                        _(
                            "%(state)s made a reservation to the %(instrument)s on %(date)s (art. %(article)s)."
                        )
                        % values
                    )
    return out
