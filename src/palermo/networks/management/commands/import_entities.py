import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.models import User
from palermo.core.jobs import JobContext
from palermo.core.jobs.queue import claim_next
from palermo.core.jobs.runner import run_job
from palermo.networks.domain.imports import ImportError_, start_import
from palermo.networks.ftm.problems import message
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
        progress = JobContext.progress

        def report(ctx, done, total=None, *, checkpoint=None, note=""):
            progress(ctx, done, total, checkpoint=checkpoint, note=note)
            sys.stderr.write(f"\r{ctx.job.note or ''} {done:,}/{ctx.job.total or '?'} {ctx.job.unit}   ")

        JobContext.progress = report
        try:
            # Older queued imports run first, as the worker would run them.
            while claimed := claim_next(worker="import-entities", kinds=[source.job.kind]):
                state = run_job(*claimed)
                if claimed[0].pk == source.job_id:
                    break
            else:
                raise CommandError(f"job {source.job_id} was taken by a worker")
        finally:
            JobContext.progress = progress
        sys.stderr.write("\n")
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
