import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from palermo.accounts.domain.users import AccountActionRefused
from palermo.accounts.models import Invitation, User
from palermo.core.audit import log_action
from palermo.core.i18n import format_date


class InvitationError(AccountActionRefused):
    """The activation link cannot be used; the message says why."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def activation_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:activate", kwargs={"token": token})


@transaction.atomic
def invite_user(
    *,
    actor,
    email,
    first_name,
    last_name,
    organisation,
    role,
    nomination_reference,
    language: str = "",
    request=None,
) -> tuple[User, str]:
    """Register a nominated person and send them an activation link. Returns the user and the link."""
    user = User.objects.create(
        username=email.lower(),
        email=email.lower(),
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        role=role,
        nomination_reference=nomination_reference,
        language=language,
        is_active=False,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    url = _send_activation_link(actor=actor, user=user)
    log_action(
        "accounts.user.invited",
        actor=actor,
        obj=user,
        request=request,
        data={"role": role, "nomination_reference": nomination_reference},
    )
    return user, url


def _send_activation_link(*, actor, user: User) -> str:
    """Create an invitation (only its hash is kept) and email its link once the transaction commits."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=hash_token(token),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    with override(user.email_language):
        url = activation_url(token)
        subject = _("Your Palermo account")
        body = _(
            "You have been registered on Palermo. Open this link within %(days)s days to choose a "
            "password and set up two-factor authentication:\n\n%(url)s\n"
        ) % {"days": settings.INVITATION_VALID_DAYS, "url": url}
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return url


@transaction.atomic
def resend_invitation(*, actor, user: User, request=None) -> str:
    """A new activation link for someone who has not activated yet; earlier links stop working."""
    if user.has_usable_password():
        raise InvitationError(_("This account is already activated."))
    if user.is_suspended:
        raise InvitationError(_("This account is suspended. Reactivate it first."))
    user.invitations.filter(used_at=None).update(expires_at=timezone.now())
    url = _send_activation_link(actor=actor, user=user)
    log_action("accounts.user.invitation_resent", actor=actor, obj=user, request=request)
    return url


def find_invitation(token: str, request=None) -> Invitation:
    invitation = Invitation.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationError(_("This activation link is not valid."))
    if invitation.user.is_suspended:
        log_action("accounts.user.activation_refused", obj=invitation.user, request=request)
        raise InvitationError(_("This account is suspended. Ask the secretariat."))
    if invitation.used_at is not None:
        raise InvitationError(_("This activation link has already been used. Sign in instead."))
    if not invitation.is_usable():
        raise InvitationError(
            _("This activation link expired on %(date)s. Ask the secretariat for a new one.")
            % {"date": format_date(invitation.expires_at)}
        )
    return invitation


@transaction.atomic
def activate_account(*, token: str, password: str, request=None) -> User:
    """Set the password of an invited user and activate the account (validation is the form's job)."""
    invitation = find_invitation(token)
    user = User.objects.select_for_update().get(pk=invitation.user_id)
    if user.is_suspended:  # suspended since the link was opened
        raise InvitationError(_("This account is suspended. Ask the secretariat."))
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    log_action("accounts.user.activated", actor=user, obj=user, request=request)
    return user
