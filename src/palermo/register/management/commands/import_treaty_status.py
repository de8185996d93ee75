from datetime import date

from django.core.management.base import BaseCommand, CommandError

from palermo.register.domain.status_import import StatusImportFailed, import_treaty_status
from palermo.register.interfaces.treaty_status import chapter_from_file_name, read_table
from palermo.register.models import Instrument


class Command(BaseCommand):
    help = (
        "Import UN Treaty Collection status tables (CSV, or the table copied as text from the UN page). "
        "Each file's instrument comes from its name (xviii-12, xviii-12-a, -b, -c) or from FILE=CODE. "
        "All or nothing: on any problem nothing is written and every problem is listed with file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE[=INSTRUMENT]")
        parser.add_argument("--as-of", required=True, help="Date the tables show the status at (YYYY-MM-DD)")
        parser.add_argument(
            "--source", default="", help="Where the tables come from (default: UN Treaty Collection)"
        )

    def handle(self, *args, files, as_of, source, **options):
        try:
            as_of_date = date.fromisoformat(as_of)
        except ValueError as exc:
            raise CommandError(f"--as-of: '{as_of}' is not a date like 2015-03-14") from exc
        chapters = dict(Instrument.objects.values_list("untc_chapter", "code"))
        tables = []
        for spec in files:
            path, _sep, code = spec.partition("=")
            code = code.upper() or chapters.get(chapter_from_file_name(path) or "", "")
            if not code:
                raise CommandError(
                    f"{path}: cannot tell which instrument this table is for; write {path}=UNTOC (or TIP, SOM, "
                    "FIREARMS)"
                )
            self.stdout.write(f"Reading {path} ({code}) ...")
            table = read_table(path)
            self.stdout.write(f"  {len(table.rows)} rows, {len(table.problems)} problems")
            tables.append((table, code))
        source = source or "UN Treaty Collection, chapter XVIII (status tables: {})".format(
            ", ".join(t.file for t, _ in tables)
        )
        try:
            report = import_treaty_status(tables=tables, as_of=as_of_date, source=source)
        except StatusImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(failure.problems)} problem(s); nothing was imported.") from None
        if not report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{report.rows_read} rows read; the register already holds this status, nothing changed."
                )
            )
            return
        for change in report.changes:
            self.stdout.write(
                f"  {change.instrument_id} {change.party_id} {change.field}: "
                f"{change.old_value or '-'} -> {change.new_value or '-'}"
            )
        for code, missing in report.not_in_file.items():
            if missing:
                self.stdout.write(
                    f"  {code}: {len(missing)} parties in the register are not in the file "
                    f"and were left unchanged: {', '.join(missing)}"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows_read} rows read, {len(report.changes)} changes recorded "
                f"(import #{report.status_import.pk}, status as of {as_of_date})."
            )
        )
