"""The labels of what a check finds: messages with parameters, translated when they are shown (a check
made in one language may be shown in another)."""

from __future__ import annotations

from typing import Any, cast

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

NUMBERED = {
    "offences": _("Offence %(number)s"),
    "persons": _("Person %(number)s"),
    "assistance": _("Assistance %(number)s"),
    "property": _("Property %(number)s"),
    "annexes": _("Annex %(number)s"),
}


def _render(template: Promise | str, params: dict[str, Any]) -> str:
    return str(template) % {name: str(value) for name, value in params.items()}


_render_lazy = lazy(_render, str)


def message(template: Promise, **params: Any) -> str:
    """A message with parameters, translated when it is shown."""
    return cast(str, _render_lazy(template, params))


def numbered(key: str, index: int) -> str:
    """ "Person 2": the entry at `index` (from 0) of the list `key` of the request, numbered from 1."""
    return message(NUMBERED[key], number=index + 1)


def _joined(first: Promise | str, second: Promise | str) -> str:
    return str(first) + pgettext("separator between a label and what follows it", ": ") + str(second)


_joined_lazy = lazy(_joined, str)


def of(what: Promise | str, label: Promise | str) -> str:
    """ "Offence 2: Crime type of the offence"."""
    return cast(str, _joined_lazy(what, label))
