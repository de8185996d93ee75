"""Who takes part in a review: the secretariat appoints each State's focal point; a focal point appoints
its State's governmental experts and observers. Every appointment and its end is audited."""

import calendar
import re
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import Participant, Review, ReviewRole

DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def parties_of(review: Review) -> list[str]:
    """The State under review first, then its reviewing States (current assignments)."""
    reviewers = review.assignments.filter(ended_by=None).values_list("reviewing_state_id", flat=True)
    return [review.state_under_review_id, *sorted(set(reviewers))]


def review_start(review: Review) -> date:
    """A review starts with its group's year (group 1 in the cycle's first year)."""
    return review.cycle.phase_start(1, review.group)


def after(start: date, duration: str) -> date:
    """`start` plus an ISO 8601 duration of years, months, weeks and days (P2W, P6M)."""
    match = DURATION.match(duration)
    if not match:
        raise ValueError(f"not a duration: {duration}")
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(weeks=weeks, days=days)


def may_appoint(actor, review: Review, party: str, role: str) -> bool:
    """The secretariat appoints anyone; a State's focal point in the review appoints its State's experts
    and observers."""
    if actor.has_perm("review.manage_cycle"):
        return True
    return (
        role != ReviewRole.FOCAL_POINT
        and Participant.objects.filter(
            review=review, party_id=party, user=actor, role=ReviewRole.FOCAL_POINT, ended_at=None
        ).exists()
    )


@transaction.atomic
def appoint(*, review: Review, party: str, user, role: str, actor) -> Participant:
    """Appoint a person of `party` to the review in `role` (a new focal point replaces the previous one)."""
    if party not in parties_of(review):
        raise ReviewError(_("%(state)s does not take part in this review.") % {"state": party})
    organisation = user.organisation
    if organisation is None or organisation.party_id != party:
        raise ReviewError(
            _("%(person)s does not work for an authority of %(state)s.")
            % {"person": user.get_full_name() or user.email, "state": party}
        )
    if not may_appoint(actor, review, party, role):
        raise ReviewError(_("You may not appoint this person in this role."))
    if role == ReviewRole.FOCAL_POINT:
        for previous in Participant.objects.filter(review=review, party_id=party, role=role, ended_at=None):
            end_participation(participant=previous, actor=actor)
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                review=review, party_id=party, user=user, role=role, appointed_by=actor
            )
    except IntegrityError:
        raise ReviewError(_("This person already takes part in this review.")) from None
    log_action(
        "review.participant.appointed",
        actor=actor,
        obj=participant,
        data={"role": role, "party": party, "review": review.pk},
    )
    return participant


@transaction.atomic
def end_participation(*, participant: Participant, actor) -> Participant:
    participant.ended_at = timezone.now()
    participant.save(update_fields=["ended_at"])
    log_action(
        "review.participant.ended", actor=actor, obj=participant, data={"review": participant.review_id}
    )
    return participant
