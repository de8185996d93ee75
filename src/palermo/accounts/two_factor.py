"""Checking a six-digit code against every authenticator a person has enrolled (django-otp's TOTP devices),
telling a code already used apart from a wrong one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


@dataclass(frozen=True)
class CodeCheck:
    device: TOTPDevice | None  # the authenticator that accepted the code
    already_used: bool = False  # the code was right, but an earlier sign-in used it (or a later one)


def _matches(device: TOTPDevice, code: str, *, fresh_only: bool) -> bool:
    """Whether the code is one the device shows within its tolerance; no side effect (no throttling)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(code), device.tolerance, device.last_t + 1 if fresh_only else None)


def check_code(user, code: str) -> CodeCheck:
    """Verify a code against the person's confirmed authenticators. Only the device whose code it is
    records its use (and its throttling resets): a code from one phone does not count as a failure of the
    other. A wrong code counts as a failure on every device, whose own throttling then slows guessing."""
    if not code.isdigit():
        return CodeCheck(None)
    with transaction.atomic():
        devices = list(
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk")
        )
        allowed = [device for device in devices if device.verify_is_allowed()[0]]
        for device in allowed:
            if _matches(device, code, fresh_only=True) and device.verify_token(code):
                return CodeCheck(device)
        already_used = any(_matches(device, code, fresh_only=False) for device in allowed)
        for device in allowed:
            device.throttle_increment(commit=True)
    return CodeCheck(None, already_used=already_used)


# Audit actions after which an authenticator being set up gets a new key.
KEY_CHANGING_ACTIONS = (
    "auth.two_factor.enrolled",
    "auth.two_factor.added",
    "auth.two_factor.removed",
    "auth.two_factor.reset",
)


def pending_device(user, *, name: str) -> TOTPDevice:
    """The authenticator being set up, not stored (a page that shows its code must not write): its key
    derives from the server's secret and the person's two-factor history, so it stays the same from the
    page to the confirmation and is new after every enrolment, addition, removal or reset."""
    from palermo.core.models import AuditEntry

    history = AuditEntry.objects.filter(
        object_type=user._meta.label_lower, object_id=str(user.pk), action__in=KEY_CHANGING_ACTIONS
    ).count()
    key = salted_hmac("palermo.two_factor.pending", f"{user.pk}:{history}", algorithm="sha256").digest()
    return TOTPDevice(user=user, name=name, key=key[:20].hex(), confirmed=False)


def confirms(device: TOTPDevice, code: str) -> bool:
    """Whether a code proves that the person's app holds the key of an authenticator being set up; if so,
    the device remembers the code's time step (the code cannot sign in again) and the clock drift."""
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(code), device.tolerance):
        return False
    device.drift, device.last_t = totp.drift, totp.t()
    return True
