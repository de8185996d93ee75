"""'My account': what signed-in people see and change of their own account (password, language,
authenticators). Changes go through `domain.own_account`, which audits them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from palermo.accounts.domain import AccountActionRefused, own_account
from palermo.accounts.forms import DeviceForm, LanguageForm, PasswordChangeForm
from palermo.accounts.security import mark_reauthenticated, reauthentication_required
from palermo.accounts.throttling import account_lock, address_lock, record_failure
from palermo.accounts.views.onboarding import qr_code_svg, spaced_secret
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.language import url_in_language, with_language_cookie


@login_required
def my_account(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "devices": own_account.confirmed_devices(user),
            "language_form": LanguageForm(initial={"language": user.language}),
        },
    )


@login_required
def password_change(request):
    """The current password (which re-authenticates, throttled like signing in), then the new one twice."""
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if (lock := address_lock(request)) is not None:
            form.add_error(
                None,
                _("Too many failed attempts from your network. Try again in %(minutes)s minutes.")
                % {"minutes": lock.minutes_left},
            )
        elif account_lock(request.user.username) is not None:
            form.add_error(
                None,
                _(
                    "Too many failed attempts on this account. Sign out and sign in again with your "
                    "password and second factor."
                ),
            )
        elif not request.user.check_password(form.cleaned_data["current_password"]):
            record_failure(
                "auth.login.failed",
                username=request.user.username,
                request=request,
                actor=request.user,
                step="password change",
            )
            form.add_error("current_password", _("The password is not right."))
        else:
            ended = own_account.change_password(
                user=request.user, password=form.cleaned_data["password1"], request=request
            )
            mark_reauthenticated(request)
            messages.success(
                request,
                _("Your password is changed. Every other session of your account is signed out.")
                if ended
                else _("Your password is changed."),
            )
            return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_POST
def language(request):
    """Choose the language of the pages after sign-in and of e-mails; this page follows it at once."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered."))
        return redirect("accounts:profile")
    chosen = form.cleaned_data["language"]
    own_account.set_language(user=request.user, language=chosen, request=request)
    target = reverse("accounts:profile")
    if not chosen:
        messages.success(request, _("You have no preferred language: e-mails are written in English."))
        return redirect(target)
    with override(chosen):
        messages.success(request, _("Palermo now speaks your language, in its pages and its e-mails."))
    return with_language_cookie(redirect(url_in_language(target, chosen)), chosen)


@login_required
@reauthentication_required
def device_add(request):
    """Add another authenticator: scan its code, enter the six digits it shows. The others stay."""
    device = own_account.pending_device(request.user)
    form = DeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            own_account.add_device(
                user=request.user,
                device=device,
                name=form.cleaned_data["name"],
                code=form.cleaned_data["code"],
                request=request,
            )
        except AccountActionRefused as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, _("The authenticator is added: any of yours now signs you in."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/device_add.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr_code_svg(device.config_url)),
            "secret": spaced_secret(device),
        },
    )


@login_required
@reauthentication_required
def device_remove(request, pk: int):
    """Asks first (a page, and the box to tick: core.confirm), then removes; never the only authenticator
    of a role that needs one."""
    device = get_object_or_404(own_account.confirmed_devices(request.user), pk=pk)
    if request.method != "POST":
        only_one = request.user.needs_two_factor and own_account.confirmed_devices(request.user).count() == 1
        return render(request, "accounts/device_remove.html", {"device": device, "only_one": only_one})
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The authenticator “%(name)s” will be removed: its codes no longer sign you in.")
            % {"name": device.name},
            action=_("Remove it"),
            back=reverse("accounts:profile"),
        )
    try:
        own_account.remove_device(user=request.user, device=device, request=request)
    except AccountActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The authenticator “%(name)s” is removed.") % {"name": device.name})
    return redirect("accounts:profile")
