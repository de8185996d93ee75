"""The `palermo` command as the README writes it: the demo says in a screenful what it loaded and how to sign
in, serves on the port asked for, and leaves a settings file through which every other command finds the
installation without PALERMO_DEMO=1 (docs/configuration.md). Each command runs in a clean environment."""

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from palermo.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

REPO = Path(__file__).resolve().parent.parent.parent


def palermo(*args: str, data_dir: Path, timeout: int = 300, **environment: str):
    """Run `palermo ARGS` with nothing in the environment but the path, the home folder and the data folder."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PALERMO_DATA_DIR": str(data_dir),
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "palermo.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo prepared in its own data folder; what `palermo demo --no-serve` printed."""
    data_dir = tmp_path_factory.mktemp("demo")
    result = palermo("demo", "--no-serve", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir, result.stdout


def test_the_demo_prints_a_screenful_with_the_address_and_the_logins(demo):
    data_dir, output = demo
    lines = output.splitlines()
    assert len(lines) <= 40, output
    assert "Palermo demo: http://127.0.0.1:8000/" in lines
    assert f"Demo logins (password for all: {DEMO_PASSWORD}):" in lines
    for email, *_rest in DEMO_ACCOUNTS:
        assert any(line.strip().startswith(email) for line in lines), email
    assert f"details in {data_dir / 'demo.log'}" in lines[0]
    for step in ("Register", "Treaty status as at 2015-03-14", "Demo knowledge base", "Demo review cycle"):
        line = next(line for line in lines if line.strip().startswith(step))
        assert line.endswith(" s)") and any(char.isdigit() for char in line), line
    assert "parties" in output and "published records" in output and "reviews" in output


def test_the_demo_keeps_its_details_in_the_log(demo):
    data_dir, output = demo
    log = (data_dir / "demo.log").read_text(encoding="utf-8")
    assert "changes recorded" in log and "Applying" in log
    assert "participation: - -> added" not in output


def test_the_demo_writes_a_settings_file_that_only_its_owner_reads(demo):
    data_dir, _output = demo
    path = data_dir / "palermo.env"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    settings = dict(
        line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#")
    )
    assert settings["PALERMO_DEMO"] == "1" and len(settings["PALERMO_SECRET_KEY"]) >= 50


def test_commands_find_the_demo_without_palermo_demo_in_the_environment(demo):
    data_dir, _output = demo
    export = palermo("export-register", "--format", "csv", data_dir=data_dir)
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("code,name,") and "\nITA,Italy," in export.stdout
    code = palermo("demo-totp", "expert@demo.palermo.invalid", data_dir=data_dir)
    assert code.returncode == 0 and code.stdout.strip().isdigit() and len(code.stdout.strip()) == 6


def test_a_second_demo_run_serves_on_the_port_asked_for(demo):
    data_dir, _output = demo
    result = palermo("demo", "--no-serve", "--port", "8100", data_dir=data_dir)
    assert result.returncode == 0 and "Palermo demo: http://127.0.0.1:8100/" in result.stdout
    assert "up to date" in result.stdout and "written" not in result.stdout  # the settings file is kept
    bad = palermo("demo", "--no-serve", "--bind", "localhost:http", data_dir=data_dir)
    assert bad.returncode != 0 and "'localhost:http' is not HOST:PORT" in bad.stderr


def test_the_demo_server_answers_on_the_port_asked_for(demo):
    data_dir, _output = demo
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PALERMO_DATA_DIR": str(data_dir),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "palermo.cli", "demo", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=5) as response:
                    status = response.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_demo_passes_the_port_on():
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "demo", "PORT=8100"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[-1].endswith("palermo demo --bind 127.0.0.1:8100")


def test_without_a_settings_file_a_command_says_what_to_do(tmp_path):
    result = palermo("export-register", data_dir=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("palermo: PALERMO_SECRET_KEY (or PALERMO_SECRET_KEY_FILE) is not set")
    assert f"{tmp_path / 'palermo.env'} (there is no such file)" in result.stderr
    assert "run `palermo demo`" in result.stderr and "`palermo init`" in result.stderr


def test_init_writes_a_settings_file_with_a_new_secret_key_once(tmp_path):
    first = palermo("init", data_dir=tmp_path)
    assert first.returncode == 0 and str(tmp_path / "palermo.env") in first.stdout
    path = tmp_path / "palermo.env"
    written = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "\nPALERMO_SECRET_KEY=" in written
    again = palermo("init", data_dir=tmp_path)
    assert again.returncode == 1 and "exists already" in again.stderr and path.read_text() == written
    check = palermo("check", data_dir=tmp_path)
    assert check.returncode == 0, check.stderr


def read_settings(data_dir: Path, *names: str, **environment: str) -> list[str]:
    code = "import django; django.setup(); from django.conf import settings as s; " + "; ".join(
        f"print(s.{name})" for name in names
    )
    env = {
        "PATH": os.environ["PATH"],
        "PALERMO_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "palermo.settings",
        **environment,
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_environment_wins_over_the_settings_file_and_the_file_over_the_defaults(tmp_path):
    (tmp_path / "palermo.env").write_text(
        "# comment\nPALERMO_SECRET_KEY=from-the-file-" + "k" * 40 + "\n"
        "export PALERMO_SITE_URL='https://file.example.org'\n\nPALERMO_SESSION_HOURS=3\n"
    )
    names = ("SITE_URL", "SESSION_COOKIE_AGE", "LOGIN_FAILURE_LIMIT", "SECRET_KEY")
    from_file = ["https://file.example.org", str(3 * 3600), "5", "from-the-file-" + "k" * 40]
    assert read_settings(tmp_path, *names) == from_file  # the login failure limit from neither: the default
    environment = {"PALERMO_SITE_URL": "https://env.example.org", "PALERMO_SECRET_KEY": "e" * 50}
    assert read_settings(tmp_path, *names, **environment) == [
        "https://env.example.org",
        *from_file[1:3],
        "e" * 50,
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("just words", "palermo.env, line 2: expected NAME=value, not 'just words'"),
        ("HOME=/root", "palermo.env, line 2: HOME is not a Palermo setting"),
        ("PALERMO_DATA_DIR=/srv", "palermo.env, line 2: PALERMO_DATA_DIR cannot come from the file"),
        ("PALERMO_HTTPS=maybe", "PALERMO_HTTPS must be true or false, not 'maybe'"),
    ],
)
def test_a_bad_line_of_the_settings_file_is_named(tmp_path, line, expected):
    (tmp_path / "palermo.env").write_text(f"PALERMO_SECRET_KEY={'s' * 50}\n{line}\n")
    result = palermo("check", data_dir=tmp_path)
    assert result.returncode == 2 and expected in result.stderr and "Traceback" not in result.stderr
