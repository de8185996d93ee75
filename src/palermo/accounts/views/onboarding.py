"""Activation link, password, second factor: how an invited person gets into Palermo."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from palermo.accounts import two_factor
from palermo.accounts.domain import InvitationError, activate_account, confirm_two_factor
from palermo.accounts.domain.invitations import find_invitation
from palermo.accounts.forms import ActivationForm, CodeForm
from palermo.accounts.security import mark_reauthenticated
from palermo.core.audit import log_action


def activate(request, token: str):
    try:
        invitation = find_invitation(token, request)
    except InvitationError as error:
        return render(request, "accounts/activation_invalid.html", {"reason": str(error)}, status=410)
    form = ActivationForm(request.POST or None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = activate_account(token=token, password=form.cleaned_data["password1"], request=request)
        except InvitationError as error:
            return render(request, "accounts/activation_invalid.html", {"reason": str(error)}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        mark_reauthenticated(request)
        messages.success(request, _("Your password is set."))
        return redirect("accounts:two_factor_setup" if user.needs_two_factor else "accounts:profile")
    return render(request, "accounts/activate.html", {"form": form, "invited": invitation.user})


def qr_code_svg(text: str) -> str:
    """The QR code of an authenticator's set-up link, as inline SVG (no image file, no script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def two_factor_setup(request):
    user = request.user
    if user.is_verified():
        return redirect("accounts:profile")
    device = two_factor.pending_device(user, name="Authenticator app")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirms(device, form.cleaned_data["code"]):
            confirm_two_factor(user=user, device=device, request=request)
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:profile")
        log_action(
            "auth.two_factor.failed",
            actor=user,
            data={"username": user.username, "step": "enrolment"},
            request=request,
        )
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try the current code.")
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr_code_svg(device.config_url)),
            "secret": spaced_secret(device),
        },
    )


def spaced_secret(device) -> str:
    """The device's key as an app asks for it to be typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
