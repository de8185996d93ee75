"""Security events (login, logout, failed login) go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from palermo.accounts.throttling import record_failure
from palermo.core.audit import log_action


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    log_action("auth.login", actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action("auth.logout", actor=user, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure("auth.login.failed", username=str(credentials.get("username", "")), request=request)
