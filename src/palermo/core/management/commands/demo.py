"""`palermo demo`: prepare the demo and serve it, saying in a screenful what was loaded and how to sign in.

Each step prints one line with what the database then holds and how long the step took; what the steps
themselves print (migrations, every treaty-status change) goes to `<data folder>/demo.log`, or here with
--verbose. The demo writes the installation's settings file (`palermo.env`, demo mode and a secret key) so
that every other `palermo` command finds the demo without PALERMO_DEMO=1.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from palermo import installation
from palermo.accounts.demo import DEMO_PASSWORD, create_demo_accounts, demo_totp_secret
from palermo.conference.demo import create_demo_conference
from palermo.conference.models import Decision
from palermo.cooperation.demo import create_demo_directory
from palermo.cooperation.demo_requests import create_demo_requests
from palermo.cooperation.models import Authority, Request
from palermo.knowledge.demo import create_demo_corpus
from palermo.knowledge.models import Record, Term
from palermo.networks.demo import create_demo_investigations
from palermo.networks.models import Entity
from palermo.register.demo import create_demo_declarations
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files
from palermo.register.models import Article, Declaration, Instrument, Participation, Party
from palermo.review.demo import create_demo_cycle
from palermo.review.models import Review, ReviewCycle, StepDocument

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
LOG_NAME = "demo.log"
WORKER_LOG_NAME = "worker.log"


class Command(BaseCommand):
    help = "Prepare the demo (database, real reference data, 2015 treaty status, demo accounts) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not start the server")
        parser.add_argument(
            "--bind",
            "--addrport",
            metavar="HOST:PORT",
            help=f"Address to serve on (default {DEFAULT_HOST}:{DEFAULT_PORT})",
        )
        parser.add_argument("--port", type=int, help=f"Port to serve on (default {DEFAULT_PORT})")
        parser.add_argument(
            "--verbose",
            action="store_true",
            help=f"Print what each step does here instead of into <data folder>/{LOG_NAME}",
        )

    def handle(self, *args, no_serve, bind, port, verbose, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The demo runs only with PALERMO_DEMO=1 (`palermo demo` sets it).")
        host, port = serving_address(bind, port)
        verbose = verbose or options["verbosity"] >= 2
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        log_path = Path(settings.DATA_DIR) / LOG_NAME
        with open(log_path, "w", encoding="utf-8") as log:
            self.details = self.stdout if verbose else log
            self.verbose = verbose
            where = "" if verbose else f"; details in {log_path}"
            self.stdout.write(f"Preparing the Palermo demo in {settings.DATA_DIR}{where}")
            users = self.prepare()
        settings_note = self.write_settings_file()
        url = f"http://{host}:{port}/"
        self.summary(url, users, settings_note)
        if not no_serve:
            if not (os.environ.get("PALERMO_SITE_URL") or settings.FILE_SETTINGS.get("PALERMO_SITE_URL")):
                settings.SITE_URL = url.rstrip("/")  # links in the e-mails the demo prints
            worker, worker_log = start_worker()
            self.stdout.write(f"Background jobs: a worker runs beside the server (log: {worker_log}).")
            self.stdout.write(f"Serving {url} (Ctrl-C stops the server).")
            # SIGTERM (a service manager, a test) ends the server through `finally`, which stops the worker.
            signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
            try:
                call_command("runserver", f"{host}:{port}", use_reloader=False)
            finally:
                stop_worker(worker)

    def prepare(self) -> list:
        with self.step("Translations"):
            call_command("compile_translations", stdout=self.details)
            self.done(f"{len(settings.LANGUAGES)} languages")
        with self.step("Database"):
            before = self.applied_migrations()
            call_command("migrate", interactive=False, verbosity=1, stdout=self.details)
            applied = self.applied_migrations() - before
            self.done(f"{applied} migrations applied" if applied else "up to date")
        with self.step("Register"):
            call_command("load_reference_data", stdout=self.details)
            self.done(
                f"{Party.objects.count()} parties, {Instrument.objects.count()} instruments, "
                f"{Article.objects.count()} articles"
            )
        with self.step(f"Treaty status as at {BUNDLED_STATUS_AS_OF}"):
            call_command(
                "import_treaty_status",
                *map(str, bundled_status_files()),
                as_of=BUNDLED_STATUS_AS_OF.isoformat(),
                stdout=self.details,
            )
            self.done(f"{Participation.objects.count()} participations")
        with self.step("Knowledge-base taxonomy"):
            call_command("load_taxonomy", stdout=self.details)
            self.done(f"{Term.objects.count()} terms")
        with self.step("Demo accounts and declarations"):
            users = create_demo_accounts()
            create_demo_declarations()
            self.done(
                f"{len(users)} accounts, {Declaration.objects.filter(is_demo=True).count()} declarations"
            )
        with self.step("Demo knowledge base"):
            create_demo_corpus()
            self.done(f"{Record.objects.published().count()} published records")
        with self.step("Demo review cycle"):
            create_demo_cycle()
            self.done(
                f"{ReviewCycle.objects.count()} cycle, {Review.objects.count()} reviews, "
                f"{StepDocument.objects.count()} documents"
            )
        with self.step("Demo directory of authorities"):
            create_demo_directory()
            self.done(
                f"{Authority.objects.count()} authorities of "
                f"{Authority.objects.values('party').distinct().count()} States"
            )
        with self.step("Demo requests for cooperation"), redirect_stdout(self.details):
            create_demo_requests()  # the e-mails the moves send (console backend) go to the details
            self.done(f"{Request.objects.filter(is_demo=True).count()} requests")
        with self.step("Demo Conference of the Parties"):
            meetings = create_demo_conference()
            self.done(
                f"{len(meetings)} meetings, {Decision.objects.filter(meeting__in=meetings).count()} resolution"
            )
        with self.step("Demo investigations"), redirect_stdout(self.details):
            investigations = create_demo_investigations()
            self.done(
                f"{len(investigations)} investigations, "
                f"{Entity.objects.filter(investigation__in=investigations).count()} entities"
            )
        return users

    @contextmanager
    def step(self, label: str):
        """One line for the step: its label as it starts, then what it left and how long it took."""
        self.result = ""
        self.stdout.write(f"  {label + ' ':.<34} ", ending="\n" if self.verbose else "")
        self.stdout.flush()
        started = time.monotonic()
        try:
            yield
        except BaseException:
            self.stdout.write("failed" if self.verbose else f"failed (details in {self.details.name})")
            raise
        elapsed = time.monotonic() - started
        text = f"{self.result} ({elapsed:.1f} s)"
        self.stdout.write(f"  {label + ' ':.<34} {text}" if self.verbose else text)

    def done(self, result: str) -> None:
        self.result = result

    def applied_migrations(self) -> int:
        recorder = MigrationRecorder(connection)
        return recorder.migration_qs.count() if recorder.has_table() else 0

    def write_settings_file(self) -> str:
        """Write `palermo.env` with demo mode and the demo's secret key, unless the folder has one. Returns
        what to tell about it."""
        path = settings.SETTINGS_FILE
        if path.exists():
            if settings.FILE_SETTINGS.get("PALERMO_DEMO", "").lower() not in ("1", "true", "yes", "on"):
                return (
                    f"{path} does not turn demo mode on: other commands need PALERMO_DEMO=1 "
                    "(or add PALERMO_DEMO=1 to that file)."
                )
            return f"Settings: {path} (every palermo command reads it)."
        from_environment = bool(
            os.environ.get("PALERMO_SECRET_KEY") or os.environ.get("PALERMO_SECRET_KEY_FILE")
        )
        key = installation.new_secret_key() if from_environment else settings.SECRET_KEY
        installation.write_settings_file(
            path,
            {"PALERMO_DEMO": "1", "PALERMO_SECRET_KEY": key},
            purpose="the demo's (`palermo demo`); never on a public server",
        )
        return f"Settings: {path} written (every palermo command reads it)."

    def summary(self, url: str, users: list, settings_note: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Palermo demo: {url}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max((len(user.email) for user in users), default=0) + 2
        role_width = max((len(str(user.get_role_display())) for user in users), default=0) + 2
        for user in users:
            line = f"  {user.email:{width}}{user.get_role_display()!s:{role_width}}"
            if user.needs_two_factor:
                line += f"TOTP key {demo_totp_secret(user.email)}"
            self.stdout.write(line.rstrip())
        self.stdout.write(
            "Add a TOTP key to an authenticator app, or print the current code with "
            f"`{command_prefix()}.venv/bin/palermo demo-totp EMAIL`."
        )
        self.stdout.write(settings_note)


def serving_address(bind: str | None, port: int | None) -> tuple[str, int]:
    """The host and port to serve on, from --bind HOST:PORT and --port (which wins for the port)."""
    host, bound_port = DEFAULT_HOST, DEFAULT_PORT
    if bind:
        given_host, colon, given_port = bind.rpartition(":")
        if not colon:  # a port alone
            given_host, given_port = "", bind
        if not given_port.isdigit():
            raise CommandError(f"--bind: '{bind}' is not HOST:PORT, e.g. 127.0.0.1:8100")
        host, bound_port = given_host or DEFAULT_HOST, int(given_port)
    port = bound_port if port is None else port
    if not 1 <= port <= 65535:
        raise CommandError(f"the port must be a number from 1 to 65535, not {port}")
    return host, port


def command_prefix() -> str:
    """What to type before a palermo command for it to find this demo: the data folder, when it is not
    the default one."""
    given = os.environ.get("PALERMO_DATA_DIR")
    return f"PALERMO_DATA_DIR={given} " if given else ""


def start_worker() -> tuple[subprocess.Popen, Path]:
    """`palermo worker` as a child process logging to <data folder>/worker.log. In a session of its own,
    so that Ctrl-C reaches only the server, which then stops the worker once (it stops the same way if
    this process is killed: it watches its parent)."""
    log_path = Path(settings.DATA_DIR) / WORKER_LOG_NAME
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 (the child holds it; closed on exit below)
    command = [sys.executable, "-m", "palermo.cli", "worker", "--parent-pid", str(os.getpid())]
    worker = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy()
    )
    log.close()  # the child has its own copy of the file
    return worker, log_path


def stop_worker(worker: subprocess.Popen) -> None:
    """Ask the worker to stop (its job stops at the next checkpoint and is queued again); kill it if it
    has not stopped within 10 s (its job then resumes from its checkpoint at the next start)."""
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
