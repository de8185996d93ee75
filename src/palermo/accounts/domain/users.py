from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Organisation, Role, User
from palermo.accounts.security import PENDING_USER
from palermo.core.audit import log_action


class AccountActionRefused(Exception):
    """The action is not allowed on this account; the message says why."""


@transaction.atomic
def approve_user(*, actor, user: User, request=None) -> User:
    """The secretariat confirms a profile; from then on the user's role applies."""
    user.approved_at = timezone.now()
    user.approved_by = actor
    user.save(update_fields=["approved_at", "approved_by"])
    log_action("accounts.user.approved", actor=actor, obj=user, request=request, data={"role": user.role})
    return user


@transaction.atomic
def change_role(*, actor, user: User, role: str, request=None) -> User:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    old_role = user.role
    user.role = role
    user.save(update_fields=["role"])
    log_action(
        "accounts.permission.changed",
        actor=actor,
        obj=user,
        request=request,
        data={"from": old_role, "to": role},
    )
    return user


@transaction.atomic
def confirm_two_factor(*, user: User, device, request=None) -> None:
    """Mark a TOTP device as confirmed (after the user proved a code from it) and remove older ones."""
    device.confirmed = True
    device.save()
    type(device).objects.filter(user=user).exclude(pk=device.pk).delete()
    log_action("auth.two_factor.enrolled", actor=user, obj=user, request=request, data={"device": "totp"})


@transaction.atomic
def create_organisation(*, actor, name: str, kind: str, party=None, request=None):
    organisation = Organisation.objects.create(name=name, kind=kind, party=party)
    log_action(
        "accounts.organisation.created",
        actor=actor,
        obj=organisation,
        request=request,
        data={"kind": kind, "party": party.code if party else None},
    )
    return organisation


@transaction.atomic
def reset_two_factor(*, actor, user: User, request=None) -> None:
    """Remove a user's authenticators (lost phone); they enrol a new one at their next sign-in."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    log_action("auth.two_factor.reset", actor=actor, obj=user, request=request, data={"devices": removed})


@transaction.atomic
def set_active(*, actor, user: User, active: bool, request=None) -> User:
    """Suspend or restore an account; nothing of theirs is deleted. Suspension ends every session and
    every pending activation link at once; only this function's reactivation lifts it (an invited person
    who never activated gets a new link from the secretariat)."""
    if not active and user == actor:
        raise AccountActionRefused(_("You cannot suspend your own account."))
    if active:
        user.suspended_at = None
        user.is_active = user.has_usable_password()
        data = {}
    else:
        user.suspended_at = timezone.now()
        user.is_active = False
        links = user.invitations.filter(used_at=None, expires_at__gt=user.suspended_at)
        data = {
            "invitations_revoked": links.update(expires_at=user.suspended_at),
            "sessions_ended": end_sessions(user),
        }
    user.save(update_fields=["is_active", "suspended_at"])
    log_action(
        "accounts.user.reactivated" if active else "accounts.user.suspended",
        actor=actor,
        obj=user,
        request=request,
        data=data,
    )
    return user


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """Delete every session signed in as the user or half-way through their sign-in, except the session
    `keep`. Sessions are not indexed by user, so each live one is read: this runs only when an account is
    suspended or its password changes."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(pk=keep).iterator()
        if str(user.pk) in {str(session.get_decoded().get(key)) for key in (SESSION_KEY, PENDING_USER)}
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
