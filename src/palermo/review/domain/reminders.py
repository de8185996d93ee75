"""E-mail reminders of overdue steps: to the secretariat when a State has no focal point, to a focal
point when its delegation has no experts, to a delegation whose document is late. A reminder names the
review, the step and the due date only (no confidential content) and goes only to people of that review
or the secretariat; the same person is reminded of the same step at most once every `every_days`."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from palermo.accounts.models import Role, User
from palermo.core.audit import log_action
from palermo.core.i18n import format_date
from palermo.register.models.parties import name_of
from palermo.review.domain.participants import after, parties_of, review_names, review_start
from palermo.review.domain.steps import phase_start, steps
from palermo.review.models import DocumentKind, Participant, Reminder, Review, ReviewRole


@dataclass
class Overdue:
    review: Review
    step: str  # a stable key: the kind of step, the phase where there is one, the State
    description: str  # in English; translated when the e-mail is written
    values: dict
    due: date
    recipients: list[User]


NO_FOCAL_POINT = gettext_noop("%(state)s has no focal point in this review")
NO_EXPERT = gettext_noop("%(state)s has no governmental expert in this review")


def overdue_steps(today: date) -> list[Overdue]:
    secretariat = list(User.objects.filter(role=Role.SECRETARIAT_ADMIN, is_active=True))
    found: list[Overdue] = []
    reviews = Review.objects.select_related("cycle", "state_under_review", "instrument")
    for review in reviews:
        people = list(Participant.objects.filter(review=review, ended_at=None).select_related("user"))
        deadlines = review.cycle.deadlines
        for party in parties_of(review):
            delegation = [p for p in people if p.party_id == party]
            focal_points = [p.user for p in delegation if p.role == ReviewRole.FOCAL_POINT]
            experts = [p for p in delegation if p.role == ReviewRole.GOVERNMENTAL_EXPERT]
            appointments = [  # (step, still missing, what is missing, who can fix it)
                ("focal_point_appointed", not focal_points, NO_FOCAL_POINT, secretariat),
                ("experts_appointed", bool(focal_points) and not experts, NO_EXPERT, focal_points),
            ]
            for key, missing, description, recipients in appointments:
                due = after(review_start(review), deadlines[key]) if key in deadlines else None
                if missing and due is not None and today > due:
                    found.append(
                        Overdue(review, f"{key}:{party}", description, {"state": party}, due, recipients)
                    )
        for phase in range(1, 5):
            if phase_start(review, phase) > today:
                break
            for step in steps(review, phase):
                if step.overdue and step.due is not None:
                    writers = [
                        p.user for p in people if p.party_id == step.party and p.role != ReviewRole.OBSERVER
                    ]
                    found.append(
                        Overdue(
                            review,
                            f"{step.kind}:{phase}:{step.party}",
                            gettext_noop("%(document)s of %(state)s, phase %(phase)s"),
                            {"document": step.kind, "state": step.party, "phase": phase},
                            step.due,
                            writers,
                        )
                    )
    return found


def send_reminders(
    *, today: date | None = None, every_days: int = 7, dry_run: bool = False
) -> list[tuple[Overdue, User]]:
    """Remind people of overdue steps; returns (step, person) for every reminder sent (or due, dry run)."""
    today = today or timezone.localdate()
    recently = timezone.now() - timedelta(days=every_days)
    sent = []
    for overdue in overdue_steps(today):
        for user in overdue.recipients:
            if Reminder.objects.filter(
                review=overdue.review, step=overdue.step, user=user, sent_at__gt=recently
            ).exists():
                continue
            sent.append((overdue, user))
            if dry_run:
                continue
            _send(overdue, user)
            Reminder.objects.create(review=overdue.review, step=overdue.step, user=user)
            log_action(
                "review.reminder.sent", obj=overdue.review, data={"step": overdue.step, "to": user.email}
            )
    return sent


def _readable(values: dict) -> dict:
    """The values of a step's description in the active language: a document kind as its (translated)
    name, a State as its name."""
    readable = {**values}
    if "document" in values:
        readable["document"] = str(DocumentKind(values["document"]).label)
    if "state" in values:
        readable["state"] = name_of(values["state"])
    return readable


def _send(overdue: Overdue, user: User) -> None:
    review = overdue.review
    with override(user.email_language):
        url = settings.SITE_URL.rstrip("/") + reverse("review:review", args=[review.pk])
        values = review_names(review)
        subject = _("Palermo: a step of the review of %(state)s (%(instrument)s) is overdue") % values
        body = _("%(step)s: due on %(date)s.\n\nOpen the review (sign-in required): %(url)s\n") % {
            "step": _(overdue.description) % _readable(overdue.values),
            "date": format_date(overdue.due),
            "url": url,
        }
    send_mail(subject, body, None, [user.email])
