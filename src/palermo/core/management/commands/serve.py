import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Palermo: gunicorn in production mode, Django's server in demo mode."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("PALERMO_WORKERS", "3")))

    def handle(self, *args, bind, workers, **options):
        if settings.DEMO_MODE or settings.DEBUG:
            call_command("runserver", bind, use_reloader=False)
            return
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "palermo.wsgi",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
            ],
        )
