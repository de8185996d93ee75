"""Judgements on candidate pairs: same, not the same, unsure — by the analysts and leads of the
investigation (or the system, from the command line), with who and when, audited by numbers only. A
positive judgement merges two canonical entities; undoing it splits them back."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.networks.domain.investigations import audit
from palermo.networks.domain.resolution_components import (
    active_judgements,
    caption_of,
    judged_apart,
    merge,
    ordered,
    representative,
    split,
)
from palermo.networks.domain.resolution_run import rescore
from palermo.networks.models import Candidate, Entity, Investigation, Judgement, Verdict


class ResolutionError(Exception):
    """A judgement the rules do not allow, with the reason in the user's language."""


def _lock(investigation: Investigation) -> None:
    """Judgements of one investigation one at a time: each reads the components the last one left."""
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()


def _person(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@transaction.atomic
def judge(*, candidate: Candidate, verdict: str, user, request=None) -> Judgement:
    """Judge an open candidate; a positive verdict merges its two entities."""
    investigation = candidate.investigation
    _lock(investigation)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.judgement_id is not None:
        raise ResolutionError(_("This pair has already been judged."))
    judgement = record(
        investigation=investigation,
        left=candidate.left_id,
        right=candidate.right_id,
        verdict=verdict,
        user=user,
        score=candidate.score,
        candidate=candidate,
    )
    audit(
        "networks.candidate.judged",
        investigation=investigation,
        actor=user,
        request=request,
        data={"candidate": candidate.pk, "judgement": judgement.pk, "verdict": verdict},
    )
    return judgement


def record(
    *,
    investigation: Investigation,
    left: str,
    right: str,
    verdict: str,
    user,
    score: float | None = None,
    candidate: Candidate | None = None,
) -> Judgement:
    """Store a judgement between two canonical entities and apply it (inside the caller's transaction,
    with the investigation locked). Not audited: the callers are."""
    if verdict not in Verdict.values:
        raise ResolutionError(_("Choose a verdict: same, not the same or unsure."))
    if left == right:
        raise ResolutionError(_("These are already the same entity."))
    pair = ordered(left, right)
    if verdict == Verdict.POSITIVE and pair in judged_apart(investigation):
        raise ResolutionError(_("These entities were judged not the same (or unsure); undo that first."))
    members = ordered(representative(investigation, left), representative(investigation, right))
    # An unsure judgement on the same two entities gives way to the new one.
    active_judgements(investigation).filter(left_id=members[0], right_id=members[1]).update(
        undone_at=timezone.now(), undone_by=_person(user)
    )
    judgement = Judgement.objects.create(
        investigation=investigation,
        left_id=members[0],
        right_id=members[1],
        verdict=verdict,
        score=score,
        by=_person(user),
    )
    if candidate is not None:  # judged before the merge renames the open candidates
        candidate.judgement = judgement
        candidate.save(update_fields=["judgement"])
    if verdict == Verdict.POSITIVE:
        merge(investigation, left, right)
    return judgement


@transaction.atomic
def undo(*, judgement: Judgement, user, request=None) -> None:
    """Undo a judgement: a positive one splits its component back (the pair may be proposed again, and is
    reopened at once when it came from a candidate)."""
    investigation = judgement.investigation
    _lock(investigation)
    judgement = Judgement.objects.select_for_update().get(pk=judgement.pk)
    if judgement.undone_at is not None:
        raise ResolutionError(_("This judgement was already undone."))
    judgement.undone_at = timezone.now()
    judgement.undone_by = _person(user)
    judgement.save(update_fields=["undone_at", "undone_by"])
    if judgement.verdict == Verdict.POSITIVE:
        canonical = (
            Entity.objects.filter(investigation=investigation, entity_id=judgement.left_id)
            .values_list("canonical_id", flat=True)
            .first()
        )
        if canonical is not None:
            parts = split(investigation, canonical)
            # The open pairs of the whole went with it: propose those of its parts again.
            rescore(investigation, set(parts.values()))
    _reopen(judgement)
    audit(
        "networks.judgement.undone",
        investigation=investigation,
        actor=user,
        request=request,
        data={"judgement": judgement.pk, "verdict": judgement.verdict},
    )


def _reopen(judgement: Judgement) -> None:
    candidate = judgement.candidates.order_by("-pk").first()
    investigation = judgement.investigation
    canonical = dict(
        Entity.objects.filter(
            investigation=investigation, entity_id__in=[judgement.left_id, judgement.right_id]
        ).values_list("entity_id", "canonical_id")
    )
    if candidate is None or len(canonical) < 2:
        return
    pair = ordered(canonical[judgement.left_id], canonical[judgement.right_id])
    if pair[0] == pair[1] or pair in judged_apart(investigation):
        return
    open_pairs = Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
    if open_pairs.filter(left_id=pair[0], right_id=pair[1]).exists():
        return
    Candidate.objects.create(
        investigation=investigation,
        left_id=pair[0],
        right_id=pair[1],
        schema=candidate.schema,
        left_caption=caption_of(investigation, pair[0]),
        right_caption=caption_of(investigation, pair[1]),
        score=candidate.score,
        features=candidate.features,
        run=candidate.run,
    )


def next_open(investigation: Investigation, *, schema: str = "", minimum: float | None = None):
    """The open candidate to review next: the highest score, within the filters."""
    candidates = Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
    if schema:
        candidates = candidates.filter(schema=schema)
    if minimum is not None:
        candidates = candidates.filter(score__gte=minimum)
    return candidates.order_by("-score", "pk").first()
