"""Sign in with a password, then (for every non-public role) a TOTP code."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.forms import CodeForm, LoginForm, PasswordForm
from palermo.accounts.models import User
from palermo.accounts.security import login_blocked, mark_reauthenticated
from palermo.core.audit import log_action

PENDING_USER = "palermo_pending_user"
BLOCKED_MESSAGE = "Too many failed attempts. Wait %(minutes)s minutes and try again."


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _blocked_error(form):
    form.add_error(None, _(BLOCKED_MESSAGE) % {"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES})


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip()
        if login_blocked(username=username, request=request):
            _blocked_error(form)
        else:
            user = authenticate(request, username=username.lower(), password=form.cleaned_data["password"])
            if user is None:
                form.add_error(None, _("The user name or password is not right."))
            elif user.needs_two_factor and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                request.session[PENDING_USER] = user.pk
                return redirect(f"{request.path}verify/?next={_next_url(request)}")
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                mark_reauthenticated(request)
                return redirect(_next_url(request) or "core:home")
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


def login_verify(request):
    user = User.objects.filter(pk=request.session.get(PENDING_USER), is_active=True).first()
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if login_blocked(username=user.username, request=request):
            _blocked_error(form)
        elif device is not None and device.verify_token(form.cleaned_data["code"]):
            del request.session[PENDING_USER]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            mark_reauthenticated(request)
            log_action("auth.two_factor.verified", actor=user, request=request)
            return redirect(_next_url(request) or "core:home")
        else:
            log_action(
                "auth.two_factor.failed",
                actor_name=user.username,
                data={"username": user.username},
                request=request,
            )
            form.add_error("code", _("This code is not right or has expired. Try the current one."))
    return render(request, "accounts/login_verify.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("core:home")


def confirm_password(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            mark_reauthenticated(request)
            log_action("auth.reauthenticated", actor=request.user, request=request)
            return redirect(_next_url(request) or "accounts:profile")
        log_action(
            "auth.login.failed",
            actor_name=request.user.username,
            data={"username": request.user.username, "step": "reauthentication"},
            request=request,
        )
        form.add_error("password", _("The password is not right."))
    return render(request, "accounts/confirm_password.html", {"form": form, "next": _next_url(request)})
