"""A search for candidates ("networks.resolve", a background job): canonical ids from the judgements, the
blocking keys of every canonical entity, then every pair sharing a key scored, then (if the investigation
takes part) hits in other investigations. Resumable: the checkpoint names the phase and the last
canonical id done, and whatever a killed run wrote past it is removed before going on."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from palermo.core.jobs import JobContext, enqueue
from palermo.core.models.jobs import ACTIVE_STATES, JobState
from palermo.networks import matching
from palermo.networks.domain import hits as hit_search
from palermo.networks.domain.investigations import audit
from palermo.networks.domain.resolution_components import judged_apart, ordered, recompute_all
from palermo.networks.domain.resolution_keys import mark_frequent, partners, write_keys
from palermo.networks.domain.resolution_proxies import canonical_batches, canonical_count, profiles_for
from palermo.networks.domain.screening import screen_if_lists
from palermo.networks.models import BlockingKey, Candidate, Investigation, ResolutionRun

JOB_KIND = "networks.resolve"
# Pairs scoring this or less are not worth an analyst's time (two people who share only a first name
# score 0.5); the page filters higher if asked.
CANDIDATE_FLOOR = 0.5
BATCH = 500


def active_run(investigation: Investigation) -> ResolutionRun | None:
    """The run still queued or running, if any."""
    return (
        ResolutionRun.objects.filter(investigation=investigation, job__state__in=ACTIVE_STATES)
        .select_related("job")
        .first()
    )


def latest_run(investigation: Investigation) -> ResolutionRun | None:
    return ResolutionRun.objects.filter(investigation=investigation).select_related("job").first()


@transaction.atomic
def start_run(*, investigation: Investigation, user, request=None) -> ResolutionRun:
    """Queue a search for candidates, unless one is queued already (then that one). While one is running,
    it is marked to be followed by a new one: it may have read the entities before the change that asks."""
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    running = active_run(investigation)
    if running is not None:
        if running.job is not None and running.job.state == JobState.RUNNING and not running.again:
            running.again = True
            running.save(update_fields=["again"])
        return running
    from palermo.networks import jobs_resolution  # noqa: F401  (registers the job kind)

    run = ResolutionRun.objects.create(
        investigation=investigation, started_by=user if _person(user) else None
    )
    run.job = enqueue(kind=JOB_KIND, params={"investigation": investigation.pk, "run": run.pk}, user=user)
    run.save(update_fields=["job"])
    audit(
        "networks.resolution.started",
        investigation=investigation,
        actor=user,
        data={"run": run.pk},
        request=request,
    )
    return run


def _person(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def resolve(ctx: JobContext) -> dict:
    """The job's body (see the module's docstring). Progress notes are stored untranslated: the progress
    part translates them for each reader."""
    run = ResolutionRun.objects.select_related("investigation", "started_by").get(pk=ctx.params["run"])
    investigation = run.investigation
    checkpoint = dict(ctx.checkpoint)
    phase = checkpoint.get("phase", "start")
    total = canonical_count(investigation)
    if phase == "start":
        with transaction.atomic():
            recompute_all(investigation)
            BlockingKey.objects.filter(investigation=investigation).delete()
            Candidate.objects.filter(investigation=investigation, judgement__isnull=True).delete()
        total = canonical_count(investigation)
        checkpoint = {"phase": "keys", "after": "", "done": 0}
        ctx.progress(0, total, checkpoint=checkpoint, note=gettext_noop("Computing blocking keys"))
    if checkpoint["phase"] == "keys":
        if not _keys(ctx, investigation, checkpoint, total):
            return {}
        with transaction.atomic():
            run.capped_key_count = mark_frequent(investigation)
            run.entity_count = total
            run.save(update_fields=["capped_key_count", "entity_count"])
        checkpoint = {"phase": "pairs", "after": "", "done": 0}
        ctx.progress(0, total, checkpoint=checkpoint, note=gettext_noop("Scoring pairs"))
    if checkpoint["phase"] == "pairs":
        if not _pairs(ctx, run, checkpoint, total):
            return {}
        checkpoint = {"phase": "hits", "after": "", "done": 0}
        ctx.progress(
            0, total, checkpoint=checkpoint, note=gettext_noop("Looking for hits in other investigations")
        )
    if checkpoint["phase"] == "hits" and not _hits(ctx, run, checkpoint, total):
        return {}
    return _finish(run)


def _keys(ctx: JobContext, investigation: Investigation, checkpoint: dict, total: int) -> bool:
    after, done = checkpoint["after"], checkpoint["done"]
    # A killed run may have written keys past its checkpoint.
    BlockingKey.objects.filter(investigation=investigation, canonical_id__gt=after).delete()
    for batch in canonical_batches(investigation, after=after, size=BATCH):
        with transaction.atomic():
            write_keys(investigation, batch)
        done += len(batch)
        ctx.progress(done, total, checkpoint={"phase": "keys", "after": batch[-1], "done": done})
        if ctx.should_stop():
            return False
    return True


def _pairs(ctx: JobContext, run: ResolutionRun, checkpoint: dict, total: int) -> bool:
    investigation = run.investigation
    after, done = checkpoint["after"], checkpoint["done"]
    Candidate.objects.filter(investigation=investigation, judgement__isnull=True, left_id__gt=after).delete()
    # Judged the same: one canonical entity, never a pair; judged apart or unsure: left out here.
    apart = judged_apart(investigation)
    profiles = ProfileCache(investigation)
    for batch in canonical_batches(investigation, after=after, size=BATCH):
        found = partners(investigation, batch)
        pairs = [
            (left, right)
            for left in batch
            for right in sorted(found.get(left, ()))
            if ordered(left, right) not in apart
        ]
        loaded = profiles.load({entity_id for pair in pairs for entity_id in pair})
        rows = candidate_rows(investigation, run, pairs, loaded)
        with transaction.atomic():
            Candidate.objects.bulk_create(rows)
        profiles.forget(up_to=batch[-1])
        done += len(batch)
        ctx.progress(done, total, checkpoint={"phase": "pairs", "after": batch[-1], "done": done})
        if ctx.should_stop():
            return False
    return True


class ProfileCache:
    """Profiles of canonical entities kept from one batch to the next: an entity met as a partner is met
    again as a member of a later batch (pairs are found from their smaller side, batches go in id order),
    so reading and profiling it once saves a third of a search's time. Bounded: the oldest go first."""

    SIZE = 50_000

    def __init__(self, investigation: Investigation):
        self.investigation = investigation
        self.kept: dict[str, matching.Profile] = {}

    def load(self, ids: set[str]) -> dict[str, matching.Profile]:
        missing = ids - self.kept.keys()
        if missing:
            self.kept.update(profiles_for(self.investigation, missing))
        loaded = {entity_id: self.kept[entity_id] for entity_id in ids if entity_id in self.kept}
        for entity_id in list(self.kept)[: max(0, len(self.kept) - self.SIZE)]:
            del self.kept[entity_id]
        return loaded

    def forget(self, *, up_to: str) -> None:
        """Entities up to this id are never needed again: later pairs are all of later ids."""
        for entity_id in [entity_id for entity_id in self.kept if entity_id <= up_to]:
            del self.kept[entity_id]


