from django.core.management.base import BaseCommand

from palermo.register.domain.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the parties, instruments and article texts shipped with Palermo (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(f"{counts['parties']} parties and {counts['articles']} articles loaded.")
