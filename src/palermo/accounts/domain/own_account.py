"""What signed-in people change on their own account: password, language, authenticators. Each change is
audited; a new password ends the person's other sessions and is announced by e-mail."""

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts import two_factor
from palermo.accounts.domain.users import AccountActionRefused, end_sessions
from palermo.accounts.models import User
from palermo.core.audit import log_action

DEVICE_NAME_LENGTH = 64  # django-otp's Device.name


@transaction.atomic
def change_password(*, user: User, password: str, request) -> int:
    """Set a new password (validated by the form), keep this session signed in, end every other one
    (signed in or half-way through a sign-in) and tell the person by e-mail. Returns the sessions ended."""
    user.set_password(password)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    ended = end_sessions(user, keep=request.session.session_key)
    log_action("auth.password.changed", actor=user, obj=user, request=request, data={"sessions_ended": ended})
    transaction.on_commit(lambda: _tell_password_changed(user))
    return ended


def _tell_password_changed(user: User) -> None:
    with override(user.email_language):
        when = date_format(timezone.localtime(), "DATETIME_FORMAT")
        reset = settings.SITE_URL.rstrip("/") + reverse("accounts:password_reset")
        subject = _("Your Palermo password was changed")
        body = _(
            "The password of your Palermo account (%(email)s) was changed on %(when)s, and every other "
            "session of the account was signed out.\n\nIf you did not change it, choose a new password at "
            "once and tell the secretariat: %(url)s\n"
        ) % {"email": user.email, "when": when, "url": reset}
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def set_language(*, user: User, language: str, request=None) -> User:
    """The language of the pages after signing in and of every e-mail to the person ('' for the site's)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}")
    previous = user.language
    user.language = language
    user.save(update_fields=["language"])
    log_action(
        "accounts.user.language_changed",
        actor=user,
        obj=user,
        request=request,
        data={"from": previous, "to": language},
    )
    return user


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being added, not stored until its code is entered (see two_factor.pending_device)."""
    return two_factor.pending_device(user, name=_("Authenticator app"))


@transaction.atomic
def add_device(*, user: User, device: TOTPDevice, name: str, code: str, request=None) -> TOTPDevice:
    """Confirm a further authenticator once the person has entered a code it shows; the others stay."""
    if not two_factor.confirms(device, code):
        raise AccountActionRefused(
            _("This code is not right. Check the time on your phone and try the current code.")
        )
    device.name = name.strip()[:DEVICE_NAME_LENGTH] or _("Authenticator app")
    device.confirmed = True
    device.save()
    log_action(
        "auth.two_factor.added",
        actor=user,
        obj=user,
        request=request,
        data={"device": device.name, "devices": confirmed_devices(user).count()},
    )
    return device


@transaction.atomic
def remove_device(*, user: User, device: TOTPDevice, request=None) -> None:
    """Remove one of the person's authenticators, never the last one of a role that needs a second
    factor (whoever has lost every phone asks the secretariat to reset two-factor authentication)."""
    devices = confirmed_devices(user).select_for_update()
    if device.user_id != user.pk or not devices.filter(pk=device.pk).exists():
        raise AccountActionRefused(_("This authenticator is not one of yours."))
    if user.needs_two_factor and devices.count() == 1:
        raise AccountActionRefused(
            _(
                "This is your only authenticator: your role needs one to sign in. Add another one first; "
                "if you have lost it, ask the secretariat to reset two-factor authentication."
            )
        )
    name = device.name
    device.delete()
    log_action(
        "auth.two_factor.removed",
        actor=user,
        obj=user,
        request=request,
        data={"device": name, "devices": confirmed_devices(user).count()},
    )


def confirmed_devices(user: User):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")
