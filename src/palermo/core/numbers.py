"""Whole numbers typed into forms, sent to the API or read from files, taken only within the range that
an integer column holds on every supported database: anything else ("abc", "1e400", 10**30, a list) is
refused with a message that names the field, never a server error."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_INT = 2**31 - 1  # the largest value of an integer column on PostgreSQL (SQLite holds more)


class InvalidNumber(ValueError):
    """Not a whole number within bounds; str() names the field and says what is wrong (for people)."""

    def __init__(self, field: str, problem: str):
        super().__init__(_("%(field)s: %(problem)s") % {"field": field, "problem": problem})
        self.field = field
        self.problem = problem


def whole_number(
    value, *, field: str, default: int | None = None, minimum: int = 0, maximum: int = MAX_INT
) -> int:
    """`value` (text or a number) as an int from `minimum` to `maximum`; `default` when it is absent and a
    default is given. Raises InvalidNumber naming `field` otherwise."""
    if value in (None, "") and default is not None:
        return default
    try:
        return forms.IntegerField(min_value=minimum, max_value=maximum).clean(value)
    except ValidationError as error:
        raise InvalidNumber(field, " ".join(error.messages)) from None


def number_or_none(value, *, minimum: int = 0, maximum: int = MAX_INT) -> int | None:
    """`value` as a whole number within bounds, or None when it is not one (for a filter that then filters
    nothing, or a comparison that is left out)."""
    try:
        return whole_number(value, field="", minimum=minimum, maximum=maximum)
    except InvalidNumber:
        return None
