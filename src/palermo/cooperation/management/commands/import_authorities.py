from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from palermo.cooperation.domain.authorities import ImportFailed, import_authorities
from palermo.cooperation.interfaces.authority_io import read_authorities


class Command(BaseCommand):
    help = (
        "Import authorities into the directory from CSV (.csv) or JSON Lines (.jsonl), in the format of "
        "export-authorities; an authority of the same State and name is updated. All or nothing: on any "
        "problem nothing is written and every problem is listed with its line and field."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="A .csv or .jsonl file (by its content when the extension is neither)"
        )

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"FILE {file}: cannot be read as UTF-8 text ({error})") from error
        entries, problems = read_authorities(text, path.name)
        try:
            result = import_authorities(entries=entries, file=path.name, read_problems=problems)
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(failure.problems)} problem(s); nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} authorities added, {result.updated} updated, {result.unchanged} unchanged."
            )
        )
