"""Entry into force of the Convention and its Protocols, generally and for each party.

UNTOC art. 38 and the Protocols' final clauses (TIP art. 17, SOM art. 22, Firearms art. 18):
- generally: the ninetieth day after the fortieth instrument of ratification, acceptance, approval or
  accession (a regional economic integration organization's instrument does not count); a Protocol not
  before the Convention;
- for a party consenting later: the thirtieth day after its deposit, not before the general date.
A Protocol cannot bind a party before the Convention binds it (UNTOC art. 37(2)), so for a Protocol the
date is also not before the Convention's date for that party.
"""

from datetime import date, timedelta

INSTRUMENTS_FOR_GENERAL_ENTRY_INTO_FORCE = 40
DAYS_AFTER_FORTIETH_INSTRUMENT = 90


def general_entry_into_force(consents: list[date], *, not_before: date | None = None) -> date | None:
    """The general date from the States' consent dates (REIOs excluded by the caller), or None if too few."""
    if len(consents) < INSTRUMENTS_FOR_GENERAL_ENTRY_INTO_FORCE:
        return None
    fortieth = sorted(consents)[INSTRUMENTS_FOR_GENERAL_ENTRY_INTO_FORCE - 1]
    in_force = fortieth + timedelta(days=DAYS_AFTER_FORTIETH_INSTRUMENT)
    return max(in_force, not_before) if not_before else in_force


def entry_into_force_for_party(
    *,
    consent: date | None,
    general: date | None,
    days_after_deposit: int = 30,
    convention_date_for_party: date | None = None,
    is_protocol: bool = False,
) -> date | None:
    """The date the instrument binds one party, or None (not a party, not yet in force, or Convention missing)."""
    if consent is None or general is None:
        return None
    in_force = max(general, consent + timedelta(days=days_after_deposit))
    if is_protocol:
        if convention_date_for_party is None:
            return None
        in_force = max(in_force, convention_date_for_party)
    return in_force
