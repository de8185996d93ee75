"""Sign-in throttling, counted in the audit log: from one address and against one account, separately,
each with a lock that doubles with every failure past the limit.

A lock on an address refuses everything from it. A lock on an account must not lock its owner out (an
attacker could otherwise keep anyone out, the secretariat included): while it lasts, the password step no
longer says whether the password was right, and only the right password together with the right second
factor (or a new password set through the reset e-mail) signs in. A successful sign-in or password reset
starts the account's count afresh; an address's count is never reset by a sign-in, so an attacker cannot
clear it by signing in to an account of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from palermo.core.audit import client_address, log_action
from palermo.core.models import AuditEntry

FAILURE_ACTIONS = ("auth.login.failed", "auth.two_factor.failed")
SUCCESS_ACTIONS = ("auth.login", "auth.password_reset.completed")
RESET_REQUESTED = "auth.password_reset.requested"
RESET_SENT = "auth.password_reset.sent"


@dataclass(frozen=True)
class Lock:
    scope: str  # "address" or "account"
    until: datetime
    failures: int

    @property
    def minutes_left(self) -> int:
        return max(1, -(-int((self.until - timezone.now()).total_seconds()) // 60))


def _lock_after(entries, scope: str) -> Lock | None:
    """The lock that these failures (newest first) impose now: none below the limit, then the window,
    doubled for each failure past the limit, at most LOGIN_LOCKOUT_MAX_MINUTES after the last failure."""
    times = list(entries.values_list("created", flat=True)[:64])
    limit = settings.LOGIN_FAILURE_LIMIT
    if len(times) < limit:
        return None
    minutes = min(
        settings.LOGIN_FAILURE_WINDOW_MINUTES * 2 ** min(len(times) - limit, 20),
        settings.LOGIN_LOCKOUT_MAX_MINUTES,
    )
    until = times[0] + timedelta(minutes=minutes)
    return Lock(scope, until, len(times)) if until > timezone.now() else None


def _recent(actions) -> Q:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MAX_MINUTES)
    return Q(action__in=actions, created__gte=since)


def address_lock(request, actions=FAILURE_ACTIONS) -> Lock | None:
    address = client_address(request)
    if not address:
        return None
    return _lock_after(AuditEntry.objects.filter(_recent(actions), ip_address=address), "address")


def account_lock(username: str) -> Lock | None:
    username = username.strip().lower()
    last_success = AuditEntry.objects.filter(_recent(SUCCESS_ACTIONS), actor__username=username).aggregate(
        at=Max("created")
    )["at"]
    failures = AuditEntry.objects.filter(_recent(FAILURE_ACTIONS), data__username=username)
    if last_success:
        failures = failures.filter(created__gt=last_success)
    return _lock_after(failures, "account")


def reset_mail_lock(user) -> Lock | None:
    """Password reset e-mails to one account, whoever asks: past the limit, none until the lock ends."""
    sent = AuditEntry.objects.filter(
        _recent((RESET_SENT,)), object_type=user._meta.label_lower, object_id=str(user.pk)
    )
    return _lock_after(sent, "account")


def record_failure(action: str, *, username: str, request, actor=None, **data) -> None:
    """Write a failed password or code to the audit log, and the lock it starts or lengthens, if any."""
    username = username.strip().lower()[:150]
    log_action(
        action,
        actor=actor,
        actor_name=username or "?",
        data={"username": username, **data},
        request=request,
    )
    for lock in (address_lock(request), account_lock(username)):
        if lock is not None:
            log_action(
                "auth.lockout",
                actor_name=username or "?",
                request=request,
                data={
                    "scope": lock.scope,
                    "username": username,
                    "failures": lock.failures,
                    "until": lock.until.isoformat(),
                },
            )
