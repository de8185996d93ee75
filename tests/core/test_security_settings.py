import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/en/register/parties/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    )
    assert response["X-Frame-Options"] == "DENY"


def test_forms_are_protected_against_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/accounts/login/", {"username": "x", "password": "y"}).status_code == 403


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALERMO_")}
    env.update(DJANGO_SETTINGS_MODULE="palermo.settings", PALERMO_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "PALERMO_SECRET_KEY" in result.stderr


def test_demo_mode_generates_and_keeps_a_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALERMO_")}
    env.update(DJANGO_SETTINGS_MODULE="palermo.settings", PALERMO_DATA_DIR=str(tmp_path), PALERMO_DEMO="1")
    command = [
        sys.executable,
        "-c",
        "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert first == second and len(first.strip()) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_mode_uses_secure_cookies(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALERMO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="palermo.settings", PALERMO_DATA_DIR=str(tmp_path), PALERMO_SECRET_KEY="x" * 50
    )
    command = [
        sys.executable,
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)",
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert output == ["True", "True", "True", "31536000"]


def test_not_found_page_is_the_apps_own_and_translated(client, settings):
    settings.DEBUG = False
    response = client.get("/fr/register/parties/XXX/")
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()


def test_csrf_failure_explains_itself(client):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/en/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403 and "The form has expired" in response.content.decode()


def test_deploy_check_passes_in_production_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PALERMO_", "DJANGO_ALLOW_ASYNC"))}
    env.update(
        DJANGO_SETTINGS_MODULE="palermo.settings",
        PALERMO_DATA_DIR=str(tmp_path),
        PALERMO_SECRET_KEY="k" * 20 + "production-like-secret-key-for-the-check",
        PALERMO_ALLOWED_HOSTS="palermo.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
