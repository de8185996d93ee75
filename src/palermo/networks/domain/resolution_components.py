"""Canonical entities from judgements: the positive judgements join entities into connected components;
each component has one canonical id, written on every member. A negative (or unsure) judgement between
two components means no pair across them is proposed again."""

import hashlib
from collections.abc import Iterable

from django.db.models import F, Q

from palermo.networks.domain.resolution_keys import write_keys
from palermo.networks.models import (
    BlockingKey,
    Candidate,
    Entity,
    Hit,
    Investigation,
    Judgement,
    Verdict,
    graph_changed,
)

PREFIX = "pal-"


def canonical_for(members: Iterable[str]) -> str:
    """A component's id: a single entity keeps its own; several take a hash of the smallest member's id,
    so that the id stays while members join and comes back when a merge is undone."""
    ordered = sorted(members)
    if len(ordered) == 1:
        return ordered[0]
    return PREFIX + hashlib.sha1(ordered[0].encode()).hexdigest()


class Components:
    """Union-find over entity ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, left: str, right: str) -> None:
        self.parent[self.find(left)] = self.find(right)


def positive_components(investigation: Investigation) -> Components:
    components = Components()
    pairs = (
        active_judgements(investigation).filter(verdict=Verdict.POSITIVE).values_list("left_id", "right_id")
    )
    for left, right in pairs.iterator():
        components.join(left, right)
    return components


def active_judgements(investigation: Investigation):
    return Judgement.objects.filter(investigation=investigation, undone_at__isnull=True)


def ordered(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left < right else (right, left)


def judged_apart(investigation: Investigation) -> set[tuple[str, str]]:
    """Pairs of canonical ids (ordered) with a negative or unsure judgement between their members."""
    rows = list(
        active_judgements(investigation).exclude(verdict=Verdict.POSITIVE).values_list("left_id", "right_id")
    )
    ids = {entity_id for row in rows for entity_id in row}
    canonical = dict(
        Entity.objects.filter(investigation=investigation, entity_id__in=ids).values_list(
            "entity_id", "canonical_id"
        )
    )
    return {ordered(canonical.get(left, left), canonical.get(right, right)) for left, right in rows}


def representative(investigation: Investigation, canonical_id: str) -> str:
    """The member a judgement names: the smallest entity id of the component."""
    first = (
        Entity.objects.filter(investigation=investigation, canonical_id=canonical_id)
        .order_by("entity_id")
        .values_list("entity_id", flat=True)
        .first()
    )
    if first is None:
        raise Entity.DoesNotExist(canonical_id)
    return first


def caption_of(investigation: Investigation, canonical_id: str) -> str:
    entity = (
        Entity.objects.filter(investigation=investigation, canonical_id=canonical_id)
        .order_by("entity_id")
        .values_list("caption", flat=True)
        .first()
    )
    return entity or ""


def rename(investigation: Investigation, renamed: dict[str, str]) -> None:
    """Write new canonical ids where the old ones were: entities, blocking keys, hits both ways."""
    for old, new in renamed.items():
        if old == new:
            continue
        BlockingKey.objects.filter(investigation=investigation, canonical_id=old).update(canonical_id=new)
        # Two entities merged may each have had a hit on the same entity elsewhere: one hit remains.
        mine = Hit.objects.filter(investigation=investigation)
        for twin in mine.filter(canonical_id=new).values("other_investigation", "other_canonical_id"):
            mine.filter(canonical_id=old, **twin).delete()
        mine.filter(canonical_id=old).update(canonical_id=new)
        theirs = Hit.objects.filter(other_investigation=investigation)
        for other in theirs.filter(other_canonical_id=new).values("investigation", "canonical_id"):
            theirs.filter(other_canonical_id=old, **other).delete()
        theirs.filter(other_canonical_id=old).update(other_canonical_id=new)


def merge(investigation: Investigation, left: str, right: str) -> str:
    """Join two canonical entities into one; returns its canonical id."""
    members = list(
        Entity.objects.filter(investigation=investigation, canonical_id__in=[left, right]).values_list(
            "entity_id", flat=True
        )
    )
    merged = canonical_for(members)
    Entity.objects.filter(investigation=investigation, entity_id__in=members).update(canonical_id=merged)
    graph_changed(investigation.pk)
    rename(investigation, {left: merged, right: merged})
    refresh_open_candidates(investigation, {left: merged, right: merged})
    return merged


def split(investigation: Investigation, canonical_id: str) -> dict[str, str]:
    """Recompute one component from the positive judgements left; returns entity_id -> new canonical id.
    Its open candidates go (scored against the whole), its blocking keys are recomputed."""
    members = list(
        Entity.objects.filter(investigation=investigation, canonical_id=canonical_id).values_list(
            "entity_id", flat=True
        )
    )
    components = positive_components(investigation)
    groups: dict[str, list[str]] = {}
    for member in members:
        groups.setdefault(components.find(member), []).append(member)
    new_ids: dict[str, str] = {}
    for group in groups.values():
        new = canonical_for(group)
        Entity.objects.filter(investigation=investigation, entity_id__in=group).update(canonical_id=new)
        new_ids.update(dict.fromkeys(group, new))
    graph_changed(investigation.pk)
    if members:  # hits follow the smallest member, whose component keeps the id if it is still a group
        rename(investigation, {canonical_id: new_ids[min(members)]})
    Candidate.objects.filter(investigation=investigation, judgement__isnull=True).filter(
        _touching([canonical_id])
    ).delete()
    BlockingKey.objects.filter(investigation=investigation, canonical_id__in=set(new_ids.values())).delete()
    write_keys(investigation, sorted(set(new_ids.values())), check_frequency=True)
    return new_ids


def _touching(canonical_ids) -> Q:
    return Q(left_id__in=canonical_ids) | Q(right_id__in=canonical_ids)


def refresh_open_candidates(investigation: Investigation, renamed: dict[str, str]) -> None:
    """Open candidates of renamed canonical entities name the new ids; those that became one entity, are
    judged apart, or repeat another pair go."""
    touched = Candidate.objects.filter(investigation=investigation, judgement__isnull=True).filter(
        _touching(list(renamed))
    )
    rows = list(touched)
    if not rows:
        return
    apart = judged_apart(investigation)
    existing = set(
        Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
        .exclude(pk__in=[row.pk for row in rows])
        .filter(_touching(list(set(renamed.values()))))
        .values_list("left_id", "right_id")
    )
    Candidate.objects.filter(pk__in=[row.pk for row in rows]).delete()
    keep: dict[tuple[str, str], Candidate] = {}
    for row in rows:
        left, right = renamed.get(row.left_id, row.left_id), renamed.get(row.right_id, row.right_id)
        if left == right:
            continue
        pair = ordered(left, right)
        if pair in apart or pair in existing:
            continue
        if pair in keep and keep[pair].score >= row.score:
            continue
        row.pk = None
        row.left_id, row.right_id = pair
        row.left_caption = caption_of(investigation, pair[0])
        row.right_caption = caption_of(investigation, pair[1])
        keep[pair] = row
    Candidate.objects.bulk_create(keep.values())


def recompute_all(investigation: Investigation) -> int:
    """Canonical ids of every entity from the active positive judgements (after imports, which add
    entities with their own id as canonical); returns how many entities changed."""
    components = positive_components(investigation)
    linked = set(components.parent)
    groups: dict[str, list[str]] = {}
    present = Entity.objects.filter(investigation=investigation, entity_id__in=linked).values_list(
        "entity_id", flat=True
    )
    for entity_id in present:
        groups.setdefault(components.find(entity_id), []).append(entity_id)
    changed = 0
    for group in groups.values():
        changed += (
            Entity.objects.filter(investigation=investigation, entity_id__in=group)
            .exclude(canonical_id=canonical_for(group))
            .update(canonical_id=canonical_for(group))
        )
    # Entities in no positive judgement are their own canonical entity.
    changed += (
        Entity.objects.filter(investigation=investigation)
        .exclude(entity_id__in=linked)
        .exclude(canonical_id=F("entity_id"))
        .update(canonical_id=F("entity_id"))
    )
    return changed
