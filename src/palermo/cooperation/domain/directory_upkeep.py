"""Keeping the directory current: entries not verified for twelve months, entries whose languages differ
from their State's art. 18(14) notification (the secretariat's page of both, per State), and the monthly
e-mail reminding a State of its stale entries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from palermo.accounts.models import Role, User
from palermo.cooperation.domain.directory_facts import (
    DifferentLanguages,
    is_stale,
    language_differences,
    languages_notification,
)
from palermo.cooperation.models import Authority, DirectoryReminder
from palermo.core.audit import log_action
from palermo.register.models import Party

REMIND_EVERY = timedelta(days=30)


@dataclass
class StateUpkeep:
    """A State's entries that need attention."""

    party: Party
    stale: list[Authority] = field(default_factory=list)
    inconsistent: list[tuple[Authority, DifferentLanguages]] = field(default_factory=list)
    last_reminder: DirectoryReminder | None = None


def upkeep_by_state(today: date | None = None) -> list[StateUpkeep]:
    """Per State, its stale entries and those whose languages differ from its notification; only States
    with one or the other."""
    today = today or timezone.localdate()
    found: dict[str, StateUpkeep] = {}
    notifications: dict[str, object] = {}
    authorities = Authority.objects.select_related("party", "verified_by").order_by("party_id", "name")
    for authority in authorities:
        if authority.party_id not in notifications:
            notifications[authority.party_id] = languages_notification(authority.party_id)
        notification = notifications[authority.party_id]
        difference = language_differences(authority, notification) if notification is not None else None  # type: ignore[arg-type]
        stale = is_stale(authority, today)
        if not (stale or difference):
            continue
        entry = found.setdefault(authority.party_id, StateUpkeep(authority.party))
        if stale:
            entry.stale.append(authority)
        if difference:
            entry.inconsistent.append((authority, difference))
    reminders = {}
    for reminder in DirectoryReminder.objects.filter(party_id__in=found).order_by("sent_at"):
        reminders[reminder.party_id] = reminder
    for code, entry in found.items():
        entry.last_reminder = reminders.get(code)
    return list(found.values())


def reminder_recipients(party: Party, stale: list[Authority]) -> list[User]:
    """The State's focal points and the users of its stale authorities (active, with an e-mail)."""
    organisations = [authority.organisation_id for authority in stale if authority.organisation_id]
    people = User.objects.filter(is_active=True).exclude(email="")
    focal_points = people.filter(role=Role.FOCAL_POINT, organisation__party_id=party.pk)
    at_authorities = people.filter(organisation_id__in=organisations)
    return list((focal_points | at_authorities).distinct().order_by("email"))


def send_directory_reminders(*, today: date | None = None, dry_run: bool = False) -> list[DirectoryReminder]:
    """Remind each State with stale entries, at most once every 30 days; returns the reminders sent (or
    that would be, dry run: not saved)."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = []
    for entry in upkeep_by_state(today):
        if not entry.stale:
            continue
        if DirectoryReminder.objects.filter(party=entry.party, sent_at__gt=now - REMIND_EVERY).exists():
            continue
        recipients = reminder_recipients(entry.party, entry.stale)
        reminder = DirectoryReminder(
            party=entry.party,
            sent_at=now,
            recipients=len(recipients),
            stale_authorities=[authority.pk for authority in entry.stale],
        )
        sent.append(reminder)
        if dry_run:
            continue
        with transaction.atomic():
            reminder.save()
            for user in recipients:
                _send(entry, user)
            log_action(
                "cooperation.directory.reminder_sent",
                obj=entry.party,
                data={
                    "party": entry.party.pk,
                    "recipients": len(recipients),
                    "authorities": ", ".join(str(a) for a in entry.stale),
                },
            )
    return sent


def _send(entry: StateUpkeep, user: User) -> None:
    with override(user.email_language or settings.LANGUAGE_CODE):
        site = settings.SITE_URL.rstrip("/")
        names = "\n".join(
            f"- {authority} — {site}{reverse('cooperation:authority', args=[authority.pk])}"
            for authority in entry.stale
        )
        subject = _("Palermo: entries of %(state)s in the directory of authorities need checking") % {
            "state": entry.party.local_name
        }
        body = ngettext(
            "This entry of %(state)s in the directory of competent authorities was not verified for twelve months or more:\n\n%(names)s\n\nPlease check it and confirm that it is right or propose a change (sign-in required).\n",
            "These entries of %(state)s in the directory of competent authorities were not verified for twelve months or more:\n\n%(names)s\n\nPlease check them and confirm that they are right or propose changes (sign-in required).\n",
            len(entry.stale),
        ) % {"state": entry.party.local_name, "names": names}
    send_mail(subject, body, None, [user.email])
