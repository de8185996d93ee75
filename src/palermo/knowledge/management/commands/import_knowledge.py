from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from palermo.knowledge.domain.exchange import ImportFailed, import_records
from palermo.knowledge.interfaces.exchange import read_csv, read_jsonl


class Command(BaseCommand):
    help = (
        "Import knowledge-base records from JSON Lines (.jsonl) or CSV (.csv). All or nothing: on any problem "
        "nothing is written and every problem is listed with file, line and field."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--state",
            choices=["draft", "published"],
            default="draft",
            help="Curation state of the imported records (default: draft, to be verified); published "
            "records keep the file's published_at",
        )
        parser.add_argument(
            "--new-ids",
            action="store_true",
            help="Give every record a new id. By default a record keeps the id the file gives it (an export "
            "imported into another installation keeps its records' addresses); an id already taken is a "
            "problem",
        )

    def handle(self, *args, file, state, new_ids, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read as UTF-8 text ({error})") from error
        reader = read_csv if path.suffix.lower() == ".csv" else read_jsonl
        self.stdout.write(f"Checking {path.name} ...")
        batch = reader(text, path.name)
        try:
            ids = import_records(batch=batch, state=state, keep_ids=not new_ids)
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            hint = ""
            if any(problem.field == "id" for problem in failure.problems):
                hint = " To import the records beside those there already, with new ids: --new-ids."
            raise CommandError(f"{len(failure.problems)} problem(s); nothing was imported.{hint}") from None
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} records imported as {state}."))
