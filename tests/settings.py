"""Test settings: the real settings in demo mode with a throwaway key and data folder."""

import os
import tempfile

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("PALERMO_DATA_DIR", tempfile.mkdtemp(prefix="palermo-tests-"))
# Playwright's sync API runs an event loop in the test thread; the ORM calls in those tests are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from palermo.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 is tested on its own
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
OPEN_DATA_IN_BACKGROUND = False  # written inline, inside the test's transaction (one test covers the thread)
