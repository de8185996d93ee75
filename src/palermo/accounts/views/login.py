"""Sign in with a password, then (for every non-public role) a TOTP code; throttled (`throttling`)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.forms import CodeForm, LoginForm, PasswordForm
from palermo.accounts.models import User
from palermo.accounts.security import PENDING_USER, mark_reauthenticated
from palermo.accounts.sign_in import safe_next
from palermo.accounts.throttling import Lock, account_lock, address_lock, record_failure
from palermo.accounts.two_factor import check_code
from palermo.core.audit import log_action
from palermo.core.language import url_in_language, with_language_cookie

LOCKED_SIGN_IN = "palermo_locked_sign_in"  # the user name of a sign-in while its account is locked


def _next_url(request) -> str:
    """Where to go once signed in: the page a signed-out visitor was sent here from (`sign_in`), when it
    is a path of this site."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _locked_error(form, lock: Lock):
    form.add_error(
        None,
        _("Too many failed attempts from your network. Try again in %(minutes)s minutes.")
        % {"minutes": lock.minutes_left},
    )


def _has_device(user) -> bool:
    return user.needs_two_factor and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def signed_in_redirect(request, user, target: str = ""):
    """Where a person goes once signed in: the page asked for, in the language they chose for their
    account (which also becomes the language of the next pages)."""
    target = target or _next_url(request) or reverse("core:home")
    if not user.language:
        return redirect(target)
    return with_language_cookie(redirect(url_in_language(target, user.language)), user.language)


def _to_second_factor(request, *, user, locked_username: str = ""):
    request.session[PENDING_USER] = user.pk if user is not None else None
    request.session[LOCKED_SIGN_IN] = locked_username
    next_url = _next_url(request)
    return redirect(f"{request.path}verify/" + (f"?{urlencode({'next': next_url})}" if next_url else ""))


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        password = form.cleaned_data["password"]
        if (lock := address_lock(request)) is not None:
            _locked_error(form, lock)
        elif account_lock(username) is not None:
            # Say nothing of the password: right or wrong, the sign-in goes on to the second factor, and
            # only the right password with the right code lets the owner in.
            user = authenticate(request, username=username, password=password)
            return _to_second_factor(
                request, user=user if user and _has_device(user) else None, locked_username=username
            )
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                form.add_error(None, _("The user name or password is not right."))
            elif _has_device(user):
                return _to_second_factor(request, user=user)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                mark_reauthenticated(request)
                return signed_in_redirect(request, user)
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


def login_verify(request):
    locked_username = request.session.get(LOCKED_SIGN_IN, "")
    pending = request.session.get(PENDING_USER)
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    if user is None and not locked_username:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (lock := address_lock(request)) is not None:
            _locked_error(form, lock)
        elif (checked := check_code(user, form.cleaned_data["code"]) if user else None) and checked.device:
            request.session.pop(PENDING_USER, None)
            request.session.pop(LOCKED_SIGN_IN, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, checked.device)
            mark_reauthenticated(request)
            log_action("auth.two_factor.verified", actor=user, request=request)
            return signed_in_redirect(request, user)
        else:
            reused = bool(checked and checked.already_used) and not locked_username
            record_failure(
                "auth.two_factor.failed",
                username=user.username if user else locked_username,
                request=request,
                **({"reason": "code already used"} if reused else {}),
            )
            form.add_error("code", _code_error(locked=bool(locked_username), reused=reused))
            form.data = form.data.copy()
            form.data["code"] = ""  # a refused code never works later: the box is ready for the next one
    return render(
        request,
        "accounts/login_verify.html",
        {"form": form, "next": _next_url(request), "locked": bool(locked_username)},
    )


def _code_error(*, locked: bool, reused: bool) -> str:
    if locked:  # say nothing that would tell whether the password was right
        return _("The password or the code is not right.")
    if reused:
        return _(
            "This code has already been used to sign in. Wait until your authenticator app shows the "
            "next code (a new one comes every 30 seconds) and enter that one."
        )
    return _("This code is not right or has expired. Try the current one.")


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("core:home")


def confirm_password(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    form = PasswordForm(request.POST or None)
    again = bool(request.POST.get("again") or request.GET.get("again"))  # a form sent before confirming
    if request.method == "POST" and form.is_valid():
        if (lock := address_lock(request)) is not None:
            _locked_error(form, lock)
        elif account_lock(request.user.username) is not None:
            form.add_error(
                None,
                _(
                    "Too many failed attempts on this account. Sign out and sign in again with your "
                    "password and second factor."
                ),
            )
        elif request.user.check_password(form.cleaned_data["password"]):
            mark_reauthenticated(request)
            log_action("auth.reauthenticated", actor=request.user, request=request)
            if again:
                messages.info(request, _("Your password is confirmed. Press the button again to go on."))
            return redirect(_next_url(request) or "accounts:profile")
        else:
            record_failure(
                "auth.login.failed",
                username=request.user.username,
                request=request,
                actor=request.user,
                step="reauthentication",
            )
            form.add_error("password", _("The password is not right."))
    return render(
        request, "accounts/confirm_password.html", {"form": form, "next": _next_url(request), "again": again}
    )
