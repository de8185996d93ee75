"""`palermo worker`: run background jobs (imports, entity resolution) until stopped.

Run one beside the web server (`palermo demo` starts one; production: docs/architecture.md,
"Background jobs"). Several may run at once, on one machine or several sharing the database.
"""

from django.core.management.base import BaseCommand

from palermo.core.jobs.queue import stale_seconds
from palermo.core.jobs.runner import Worker, run_pending


class Command(BaseCommand):
    help = "Run background jobs until SIGTERM or Ctrl-C (the current job stops at its next checkpoint)."
    # A worker serves no pages: the system checks (URLs, templates) are the server's, and slow its start.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the queued jobs, then exit")
        parser.add_argument(
            "--poll", type=float, default=1.0, metavar="SECONDS", help="How often to look for new jobs"
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            metavar="SECONDS",
            help=f"Take again a running job whose worker has not been heard of for this long "
            f"(a killed worker; default {stale_seconds()})",
        )
        parser.add_argument(
            "--parent-pid", type=int, default=None, help="Stop when this process ends (`palermo demo`)"
        )

    def handle(self, *args, once, poll, stale_after, parent_pid, **options):
        def log(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()  # a log file follows each line as it happens

        if once:
            ran = run_pending(stale_after=stale_after, log=log)
            log(f"{ran} job(s) run")
            return
        Worker(log=log, poll_seconds=poll, stale_after=stale_after, parent_pid=parent_pid).run()
