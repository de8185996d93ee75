"""WSGI entry point for gunicorn: `gunicorn palermo.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
application = get_wsgi_application()

from palermo.core.warm import settle  # noqa: E402 (after the app is set up)

settle()
