import sys

from django.core.management.base import BaseCommand, CommandError

from palermo.networks.ftm.export import write_csv_zip, write_ftm_lines
from palermo.networks.models import Investigation


class Command(BaseCommand):
    help = (
        "Export an investigation's entities as FtM JSON lines (stock FtM by default: extension entities "
        "downgraded or left out, as the summary on stderr says) or a zip of CSV files, one per schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("--investigation", type=int, required=True)
        parser.add_argument("--format", choices=["ftm", "csv"], default="ftm")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--with-extensions", action="store_true", help="keep Palermo's extension schemata"
        )

    def handle(self, *args, investigation, format, output, with_extensions, **options):
        inv = Investigation.objects.filter(pk=investigation).first()
        if inv is None:
            raise CommandError(f"no investigation {investigation}")
        writer = write_ftm_lines if format == "ftm" else write_csv_zip
        if output:
            with open(output, "wb") as out:
                summary = writer(inv, out, stock=not with_extensions)
        else:
            summary = writer(inv, sys.stdout.buffer, stock=not with_extensions)
        for line in summary.lines():
            self.stderr.write(line)
