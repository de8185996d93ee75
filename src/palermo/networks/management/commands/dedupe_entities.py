"""`palermo dedupe-entities INPUT.ftm.json -o OUTPUT.ftm.json [--threshold T] [--investigation N --user EMAIL]`"""

import os
import tempfile
from collections import defaultdict
from pathlib import Path

import orjson
from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.models import User
from palermo.networks.domain.resolution_dedupe import deduplicate, keep_judgements
from palermo.networks.domain.resolution_proxies import make_proxy
from palermo.networks.ftm.problems import Problems, message
from palermo.networks.ftm.readers import read_ftm_lines
from palermo.networks.matching import DEFAULT_THRESHOLD
from palermo.networks.models import Investigation, MemberRole
from palermo.networks.rules import membership_of


class Command(BaseCommand):
    help = (
        "Merge the entities of a file of FtM JSON lines that are the same (blocking keys and pair scores, "
        "clusters at the threshold) and write one entity per cluster. With --investigation, the merges are "
        "kept as judgements of that investigation for the entities it holds (by --user, else the system). "
        "Bad input is listed by line and field and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="FtM JSON lines (entities or statements)")
        parser.add_argument("-o", "--output", required=True, help="Where to write the merged FtM JSON lines")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=f"Minimum pair score to merge, 0 to 1 (default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--investigation", type=int, default=None, help="Keep the merges as its judgements"
        )
        parser.add_argument(
            "--user", default="", help="E-mail of the analyst or lead judging (default: system)"
        )

    def handle(self, *args, input, output, threshold, investigation, user, **options):
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        if not 0 <= threshold <= 1:
            raise CommandError("--threshold must be between 0 and 1.")
        target, judge = self._target(investigation, user)
        proxies = self._read(Path(input))
        found = deduplicate(proxies, threshold)
        self._write(Path(output), found)
        merged = sum(1 for cluster in found.clusters if len(cluster) > 1)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(proxies)} entities in, {len(found.clusters)} out ({merged} merged clusters, "
                f"{len(found.pairs)} pairs at {threshold:g} or above)."
            )
        )
        if target is not None:
            counts = keep_judgements(
                investigation=target, pairs=found.pairs, user=judge, file=Path(input).name
            )
            self.stdout.write(
                f"Investigation #{target.pk}: {counts['judgements']} judgements kept, {counts['already_same']} "
                f"already the same, {counts['judged_apart']} judged apart before, "
                f"{counts['not_in_investigation']} naming entities it does not hold."
            )

    def _target(self, investigation_id, email):
        if investigation_id is None:
            if email:
                raise CommandError("--user goes with --investigation.")
            return None, None
        investigation = Investigation.objects.filter(pk=investigation_id).first()
        if investigation is None:
            raise CommandError(f"There is no investigation #{investigation_id}.")
        if not email:
            return investigation, None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        membership = membership_of(user, investigation) if user else None
        if membership is None or membership.role not in (MemberRole.LEAD, MemberRole.ANALYST):
            raise CommandError(f"{email} is not an analyst or lead of investigation #{investigation_id}.")
        return investigation, user

    def _read(self, path: Path) -> dict:
        problems = Problems(path.name)
        schemata: dict[str, set[str]] = defaultdict(set)
        values: dict[str, list[tuple[str, str]]] = defaultdict(list)
        try:
            with path.open("rb") as fh:
                for fragment in read_ftm_lines(fh, problems):
                    schemata[fragment.entity_id].add(fragment.schema)
                    values[fragment.entity_id].extend((value[0], value[1]) for value in fragment.values)
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error})") from error
        if not problems and not schemata:
            problems.add(0, "", "no_entities")
        if problems:
            for problem in problems.kept:
                field = f", field {problem['field']}" if problem["field"] else ""
                self.stderr.write(f"{path.name}, line {problem['line']}{field}: {message(problem)}")
            raise CommandError(f"{problems.total} problem(s); nothing was written.")
        return {
            entity_id: make_proxy(entity_id, schemata[entity_id], values[entity_id]) for entity_id in schemata
        }

    def _write(self, path: Path, found) -> None:
        """Write to a temporary file beside the output, then move it into place: all or nothing."""
        folder = path.resolve().parent
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                for proxy in found.merged():
                    out.write(orjson.dumps(proxy.to_dict()) + b"\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
