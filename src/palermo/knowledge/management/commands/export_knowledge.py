from django.core.management.base import BaseCommand

from palermo.knowledge.domain.export import export_published


class Command(BaseCommand):
    help = "Export every published knowledge-base record as JSON Lines or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args, format, output, **options):
        if not output:
            for chunk in export_published(format):
                self.stdout.write(chunk, ending="")
            return
        with open(output, "w", encoding="utf-8", newline="") as handle:
            for chunk in export_published(format):
                handle.write(chunk)
        self.stderr.write(f"Wrote {output}")