def rescore(investigation: Investigation, canonical_ids) -> int:
    """Open candidates for these canonical entities (the parts of a component just split) with every
    entity they share a key with, as a search would propose them, so that undoing a merge loses no open
    pair until the next search. Inside the caller's transaction; returns how many were added."""
    ids = sorted(set(canonical_ids))
    found = partners(investigation, ids, later_only=False)
    pairs = {ordered(left, right) for left, rights in found.items() for right in rights}
    pairs -= judged_apart(investigation)
    pairs -= set(
        Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
        .filter(Q(left_id__in=ids) | Q(right_id__in=ids))
        .values_list("left_id", "right_id")
    )
    if not pairs:
        return 0
    profiles = profiles_for(investigation, {entity_id for pair in pairs for entity_id in pair})
    rows = candidate_rows(investigation, None, sorted(pairs), profiles)
    Candidate.objects.bulk_create(rows)
    return len(rows)


def candidate_rows(
    investigation: Investigation,
    run: ResolutionRun | None,
    pairs: list[tuple[str, str]],
    profiles: dict[str, matching.Profile],
) -> list[Candidate]:
    """The pairs scoring above the floor, as open candidates (not saved); pairs of entities no longer
    there are left out."""
    rows = []
    for left, right in pairs:
        if left not in profiles or right not in profiles:
            continue
        scored = matching.score_pair(profiles[left], profiles[right])
        if scored.score > CANDIDATE_FLOOR:
            rows.append(_candidate(investigation, run, profiles[left].proxy, profiles[right].proxy, scored))
    return rows


