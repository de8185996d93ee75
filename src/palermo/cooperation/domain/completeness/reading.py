"""Reading the values of a request: whether one is given, dates, State codes, IMO numbers, penalties and
the knowledge taxonomy's crime types."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

MAX_PENALTY_YEARS = 150  # beyond any maximum penalty for a single offence: a typing error
TRANSNATIONAL_LETTERS = ("a", "b", "c", "d")
IMO = re.compile(r"^(?:IMO\s*)?(\d{7})$", re.IGNORECASE)


def value_at(source: Any, dotted: str) -> Any:
    """The value at a dotted path ("particulars.person") of `source`, None where there is none."""
    value = source
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def present(value: Any) -> bool:
    """Given: not None, not blank text, not an empty list or object."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def as_text(value: Any) -> str | None:
    """A value compared with a list of codes: text, or None for anything else (a list is not a code)."""
    return value if isinstance(value, str) else None


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of every country or area the UN names (M49) and of the parties (the EU)."""
    from palermo.register.domain.party_names import un_names

    return frozenset(un_names())


def crime_types() -> tuple[set[str], dict[str, str]] | None:
    """The knowledge taxonomy's crime-type slugs and renamed slugs (old -> current), or None when the
    database (or the taxonomy) is not available: crime types are then not checked."""
    try:
        from django.db import DatabaseError

        from palermo.knowledge.models import Term

        try:
            terms = list(
                Term.objects.current().filter(vocabulary="crime_type").values_list("slug", "former_slugs")
            )
        except DatabaseError:
            return None
    except Exception:  # no database at all: a test without one, a command without settings
        return None
    if not terms:
        return None
    current = {slug for slug, _former in terms}
    renamed = {old: slug for slug, former in terms for old in (former or []) if old not in current}
    return current, renamed


def iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
    except ValueError:
        return None


def iso_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        found = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    return found if "T" in text or " " in text else None


def imo_valid(number: str) -> bool:
    """IMO ship identification number: seven digits, the last a check digit (digits times 7..2, mod 10)."""
    found = IMO.match(number.strip())
    if not found:
        return False
    digits = [int(d) for d in found.group(1)]
    return sum(d * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10 == digits[6]


def penalty_ok(value: Any) -> bool:
    """A maximum penalty: "life" or a number of years from 0 to MAX_PENALTY_YEARS."""
    if value == "life":
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 <= value <= MAX_PENALTY_YEARS
