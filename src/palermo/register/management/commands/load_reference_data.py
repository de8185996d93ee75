from django.core.management.base import BaseCommand, CommandError

from palermo.register.domain.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the parties, instruments and article texts shipped with Palermo (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_reference_data()
        except ReferenceDataError as problem:
            raise CommandError(f"Nothing was loaded: {problem}") from None
        self.stdout.write(f"{counts['parties']} parties and {counts['articles']} articles loaded.")