def _candidate(investigation: Investigation, run: ResolutionRun | None, left, right, scored) -> Candidate:
    model_schema = left.schema if left.schema.is_a(right.schema) else right.schema
    return Candidate(
        investigation=investigation,
        left_id=left.id,
        right_id=right.id,
        schema=model_schema.name,
        left_caption=left.caption[:500],
        right_caption=right.caption[:500],
        score=round(float(scored.score), 4),
        features=features_json(scored.features),
        run=run,
    )


def features_json(features) -> list[dict]:
    """The features as stored: explanations in English (pages score again, in the reader's language)."""
    from django.utils.translation import override

    with override("en"):
        return [
            {
                "name": feature.name,
                "weight": feature.weight,
                "value": feature.value,
                "left_values": list(feature.left_values),
                "right_values": list(feature.right_values),
                "explanation": str(feature.explanation),
            }
            for feature in features
        ]


def _hits(ctx: JobContext, run: ResolutionRun, checkpoint: dict, total: int) -> bool:
    investigation = run.investigation
    if not investigation.hit_notices:
        return True
    after, done = checkpoint["after"], checkpoint["done"]
    others = hit_search.searchable_investigations(investigation, run.started_by)
    for batch in canonical_batches(investigation, after=after, size=BATCH):
        if others:
            with transaction.atomic():
                hit_search.search_batch(run, batch, others)
        done += len(batch)
        ctx.progress(done, total, checkpoint={"phase": "hits", "after": batch[-1], "done": done})
        if ctx.should_stop():
            return False
    hit_search.notify_new_hits(run)
    return True


def _finish(run: ResolutionRun) -> dict:
    investigation = run.investigation
    with transaction.atomic():
        # With the investigation locked, a start_run now either sees this run ended or marks it `again`.
        Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
        run.candidate_count = Candidate.objects.filter(run=run, judgement__isnull=True).count()
        run.hit_count = run.investigation.hits.filter(run=run).count()
        run.finished_at = timezone.now()
        run.save(update_fields=["candidate_count", "hit_count", "finished_at"])
        summary = {
            "run": run.pk,
            "candidates": run.candidate_count,
            "hits": run.hit_count,
            "capped_keys": run.capped_key_count,
        }
        audit("networks.resolution.finished", investigation=investigation, actor=None, data=summary)
        screen_if_lists(investigation, user=run.started_by)
        if ResolutionRun.objects.filter(pk=run.pk, again=True).exists():
            _follow_up(run)
    return summary


def _follow_up(run: ResolutionRun) -> None:
    """The run asked for again while it ran: queue the next one (its job starts after this one ends)."""
    from palermo.networks import jobs_resolution  # noqa: F401  (registers the job kind)

    following = ResolutionRun.objects.create(investigation=run.investigation, started_by=run.started_by)
    following.job = enqueue(
        kind=JOB_KIND,
        params={"investigation": run.investigation_id, "run": following.pk},
        user=run.started_by,
    )
    following.save(update_fields=["job"])
