"""A new password by e-mail: for someone who forgot theirs, or whose account is locked by failed sign-ins
(it starts the account's failure count afresh; the second factor is still asked at sign-in)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from palermo.accounts.throttling import RESET_REQUESTED, address_lock
from palermo.core.audit import log_action


class PasswordResetRequest(auth_views.PasswordResetView):
    """Always answers the same page, whether or not the address has an account (Django's form sends only
    to active accounts with a password: never to a suspended or not yet activated one)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        if (lock := address_lock(self.request, actions=(RESET_REQUESTED,))) is not None:
            form.add_error(
                None,
                _("Too many requests from your network. Try again in %(minutes)s minutes.")
                % {"minutes": lock.minutes_left},
            )
            return self.form_invalid(form)
        log_action(RESET_REQUESTED, actor_name="?", request=self.request)
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}  # not the request's Host
        return super().form_valid(form)


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        log_action("auth.password_reset.completed", actor=form.user, obj=form.user, request=self.request)
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return response
