"""E-mail reminders of questionnaires not yet answered: to the focal points of each State whose reply is not
submitted, from `BEFORE_DAYS` days before the deadline and after it while the questionnaire stays open; a
State is reminded at most once every `every_days` days (`Reply.reminded`). A reminder names the
questionnaire and its deadline only, in each person's language."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from palermo.accounts.models import Role, User
from palermo.conference.models import QuestionnaireState, Reply, ReplyState
from palermo.core.audit import log_action
from palermo.core.i18n import format_date, in_language

BEFORE_DAYS = 14


@dataclass
class Due:
    reply: Reply
    recipients: list[User]
    late: bool


def due_reminders(today: date, every_days: int = 7) -> list[Due]:
    """The replies to remind today, with the focal points of their State (none: nobody to remind)."""
    recently = timezone.now() - timedelta(days=every_days)
    replies = (
        Reply.objects.filter(questionnaire__state=QuestionnaireState.SENT)
        .exclude(state=ReplyState.SUBMITTED)
        .filter(questionnaire__deadline__lte=today + timedelta(days=BEFORE_DAYS))
        .exclude(reminded__gt=recently)
        .select_related("questionnaire", "party")
    )
    focal_points: dict[str, list[User]] = {}
    for user in User.objects.filter(role=Role.FOCAL_POINT, is_active=True, organisation__party__isnull=False):
        focal_points.setdefault(user.organisation.party_id, []).append(user)
    return [
        Due(reply, focal_points.get(reply.party_id, []), reply.questionnaire.deadline < today)
        for reply in replies
    ]


def send_questionnaire_reminders(
    *, today: date | None = None, every_days: int = 7, dry_run: bool = False
) -> list[tuple[Due, User]]:
    """Remind the focal points of States that have not submitted; returns (reply, person) for each e-mail
    sent (or due, dry run)."""
    today = today or timezone.localdate()
    sent = []
    for due in due_reminders(today, every_days):
        if not due.recipients:
            continue
        for user in due.recipients:
            sent.append((due, user))
            if not dry_run:
                _send(due, user)
        if not dry_run:
            Reply.objects.filter(pk=due.reply.pk).update(reminded=timezone.now())
            log_action(
                "conference.reply.reminded",
                obj=due.reply,
                data={"focal_points": [user.email for user in due.recipients], "after_deadline": due.late},
            )
    return sent


def _send(due: Due, user: User) -> None:
    questionnaire = due.reply.questionnaire
    with override(user.email_language):
        url = settings.SITE_URL.rstrip("/") + reverse(
            "conference:reply", args=[questionnaire.pk, due.reply.party_id]
        )
        values = {"title": in_language(questionnaire.titles), "date": format_date(questionnaire.deadline)}
        if due.late:
            subject = _("Palermo: the questionnaire “%(title)s” was due on %(date)s") % values
        else:
            subject = _("Palermo: the questionnaire “%(title)s” is due on %(date)s") % values
        body = _(
            "Your State's reply to the questionnaire “%(title)s” has not been submitted yet.\n\n"
            "Open it (sign-in required): %(url)s\n"
        ) % {**values, "url": url}
    send_mail(subject, body, None, [user.email])
