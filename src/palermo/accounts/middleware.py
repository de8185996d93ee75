from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in user who still has to enrol a second factor may reach.
ALLOWED_PREFIXES = ("/static/", "/i18n/")
ALLOWED_URL_NAMES = ("accounts:two_factor_setup", "accounts:logout")


class RequireTwoFactorMiddleware:
    """Every non-public role must have passed a second factor before it can use the app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_two_factor
            and not user.is_verified()
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            allowed = [reverse(name) for name in ALLOWED_URL_NAMES]
            if request.path not in allowed:
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)
