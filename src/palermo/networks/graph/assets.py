"""Seizures, freezing and confiscation (UNTOC arts. 12-14): an investigation's AssetMeasure entities with
the asset each concerns, and their totals per measure, State, kind of asset and case, amounts converted to
the rate table's reporting currency on the measure's date (the earliest rate before the table begins; an
amount without a rate or currency is counted, not converted)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from palermo.networks.graph.build import InvestigationGraph
from palermo.networks.graph.elements import family
from palermo.networks.graph.rates import UNDATED, RateTable, day_number, normal_code
from palermo.networks.models import SourceState, Statement

MEASURES = ("seizure", "freezing", "confiscation")
PROPS = ("measureType", "asset", "case", "authority", "date", "startDate", "amount", "currency")


@dataclass
class Measure:
    entity_id: str
    measure: str  # seizure, freezing, confiscation ("" if not stated)
    asset: str | None  # the asset's canonical id, None if it is not in the investigation
    case: str | None
    authority: str
    day: str  # as written: 2025-05-12, 2025-05 or ""
    amount: float | None
    currency: str
    converted: float | None = None


@dataclass
class Totals:
    """Per key: how many measures, the converted sum, and how many amounts could not be converted."""

    count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    converted: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    unconverted: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, key: str, measure: Measure) -> None:
        self.count[key] += 1
        if measure.converted is not None:
            self.converted[key] += measure.converted
        elif measure.amount is not None:
            self.unconverted[key] += 1

    def rows(self) -> list[dict]:
        return [
            {
                "key": key,
                "count": self.count[key],
                "converted": round(self.converted.get(key, 0.0), 2),
                "unconverted": self.unconverted.get(key, 0),
            }
            for key in sorted(self.count, key=lambda key: (-self.converted.get(key, 0.0), key))
        ]


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if np.isfinite(value) else None


def _day(text: str) -> int:
    try:
        return day_number(date.fromisoformat(text[:10]))
    except ValueError:
        return UNDATED  # a partial date: the currency's latest rate


def asset_measures(built: InvestigationGraph, investigation_id: int, rates: RateTable) -> list[Measure]:
    """Every measure of the investigation's ready sources, in date order, with its converted amount."""
    rows = (
        Statement.objects.filter(
            investigation_id=investigation_id,
            schema="AssetMeasure",
            prop__in=PROPS,
            source__state=SourceState.READY,
        )
        .order_by("id")
        .values_list("entity_id", "prop", "value")
    )
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for entity_id, prop, value in rows:
        values[entity_id].setdefault(prop, value)  # the first stated value of each property
    canonical = _canonical_ids(investigation_id, {v for item in values.values() for v in item.values()})
    measures = [
        Measure(
            entity_id=entity_id,
            measure=item.get("measureType", ""),
            asset=canonical.get(item.get("asset", "")),
            case=canonical.get(item.get("case", "")),
            authority=item.get("authority", ""),
            day=item.get("date") or item.get("startDate") or "",
            amount=_number(item["amount"]) if "amount" in item else None,
            currency=normal_code(item.get("currency")) or "",
        )
        for entity_id, item in values.items()
    ]
    priced = [m for m in measures if m.amount is not None and m.currency]
    if priced:
        converted = rates.convert(
            np.array([m.amount for m in priced]),
            [m.currency for m in priced],
            np.array([_day(m.day) for m in priced], dtype=np.int64),
        )
        for measure, value in zip(priced, converted, strict=True):
            measure.converted = None if np.isnan(value) else float(value)
    return sorted(measures, key=lambda m: (m.day or "9999", m.entity_id))


def _canonical_ids(investigation_id: int, entity_ids: set[str]) -> dict[str, str]:
    from palermo.networks.models import Entity

    found: dict[str, str] = {}
    ids = sorted(entity_ids)
    for start in range(0, len(ids), 900):
        found.update(
            Entity.objects.filter(
                investigation_id=investigation_id, entity_id__in=ids[start : start + 900]
            ).values_list("entity_id", "canonical_id")
        )
    return found


def totals(built: InvestigationGraph, measures: list[Measure]) -> dict[str, Totals]:
    """Totals per measure, per State of the asset (an asset of several States counts in each), per kind
    of asset (account, wallet, company…) and per case."""
    by = {name: Totals() for name in ("measure", "state", "kind", "case")}
    for measure in measures:
        by["measure"].add(measure.measure, measure)
        vertex = built.vertex_of(measure.asset) if measure.asset else None
        asset = built.vertices[vertex] if vertex is not None else None
        for code in (asset.countries if asset is not None else ()) or ("",):
            by["state"].add(code, measure)
        by["kind"].add(family(asset.schema) if asset is not None else "", measure)
        by["case"].add(measure.case or "", measure)
    return by
