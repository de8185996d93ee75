"""What every part of the check shares: the request, its kind, today's date and the result so far, with
the ways to record an item and to read the request's lists and objects."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.domain.completeness.items import Check, Item
from palermo.cooperation.domain.completeness.lists import Need, step_of
from palermo.cooperation.domain.completeness.reading import present, value_at
from palermo.cooperation.domain.completeness.wording import of


class Recorder:
    """The base of the rules (kinds.py, scope.py, values.py) that the checker combines."""

    def __init__(self, content: Any, kind: str | None, today: date):
        self.content = content if isinstance(content, dict) else {}
        self.raw = content
        self.kind = kind if kind is not None else self.content.get("kind")
        self.today = today
        self.result = Check()

    # Recording

    def _item(self, key: str, reference: str, label: Promise | str, level: str) -> Item:
        return Item(key=key, step=step_of(key), reference=reference, label=cast(str, label), level=level)

    def _add(self, items: list[Item], item: Item) -> None:
        if not any(seen.key == item.key and str(seen.label) == str(item.label) for seen in items):
            items.append(item)

    def missing(self, key: str, reference: str, label: Promise | str) -> None:
        self._add(self.result.missing, self._item(key, reference, label, "missing"))

    def problem(self, key: str, reference: str, label: Promise | str) -> None:
        self._add(self.result.problems, self._item(key, reference, label, "problem"))

    def warning(self, key: str, reference: str, label: Promise | str) -> None:
        self._add(self.result.warnings, self._item(key, reference, label, "warning"))

    def needs(
        self, source: Any, needs: list[Need], prefix: str = "", what: Promise | str | None = None
    ) -> None:
        """Each need of the list that `source` does not meet, as missing (or a warning)."""
        for need in needs:
            if any(present(value_at(source, key)) for key in (need.key, *need.alternatives)):
                continue
            label = of(what, need.label) if what is not None else need.label
            (self.warning if need.warn else self.missing)(prefix + need.key, need.reference, label)

    # Shapes

    def listed(self, key: str, reference: str = "") -> list[tuple[int, dict]]:
        """The objects of a list of the request (index, object); a problem if it is not a list of objects."""
        value = self.content.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, reference, _("Must be a list"))
            return []
        found = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                found.append((index, entry))
            else:
                self.problem(f"{key}[{index}]", reference, _("Must be an object"))
        return found

    def entries(self, key: str) -> list[tuple[int, dict]]:
        """The objects of a list of the request (index, object), quietly: `listed` names wrong shapes."""
        value = self.content.get(key)
        if not isinstance(value, list):
            return []
        return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]

    def object(self, key: str) -> dict:
        value = self.content.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(key, "", _("Must be an object"))
            return {}
        return value
