from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.models import User
from palermo.networks.domain.imports import ImportError_, start_import
from palermo.networks.ftm.problems import message
from palermo.networks.management.run_now import run_now
from palermo.networks.models import Investigation, MemberRole, Membership, SourceKind


class Command(BaseCommand):
    help = (
        "Import FtM JSON lines, or a CSV/XLSX table with an FtM mapping, into an investigation: the same job "
        "as the web upload, run here with progress on stderr. All or nothing; problems named by line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--investigation", type=int, required=True)
        parser.add_argument("--mapping", help="an FtM mapping (YAML) for a .csv or .xlsx file")
        parser.add_argument(
            "--user", help="e-mail of the member who imports (default: the investigation's creator)"
        )

    def handle(self, *args, file, investigation, mapping, user, **options):
        inv = Investigation.objects.filter(pk=investigation).first()
        if inv is None:
            raise CommandError(f"no investigation {investigation}")
        person = User.objects.filter(email__iexact=user).first() if user else inv.created_by
        if person is None:
            raise CommandError(f"no user {user}")
        role = (
            Membership.objects.filter(investigation=inv, user=person).values_list("role", flat=True).first()
        )
        if role not in (MemberRole.LEAD, MemberRole.ANALYST):
            raise CommandError(f"{person.email} is not a lead or analyst of investigation {investigation}")
        mapping_text = Path(mapping).read_text(encoding="utf-8") if mapping else None
        kind = SourceKind.MAPPING if mapping else SourceKind.FTM_LINES
        with open(file, "rb") as fh:
            try:
                source = start_import(
                    investigation=inv,
                    user=person,
                    upload=File(fh, name=Path(file).name),
                    kind=kind,
                    mapping_text=mapping_text,
                    role_checked=True,
                )
            except ImportError_ as error:
                raise CommandError(str(error)) from error
        state = run_now(source.job, worker="import-entities")
        source.refresh_from_db()
        job = source.job
        job.refresh_from_db()
        if state != "done":
            for problem in job.result.get("problems", []):
                self.stderr.write(
                    f"{source.label}, line {problem['line']}, {problem['field']}: {message(problem)}"
                )
            raise CommandError(
                f"{job.result.get('error', state)} ({job.result.get('problem_count', 0)} problems)"
            )
        self.stdout.write(
            f"Imported {source.label}: {source.entity_count} entities, {source.statement_count} statements "
            f"(source {source.pk}). A search for candidates is queued: `palermo worker` runs it."
        )
