"""Hit/no-hit: this investigation's entities that match an entity of another authority's investigation,
and other authorities' hits on this investigation's entities — each with only the authority to contact."""

from django.shortcuts import render

from palermo.networks.domain.hits import hits_found, hits_received
from palermo.networks.models import Entity
from palermo.networks.views.access import investigation_or_404


def _once(rows: list[tuple]) -> list[tuple]:
    """One row per own entity and authority: how many records the other side holds of a person is the
    other side's to know."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for row in rows:
        key = (row[1], row[3].pk)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def hits(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    found = list(hits_found(investigation)[:500])
    received = list(hits_received(investigation)[:500])
    # Only this investigation's own entities are named: each side reads its own canonical ids.
    own_ids = {hit.canonical_id for hit in found} | {hit.other_canonical_id for hit in received}
    captions: dict[str, str] = {}
    for canonical_id, caption in (
        Entity.objects.filter(investigation=investigation, canonical_id__in=own_ids)
        .order_by("entity_id")
        .values_list("canonical_id", "caption")
    ):
        captions.setdefault(canonical_id, caption)
    return render(
        request,
        "networks/hits.html",
        {
            "investigation": investigation,
            "found": _once(
                [
                    (
                        hit,
                        hit.canonical_id,
                        captions.get(hit.canonical_id, ""),
                        hit.other_investigation.authority,
                    )
                    for hit in found
                ]
            ),
            "received": _once(
                [
                    (
                        hit,
                        hit.other_canonical_id,
                        captions.get(hit.other_canonical_id, ""),
                        hit.investigation.authority,
                    )
                    for hit in received
                ]
            ),
        },
    )
