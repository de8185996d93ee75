from django.core.management.base import BaseCommand, CommandError

from palermo.cooperation.domain.tracking import send_request_reminders


class Command(BaseCommand):
    help = (
        "E-mail reminders of requests for international cooperation whose date of execution or answer is "
        "near or past (run it daily, e.g. from cron); a request is reminded at most once every --every-days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-days", type=int, default=7, help="Days between two reminders (default 7)"
        )
        parser.add_argument("--dry-run", action="store_true", help="List the reminders due; send nothing")

    def handle(self, *args, every_days, dry_run, **options):
        if every_days < 1:
            raise CommandError("--every-days must be a whole number of days, 1 or more.")
        found = send_request_reminders(every_days=every_days, dry_run=dry_run)
        for due in found:
            self.stdout.write(f"request {due.request.pk}: {due.deadline} {due.due.isoformat()} -> {due.side}")
        verb = "due" if dry_run else "sent"
        self.stdout.write(f"{len(found)} reminder(s) {verb}.")
