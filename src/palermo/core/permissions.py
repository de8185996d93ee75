from functools import wraps

from django.http import Http404


def require_perm(user, perm: str, obj=None) -> None:
    """Raise 404 (not 403) when the user lacks the permission: what they may not use, they do not see."""
    if not user.has_perm(perm, obj):
        raise Http404


def perm_required_or_404(perm: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_perm(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
