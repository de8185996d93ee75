"""Login throttling and re-authentication ('sudo mode') before sensitive actions."""

import time
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from palermo.core.audit import client_address
from palermo.core.models import AuditEntry

FAILURE_ACTIONS = ("auth.login.failed", "auth.two_factor.failed")
REAUTHENTICATED_AT = "palermo_reauthenticated_at"


def login_blocked(*, username: str, request) -> bool:
    """Too many recent failures for this user name or from this address (counted in the audit log)."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    who = Q(data__username=username.lower()) | Q(data__username=username)
    address = client_address(request)
    if address:
        who |= Q(ip_address=address)
    failures = AuditEntry.objects.filter(who, action__in=FAILURE_ACTIONS, created__gte=since).count()
    return failures >= settings.LOGIN_FAILURE_LIMIT


def mark_reauthenticated(request) -> None:
    request.session[REAUTHENTICATED_AT] = time.time()


def recently_authenticated(request) -> bool:
    at = request.session.get(REAUTHENTICATED_AT)
    return at is not None and time.time() - at < settings.REAUTHENTICATION_MINUTES * 60


def reauthentication_required(view):
    """Ask for the password again unless the user gave it in the last few minutes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not recently_authenticated(request):
            return redirect(
                reverse("accounts:confirm_password") + "?" + urlencode({"next": request.get_full_path()})
            )
        return view(request, *args, **kwargs)

    return wrapper
