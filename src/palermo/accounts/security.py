"""Re-authentication ('sudo mode') before sensitive actions (sign-in throttling: `throttling`)."""

import time
from functools import wraps
from urllib.parse import urlencode, urlsplit, urlunsplit

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
    """Ask for the password again unless the user gave it in the last few minutes. A form sent without it
    is not carried out: the person confirms, comes back to the page of the form and sends it again (the
    action's own address answers only POST)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not recently_authenticated(request):
            back = request.get_full_path() if request.method == "GET" else _page_of_the_form(request)
            query = {"next": back} if request.method == "GET" else {"next": back, "again": 1}
            return redirect(reverse("accounts:confirm_password") + "?" + urlencode(query))
        return view(request, *args, **kwargs)

    return wrapper


def _page_of_the_form(request) -> str:
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host() and referer.path.startswith("/"):
        return urlunsplit(("", "", referer.path, referer.query, ""))
    return reverse("accounts:profile")
