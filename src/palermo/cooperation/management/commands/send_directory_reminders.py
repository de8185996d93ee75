from django.core.management.base import BaseCommand

from palermo.cooperation.domain.directory_upkeep import send_directory_reminders


class Command(BaseCommand):
    help = (
        "E-mail each State whose directory entries were not verified for twelve months (its focal points "
        "and the users of those authorities), at most once a month per State."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would be reminded; send nothing")

    def handle(self, *args, dry_run, **options):
        reminders = send_directory_reminders(dry_run=dry_run)
        for reminder in reminders:
            verb = "would remind" if dry_run else "reminded"
            self.stdout.write(
                f"{reminder.party_id}: {verb} {reminder.recipients} people of "
                f"{len(reminder.stale_authorities)} stale entries"
            )
        self.stdout.write(f"{len(reminders)} States {'to remind' if dry_run else 'reminded'}.")
