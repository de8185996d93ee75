"""Screening an investigation against its authority's watch lists, a background job ("networks.screen"):
each canonical person, company, organisation, vessel or wallet is compared with the listed entities that
share a blocking key with it, and scored by entity resolution's matcher (networks/matching); a pair that
reaches the matcher's threshold for "the same" is a hit. Analysts confirm or dismiss hits; a new
screening keeps their decisions and drops unreviewed hits that no longer match.

Screening runs by itself when a list is loaded and after each search for candidates (which follows every
import), and when an analyst asks for it."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from palermo.core.jobs import JobContext, enqueue
from palermo.core.models.jobs import Job, JobState
from palermo.networks import matching
from palermo.networks.domain.investigations import audit
from palermo.networks.domain.resolution_proxies import (
    canonical_batches,
    canonical_count,
    make_proxy,
    proxies_for,
)
from palermo.networks.domain.watch_lists import screened
from palermo.networks.models import (
    Decision,
    Investigation,
    ListedEntity,
    ListedKey,
    ScreeningHit,
    SourceState,
    WatchList,
)

JOB_KIND = "networks.screen"
BATCH = 500
KEYS_PER_QUERY = 500


def screenings(investigation: Investigation):
    return Job.objects.filter(kind=JOB_KIND, params__investigation=investigation.pk)


def latest_screening(investigation: Investigation) -> Job | None:
    return screenings(investigation).order_by("-created_at", "-id").first()


def ready_lists(authority):
    return WatchList.objects.filter(authority=authority, state=SourceState.READY)


@transaction.atomic
def start_screening(*, investigation: Investigation, user, request=None) -> Job:
    """Queue a screening, unless one is queued already (then that one: it will read the lists as they are
    when it starts)."""
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    queued = screenings(investigation).filter(state=JobState.QUEUED).first()
    if queued is not None:
        return queued
    from palermo.networks import jobs  # noqa: F401  (registers the job kind)

    job = enqueue(kind=JOB_KIND, params={"investigation": investigation.pk}, user=user, unit="entities")
    audit("networks.screening.started", investigation=investigation, actor=user, data={}, request=request)
    return job


def screen_authority(authority, *, user) -> int:
    """Screen every investigation of the authority (a list was loaded); returns how many."""
    investigations = list(Investigation.objects.filter(authority=authority))
    for investigation in investigations:
        start_screening(investigation=investigation, user=user)
    return len(investigations)


def screen_if_lists(investigation: Investigation, *, user) -> Job | None:
    """Screen the investigation if its authority has a list (after a search for candidates)."""
    if not ready_lists(investigation.authority_id).exists():
        return None
    return start_screening(investigation=investigation, user=user)


def listed_profile(listed: ListedEntity) -> matching.Profile:
    values = [(prop, value) for prop, values in listed.properties.items() for value in values]
    return matching.profile(make_proxy(listed.entity_id, [listed.schema], values))


def screen(ctx: JobContext) -> dict:
    investigation = Investigation.objects.get(pk=ctx.params["investigation"])
    lists = list(ready_lists(investigation.authority_id).values_list("pk", flat=True))
    total = canonical_count(investigation) if lists else 0
    ctx.progress(0, total, note=gettext_noop("Comparing entities with the watch lists"))
    found: dict[tuple[str, int], float] = {}
    listed_profiles: dict[int, matching.Profile] = {}
    done = 0
    for batch in canonical_batches(investigation, size=BATCH) if lists else []:
        found.update(_screen_batch(investigation, batch, lists, listed_profiles))
        done += len(batch)
        ctx.progress(done, total)
        if len(listed_profiles) > 50_000:
            listed_profiles.clear()
    counts = _record(investigation, found)
    ctx.progress(total, total, note="")
    audit("networks.screening.finished", investigation=investigation, actor=None, data=counts)
    return {"lists": len(lists), "entities": total, **counts}


def _screen_batch(
    investigation: Investigation, batch: list[str], lists: list[int], listed_profiles: dict
) -> dict[tuple[str, int], float]:
    proxies = {
        cid: proxy for cid, proxy in proxies_for(investigation, batch).items() if screened(proxy.schema)
    }
    by_key: dict[str, set[str]] = defaultdict(set)
    for canonical_id, proxy in proxies.items():
        for key in matching.blocking_keys(proxy):
            by_key[key[:200]].add(canonical_id)
    pairs: set[tuple[str, int]] = set()
    keys = sorted(by_key)
    for start in range(0, len(keys), KEYS_PER_QUERY):
        rows = ListedKey.objects.filter(
            key__in=keys[start : start + KEYS_PER_QUERY], watch_list_id__in=lists
        ).values_list("key", "listed_id")
        for key, listed_id in rows:
            pairs.update((canonical_id, listed_id) for canonical_id in by_key[key])
    wanted = sorted({listed_id for _cid, listed_id in pairs} - set(listed_profiles))
    for start in range(0, len(wanted), KEYS_PER_QUERY):
        for listed in ListedEntity.objects.filter(pk__in=wanted[start : start + KEYS_PER_QUERY]):
            listed_profiles[listed.pk] = listed_profile(listed)
    mine = {canonical_id: matching.profile(proxy) for canonical_id, proxy in proxies.items()}
    threshold = matching.DEFAULT_THRESHOLD
    found = {}
    for canonical_id, listed_id in sorted(pairs):
        score = float(matching.score_pair(mine[canonical_id], listed_profiles[listed_id]).score)
        if score >= threshold:
            found[(canonical_id, listed_id)] = round(score, 4)
    return found


@transaction.atomic
def _record(investigation: Investigation, found: dict[tuple[str, int], float]) -> dict:
    """Hits found now are kept or added with their score; unreviewed hits not found again go."""
    now = timezone.now()
    existing = {(hit.canonical_id, hit.listed_id): hit for hit in investigation.screening_hits.all()}
    new = []
    for (canonical_id, listed_id), score in found.items():
        hit = existing.get((canonical_id, listed_id))
        if hit is None:
            new.append(
                ScreeningHit(
                    investigation=investigation,
                    canonical_id=canonical_id,
                    listed_id=listed_id,
                    score=score,
                    found_at=now,
                )
            )
        elif hit.score != score:
            hit.score = score
            hit.save(update_fields=["score"])
    ScreeningHit.objects.bulk_create(new)
    gone = [hit.pk for key, hit in existing.items() if key not in found and hit.decision == Decision.OPEN]
    ScreeningHit.objects.filter(pk__in=gone).delete()
    return {"hits": len(found), "new": len(new), "dropped": len(gone)}


@transaction.atomic
def decide(*, hit: ScreeningHit, decision: str, user, request=None) -> None:
    if decision not in Decision.values:
        raise ValueError(decision)
    hit.decision = decision
    hit.decided_by = user if decision != Decision.OPEN else None
    hit.decided_at = timezone.now() if decision != Decision.OPEN else None
    hit.save(update_fields=["decision", "decided_by", "decided_at"])
    audit(
        "networks.screening.decided",
        investigation=hit.investigation,
        actor=user,
        data={"hit": hit.pk, "decision": decision, "list": hit.listed.watch_list_id},
        request=request,
    )
