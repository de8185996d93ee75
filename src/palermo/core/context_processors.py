from django.conf import settings


def palermo(request):
    """Values every page needs: demo mode and the register's as-of date."""
    from palermo.register.queries import register_as_of

    return {"demo_mode": settings.DEMO_MODE, "register_as_of": register_as_of()}
