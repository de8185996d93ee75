from django.core.management.base import BaseCommand, CommandError

from palermo.cooperation.interfaces.authority_io import exported, to_csv, to_jsonl
from palermo.core.audit import log_action


class Command(BaseCommand):
    help = "Export the directory of competent authorities as JSON Lines or CSV (the format import-authorities reads)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", choices=["jsonl", "csv"], default="jsonl", help="jsonl (default) or csv"
        )
        parser.add_argument("--output", metavar="FILE", help="Write to FILE instead of the standard output")

    def handle(self, *args, format, output, **options):
        pieces = (to_csv if format == "csv" else to_jsonl)(exported())
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = self._write(out, pieces)
            except OSError as error:
                raise CommandError(f"--output {output}: cannot be written ({error})") from error
        else:
            count = 0
            for piece in pieces:
                self.stdout.write(piece, ending="")
                count += 1
        log_action("cooperation.authorities.exported", data={"format": format})
        if output:
            self.stderr.write(f"{count - (1 if format == 'csv' else 0)} authorities written to {output}.")

    def _write(self, out, pieces) -> int:
        count = 0
        for piece in pieces:
            out.write(piece)
            count += 1
        return count
