"""Re-authentication ('sudo mode') before sensitive actions (sign-in throttling: `throttling`)."""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

REAUTHENTICATED_AT = "palermo_reauthenticated_at"
PENDING_USER = "palermo_pending_user"  # the session of someone between password and second factor


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
