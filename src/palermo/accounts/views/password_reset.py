"""A new password by e-mail: for someone who forgot theirs, or whose account is locked by failed sign-ins
(it starts the account's failure count afresh; the second factor is still asked at sign-in)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from palermo.accounts.domain.users import end_sessions
from palermo.accounts.mail import send_beside_the_request
from palermo.accounts.throttling import RESET_REQUESTED, RESET_SENT, address_lock, reset_mail_lock
from palermo.core.audit import log_action


class ResetForm(auth_forms.PasswordResetForm):
    """Django's form (only active accounts with a password get an e-mail), written in the person's
    language, sent beside the request (the answer takes as long with or without an account), and at most
    a few times in a row to one account however many addresses ask (no flood of e-mails)."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if reset_mail_lock(user) is None)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        with override(user.language or get_language()):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        send_beside_the_request(EmailMessage(subject, body, from_email, [to_email]))
        log_action(RESET_SENT, obj=user, actor_name="?", request=getattr(self, "request", None))


class PasswordResetRequest(auth_views.PasswordResetView):
    """Always answers the same page, whether or not the address has an account (Django's form sends only
    to active accounts with a password: never to a suspended or not yet activated one)."""

    template_name = "accounts/password_reset.html"
    form_class = ResetForm
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
        form.request = self.request
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}  # not the request's Host
        return super().form_valid(form)


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        ended = end_sessions(form.user, keep=self.request.session.session_key)
        log_action(
            "auth.password_reset.completed",
            actor=form.user,
            obj=form.user,
            request=self.request,
            data={"sessions_ended": ended},
        )
        messages.success(self.request, _("Your new password is set. Sign in with it."))
        return response
