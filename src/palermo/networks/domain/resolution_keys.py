"""Blocking keys of canonical entities, kept in a table so that pairs are found by a join, inside an
investigation and across investigations (hits), instead of comparing every entity with every other."""

import hashlib
from collections.abc import Sequence

from django.db.models import Count

from palermo.networks import matching
from palermo.networks.domain.resolution_proxies import proxies_for
from palermo.networks.models import BlockingKey, Investigation

# A key shared by more entities than this (a common surname, a placeholder identifier) finds nothing
# useful and would make the number of pairs grow with its square: it is left out, and the page says so.
KEY_CAP = 50
KEY_LENGTH = 255


def stored_key(key: str) -> str:
    """The key as the table holds it: long keys are replaced by their hash (same key, same hash)."""
    if len(key) <= KEY_LENGTH:
        return key
    return "sha1:" + hashlib.sha1(key.encode()).hexdigest()


def write_keys(
    investigation: Investigation, canonical_ids: Sequence[str], *, check_frequency: bool = False
) -> int:
    """Compute and store the keys of these canonical entities; returns how many were written. With
    `check_frequency`, each new key is marked frequent when the investigation already holds it too often
    (for entities recomputed outside a run)."""
    rows = []
    for canonical_id, proxy in proxies_for(investigation, canonical_ids).items():
        for key in sorted({stored_key(key) for key in matching.blocking_keys(proxy)}):
            rows.append(BlockingKey(investigation=investigation, canonical_id=canonical_id, key=key))
    if check_frequency and rows:
        keys = {row.key for row in rows}
        counts = dict(
            BlockingKey.objects.filter(investigation=investigation, key__in=keys)
            .values("key")
            .annotate(count=Count("id"))
            .values_list("key", "count")
        )
        for row in rows:
            row.frequent = counts.get(row.key, 0) + 1 > KEY_CAP
    BlockingKey.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def mark_frequent(investigation: Investigation, cap: int = KEY_CAP) -> int:
    """Mark the keys shared by more than `cap` canonical entities; returns how many keys that is."""
    frequent = (
        BlockingKey.objects.filter(investigation=investigation)
        .values("key")
        .annotate(count=Count("canonical_id", distinct=True))
        .filter(count__gt=cap)
        .values_list("key", flat=True)
    )
    keys = list(frequent)
    for start in range(0, len(keys), 500):
        BlockingKey.objects.filter(investigation=investigation, key__in=keys[start : start + 500]).update(
            frequent=True
        )
    return len(keys)


def partners(
    investigation: Investigation, canonical_ids: Sequence[str], *, later_only: bool = True
) -> dict[str, set[str]]:
    """For each of these canonical entities, the later ones (by id) of the same investigation sharing a
    key that is not frequent: every pair is found once, from its smaller side. With `later_only=False`,
    every other one."""
    mine = list(
        BlockingKey.objects.filter(
            investigation=investigation, canonical_id__in=canonical_ids, frequent=False
        ).values_list("canonical_id", "key")
    )
    by_key: dict[str, set[str]] = {}
    for canonical_id, key in mine:
        by_key.setdefault(key, set()).add(canonical_id)
    found: dict[str, set[str]] = {}
    keys = list(by_key)
    for start in range(0, len(keys), 500):
        sharing = BlockingKey.objects.filter(
            investigation=investigation, key__in=keys[start : start + 500], frequent=False
        ).values_list("key", "canonical_id")
        for key, other in sharing:
            for canonical_id in by_key[key]:
                if other > canonical_id or (not later_only and other != canonical_id):
                    found.setdefault(canonical_id, set()).add(other)
    return found
