"""Deduplicating a file of FtM entities (the `dedupe-entities` command): pairs by the same blocking keys
and scores as an investigation's candidates, clusters of the pairs at a threshold, one merged entity per
cluster; optionally the merges kept as judgements of an investigation."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from followthemoney import EntityProxy
from followthemoney.types import registry

from palermo.networks import matching
from palermo.networks.domain.investigations import audit
from palermo.networks.domain.resolution import ResolutionError, record
from palermo.networks.domain.resolution_components import Components, canonical_for, judged_apart, ordered
from palermo.networks.domain.resolution_keys import KEY_CAP
from palermo.networks.domain.resolution_proxies import make_proxy
from palermo.networks.models import Entity, Investigation, Verdict


@dataclass
class Deduplication:
    proxies: dict[str, EntityProxy]
    pairs: list[tuple[str, str, float]] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)

    def merged(self) -> Iterable[EntityProxy]:
        """One entity per cluster (properties unioned, id from the cluster), references rewritten."""
        new_id = {member: canonical_for(cluster) for cluster in self.clusters for member in cluster}
        for cluster in self.clusters:
            members = [self.proxies[member] for member in sorted(cluster)]
            values = [
                (prop.name, new_id.get(value, value) if prop.type == registry.entity else value)
                for proxy in members
                for prop, value in proxy.itervalues()
            ]
            yield make_proxy(new_id[cluster[0]], {proxy.schema.name for proxy in members}, values)


def deduplicate(proxies: dict[str, EntityProxy], threshold: float, cap: int = KEY_CAP) -> Deduplication:
    """Score every pair sharing a blocking key (keys shared by more than `cap` entities left out) and
    cluster the pairs scoring at least `threshold`."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for entity_id in sorted(proxies):
        for key in matching.blocking_keys(proxies[entity_id]):
            by_key[key].append(entity_id)
    compared: set[tuple[str, str]] = set()
    profiles = {entity_id: matching.profile(proxy) for entity_id, proxy in proxies.items()}
    result = Deduplication(proxies)
    components = Components()
    for ids in by_key.values():
        if len(ids) < 2 or len(ids) > cap:
            continue
        for index, left in enumerate(ids):
            for right in ids[index + 1 :]:
                pair = ordered(left, right)
                if pair in compared:
                    continue
                compared.add(pair)
                score = float(matching.score_pair(profiles[pair[0]], profiles[pair[1]]).score)
                if score >= threshold:
                    result.pairs.append((pair[0], pair[1], round(score, 4)))
                    components.join(*pair)
    groups: dict[str, list[str]] = defaultdict(list)
    for entity_id in sorted(proxies):
        groups[components.find(entity_id)].append(entity_id)
    result.clusters = sorted(groups.values(), key=lambda cluster: cluster[0])
    return result


@transaction.atomic
def keep_judgements(
    *, investigation: Investigation, pairs: list[tuple[str, str, float]], user, file: str
) -> dict:
    """The pairs as positive judgements of the investigation, for the entities it holds; the pairs already
    the same entity, judged apart, or naming entities it lacks are counted and skipped. One audit entry."""
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    counts = {"judgements": 0, "already_same": 0, "judged_apart": 0, "not_in_investigation": 0}
    for left, right, score in pairs:
        canonical = dict(
            Entity.objects.filter(investigation=investigation, entity_id__in=[left, right]).values_list(
                "entity_id", "canonical_id"
            )
        )
        if len(canonical) < 2:
            counts["not_in_investigation"] += 1
            continue
        if canonical[left] == canonical[right]:
            counts["already_same"] += 1
            continue
        if ordered(canonical[left], canonical[right]) in judged_apart(investigation):
            counts["judged_apart"] += 1
            continue
        try:
            record(
                investigation=investigation,
                left=canonical[left],
                right=canonical[right],
                verdict=Verdict.POSITIVE,
                user=user,
                score=score,
            )
        except ResolutionError:
            counts["judged_apart"] += 1
            continue
        counts["judgements"] += 1
    audit(
        "networks.entities.deduplicated",
        investigation=investigation,
        actor=user,
        data={"file": file[:200], "pairs": len(pairs), **counts},
    )
    return counts
