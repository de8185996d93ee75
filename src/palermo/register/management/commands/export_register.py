import json
import sys

from django.core.management.base import BaseCommand

from palermo.register.interfaces.export import register_csv, register_document


class Command(BaseCommand):
    help = "Export the register as open data: one JSON document, or a flat CSV table of participation."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output)")

    def handle(self, *args, format, output, **options):
        if format == "json":
            text = json.dumps(register_document(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = register_csv()
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            sys.stdout.write(text)
