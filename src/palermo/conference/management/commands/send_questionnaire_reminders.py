from django.core.management.base import BaseCommand

from palermo.conference.domain.questionnaire_reminders import send_questionnaire_reminders


class Command(BaseCommand):
    help = (
        "E-mail the focal points of States that have not submitted their reply to a questionnaire, from 14 "
        "days before its deadline and after it while it is open (run it daily, e.g. from cron). A State is "
        "reminded at most once every --every-days days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-days", type=int, default=7, help="Days between two reminders (default 7)"
        )
        parser.add_argument("--dry-run", action="store_true", help="List the reminders due; send nothing")

    def handle(self, *args, every_days, dry_run, **options):
        sent = send_questionnaire_reminders(every_days=every_days, dry_run=dry_run)
        for due, user in sent:
            late = " (late)" if due.late else ""
            self.stdout.write(f"{due.reply.questionnaire}: {due.reply.party_id}{late} -> {user.email}")
        verb = "due" if dry_run else "sent"
        self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
