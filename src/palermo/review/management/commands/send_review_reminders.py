from django.core.management.base import BaseCommand

from palermo.review.domain.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail reminders of overdue Review Mechanism steps (run it daily, e.g. from cron). The same person "
        "is reminded of the same step at most once every --every-days days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-days", type=int, default=7, help="Days between two reminders (default 7)"
        )
        parser.add_argument("--dry-run", action="store_true", help="List the reminders due; send nothing")

    def handle(self, *args, every_days, dry_run, **options):
        sent = send_reminders(every_days=every_days, dry_run=dry_run)
        for overdue, user in sent:
            self.stdout.write(f"{overdue.review}: {overdue.step} (due {overdue.due}) -> {user.email}")
        verb = "due" if dry_run else "sent"
        self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
