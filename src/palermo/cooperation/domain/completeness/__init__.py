"""Completeness checks of a request for international cooperation, written in the request format of
docs/cooperation.md: what the request's kind requires that it does not say yet ("missing", each named by
its article and paragraph), what it says wrongly ("problems": a date that is not a date, an unknown State
code, a deadline already past), and what deserves a second look ("warnings": the offence may not be a
serious crime under art. 2(b), nothing shows that it is transnational under art. 3(2)).

A draft may be saved whatever the check says; it can be marked ready only when `check(...).complete`.
The lists of what each kind requires are data, in `lists.py`; the check runs in `checker.py` the rules of
`values.py` (values whatever the kind), `kinds.py` (what each kind requires) and `scope.py` (offences,
serious crime, transnationality), and reports `items.py`'s `Check`.
"""

from palermo.cooperation.domain.completeness.checker import check
from palermo.cooperation.domain.completeness.items import Check, Item
from palermo.cooperation.domain.completeness.lists import (
    FORMS,
    MEASURES,
    PERSON_ROLES,
    PROTECTIONS,
    STEP_OF_KEY,
    STEPS,
    step_of,
)

__all__ = [
    "FORMS",
    "MEASURES",
    "PERSON_ROLES",
    "PROTECTIONS",
    "STEPS",
    "STEP_OF_KEY",
    "Check",
    "Item",
    "check",
    "step_of",
]
