from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.models import User
from palermo.cooperation.rules import PRACTITIONER_ROLES, authority_of
from palermo.networks.domain.watch_lists import WatchListError, start_load
from palermo.networks.ftm.problems import message
from palermo.networks.management.run_now import run_now


class Command(BaseCommand):
    help = (
        "Load a sanctions or watch list (FtM JSON lines, e.g. an OpenSanctions entities.ftm.json export) "
        "for the authority of --user: the same job as the web upload, run here with progress on stderr. All "
        "or nothing; problems named by line. The authority's investigations are then queued for screening."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--name", required=True, help="the list's name as people will see it")
        parser.add_argument("--publisher", default="", help="who publishes it and which edition")
        parser.add_argument("--user", required=True, help="e-mail of a practitioner of the authority")

    def handle(self, *args, file, name, publisher, user, **options):
        person = User.objects.filter(email__iexact=user).first()
        if person is None:
            raise CommandError(f"no user {user}")
        if person.role not in PRACTITIONER_ROLES or not (person.is_active and person.is_approved):
            raise CommandError(f"{person.email} is not an active, approved practitioner")
        if authority_of(person) is None:
            raise CommandError(f"{person.email} works at no competent authority of the directory")
        with open(file, "rb") as fh:
            try:
                watch_list = start_load(
                    user=person,
                    upload=File(fh, name=Path(file).name),
                    name=name,
                    publisher=publisher,
                    role_checked=True,
                )
            except WatchListError as error:
                raise CommandError(str(error)) from error
        state = run_now(watch_list.job, worker="load-watch-list")
        watch_list.refresh_from_db()
        result = watch_list.job.result
        if state != "done":
            for problem in result.get("problems", []):
                self.stderr.write(
                    f"{watch_list.file_name}, line {problem['line']}, {problem['field']}: {message(problem)}"
                )
            raise CommandError(f"{result.get('error', state)} ({result.get('problem_count', 0)} problems)")
        self.stdout.write(
            f"Loaded {watch_list.name}: {watch_list.entity_count} entities screened against, "
            f"{watch_list.skipped_count} others not (list {watch_list.pk}). "
            f"{result.get('investigations_screened', 0)} investigations are queued for screening: "
            "`palermo worker` runs them."
        )
