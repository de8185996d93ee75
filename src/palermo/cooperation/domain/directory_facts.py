"""What the directory compares and derives, without writing: whether an entry is stale, the register's
notifications an authority is compared with (the art. 18(14) languages, the art. 16(5) extradition basis,
the notification a designation rests on) and what a proposed change changes."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from palermo.cooperation.domain.authority_format import EDITABLE_KEYS, authority_data, normalised
from palermo.cooperation.models import Authority, AuthorityKind, ProposedChange
from palermo.core import language_codes
from palermo.register.models import Declaration

STALE_AFTER = timedelta(days=365)
# The register's notification a designation of each kind rests on (others: a notification of the same
# instrument and article).
NOTIFICATION_KIND = {AuthorityKind.CENTRAL_AUTHORITY: Declaration.Kind.CENTRAL_AUTHORITY}


def is_stale(authority: Authority, today: date | None = None) -> bool:
    """Not verified for twelve months (or never)."""
    today = today or timezone.localdate()
    return authority.verified_on is None or authority.verified_on < today - STALE_AFTER


@dataclass(frozen=True)
class DifferentLanguages:
    """The authority accepts other languages than its State notified under art. 18(14)."""

    notification: Declaration
    notified: list[str]
    accepted: list[str]

    @property
    def only_notified(self) -> list[str]:
        return [code for code in self.notified if code not in self.accepted]

    @property
    def only_accepted(self) -> list[str]:
        return [code for code in self.accepted if code not in self.notified]

    @property
    def notified_names(self) -> list[str]:
        return language_codes.names(self.notified)

    @property
    def accepted_names(self) -> list[str]:
        return language_codes.names(self.accepted)


def languages_notification(party_id: str) -> Declaration | None:
    return (
        Declaration.objects.filter(party_id=party_id, kind=Declaration.Kind.LANGUAGES)
        .order_by("-date", "-id")
        .first()
    )


def language_differences(
    authority: Authority, notification: Declaration | None = None
) -> DifferentLanguages | None:
    """The difference between the languages the authority accepts and its State's art. 18(14)
    notification in the register; None when they agree or there is nothing to compare."""
    notification = notification or languages_notification(authority.party_id)
    if notification is None or not notification.languages or not authority.languages:
        return None
    if set(notification.languages) == set(authority.languages):
        return None
    return DifferentLanguages(notification, list(notification.languages), list(authority.languages))


def sees_language_differences(user, authority: Authority) -> bool:
    """The secretariat and the State's focal point are shown the difference."""
    from palermo.cooperation.rules import is_focal_point, of_the_state

    return user.has_perm("cooperation.manage_directory") or bool(
        is_focal_point(user) and of_the_state(user, authority)
    )


def extradition_basis(party_id: str) -> Declaration | None:
    """The State's art. 16(5) notification: whether it takes the Convention as the legal basis."""
    return (
        Declaration.objects.filter(party_id=party_id, kind=Declaration.Kind.EXTRADITION_LEGAL_BASIS)
        .order_by("-date", "-id")
        .first()
    )


def notification_for(party_id: str, kind: str, instrument: str, article: str) -> Declaration | None:
    """The register's notification a designation rests on: the State's latest one of the matching kind
    (central authority) or of the same instrument and article."""
    notifications = Declaration.objects.filter(party_id=party_id).exclude(kind=Declaration.Kind.RESERVATION)
    if kind in NOTIFICATION_KIND:
        match = notifications.filter(kind=NOTIFICATION_KIND[AuthorityKind(kind)])
    else:
        match = notifications.filter(instrument_id=instrument, article=article).exclude(
            kind__in=[
                Declaration.Kind.LANGUAGES,
                Declaration.Kind.EXTRADITION_LEGAL_BASIS,
                *NOTIFICATION_KIND.values(),
            ]
        )
    return match.order_by("-date", "-id").first()


def differences(change: ProposedChange) -> list[tuple[str, Any, Any]]:
    """What a proposal changes: (key, old, new) for every field whose value differs."""
    before = authority_data(change.authority) if change.authority else {}
    found = []
    for key in EDITABLE_KEYS:
        if key not in change.data or key == "state":
            continue
        new = normalised(change.data, key)
        old = before.get(
            key,
            "" if key not in ("designations", "phones", "emails", "channels", "languages", "records") else [],
        )
        if old != new and not (old in (None, "", []) and new in (None, "", [])):
            found.append((key, old, new))
    return found
