"""Who takes part in a review: the secretariat appoints each State's focal point; a focal point appoints
its State's governmental experts and observers, by e-mail address, and is told the same whether or not the
address has an account (what cannot be done at once goes to the secretariat). Every appointment, request
and end is audited."""

import calendar
import re
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from palermo.accounts.models import Role
from palermo.core.audit import log_action
from palermo.register.models.parties import name_of
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import AppointmentRequest, Participant, Review, ReviewRole

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
        raise ReviewError(_("%(state)s does not take part in this review.") % {"state": name_of(party)})
    organisation = user.organisation
    if organisation is None or organisation.party_id != party:
        raise ReviewError(
            _("%(person)s does not work for an authority of %(state)s.")
            % {"person": user.get_full_name() or user.email, "state": name_of(party)}
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
    for request in AppointmentRequest.objects.filter(review=review, email__iexact=user.email, closed_at=None):
        close_request(request=request, actor=actor)
    return participant


@transaction.atomic
def appoint_by_email(*, review: Review, party: str, role: str, email: str, actor) -> None:
    """Appoint the person an address belongs to, and tell them; or, when no active account of an authority
    of `party` has it (or its person already takes part), ask the secretariat to register and appoint
    them. Either way one e-mail goes out and the caller learns nothing about the address."""
    if party not in parties_of(review):
        raise ReviewError(_("%(state)s does not take part in this review.") % {"state": name_of(party)})
    if not may_appoint(actor, review, party, role):
        raise ReviewError(_("You may not appoint this person in this role."))
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        reason = AppointmentRequest.Reason.NO_ACCOUNT
    elif user.organisation is None or user.organisation.party_id != party:
        reason = AppointmentRequest.Reason.OTHER_STATE
    elif Participant.objects.filter(review=review, user=user, ended_at=None).exists():
        reason = AppointmentRequest.Reason.TAKING_PART
    else:
        participant = appoint(review=review, party=party, user=user, role=role, actor=actor)
        transaction.on_commit(lambda: _tell_appointed(participant))
        return
    request = AppointmentRequest.objects.create(
        review=review,
        party_id=party,
        role=role,
        email=email.strip().lower(),
        reason=reason,
        requested_by=actor,
    )
    log_action(
        "review.appointment.requested",
        actor=actor,
        obj=request,
        data={"role": role, "party": party, "review": review.pk, "reason": reason},
    )
    transaction.on_commit(lambda: _ask_secretariat(request))


@transaction.atomic
def close_request(*, request: AppointmentRequest, actor) -> AppointmentRequest:
    """The secretariat is done with a request: the person is appointed, or the request is dismissed."""
    request.closed_at, request.closed_by = timezone.now(), actor
    request.save(update_fields=["closed_at", "closed_by"])
    log_action(
        "review.appointment.request_closed", actor=actor, obj=request, data={"review": request.review_id}
    )
    return request


def review_names(review: Review) -> dict[str, str]:
    """{'state': …, 'instrument': …}: the State under review and the instrument named in the active
    language, for messages and e-mails about a review."""
    return {"state": review.state_under_review.local_name, "instrument": review.instrument.local_short_title}


def _review_url(review: Review) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("review:review", args=[review.pk])


def _tell_appointed(participant: Participant) -> None:
    review = participant.review
    with override(participant.user.email_language):
        values = review_names(review)
        subject = _("Palermo: you are appointed to the review of %(state)s (%(instrument)s)") % values
        body = _(
            "You take part as %(role)s of %(party)s.\n\nOpen the review (sign-in required): %(url)s\n"
        ) % {
            "role": participant.get_role_display(),
            "party": name_of(participant.party_id),
            "url": _review_url(review),
        }
    send_mail(subject, body, None, [participant.user.email])


def _ask_secretariat(request: AppointmentRequest) -> None:
    for person in get_user_model().objects.filter(role=Role.SECRETARIAT_ADMIN, is_active=True):
        _ask(person, request)


def _ask(person, request: AppointmentRequest) -> None:
    """One e-mail per person of the secretariat, in their language."""
    review = request.review
    with override(person.email_language):
        values = review_names(review)
        subject = (
            _("Palermo: an appointment to the review of %(state)s (%(instrument)s) waits for you") % values
        )
        body = _(
            "%(person)s asks to appoint %(email)s as %(role)s of %(party)s: %(reason)s.\n\nRegister the person if need be, then appoint them on the review's page (sign-in required): %(url)s\n"
        ) % {
            "person": request.requested_by.get_full_name() or request.requested_by.email,
            "email": request.email,
            "role": request.get_role_display(),
            "party": name_of(request.party_id),
            "reason": request.get_reason_display(),
            "url": _review_url(review),
        }
    send_mail(subject, body, None, [person.email])


@transaction.atomic
def end_participation(*, participant: Participant, actor) -> Participant:
    participant.ended_at = timezone.now()
    participant.save(update_fields=["ended_at"])
    log_action(
        "review.participant.ended", actor=actor, obj=participant, data={"review": participant.review_id}
    )
    return participant
