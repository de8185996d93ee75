import csv
import os
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.networks.dedupe import COLUMNS, DEFAULT_THRESHOLD, ENGINES, dedupe, read_records


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # a file-to-file tool: no database, no URLs

    @property
    def help(self) -> str:  # type: ignore[override]  # translated when asked for, not at import
        return _(
            "Find the records of the same person in a CSV file and write unique_id,cluster_id. The input has "
            "an id column and any of the columns {columns}. Splink's Fellegi-Sunter model, trained on the "
            "file itself without labels, on DuckDB, or on Apache Spark with --engine spark (local mode, or "
            "the cluster named by PALERMO_SPARK_MASTER; PALERMO_SPARK_CONF adds key=value;… settings, PALERMO_SPARK_CHECKPOINT_DIR a shared folder). On "
            "any problem in the input nothing is written and every problem is listed with its line and column."
        ).format(columns=", ".join(COLUMNS))

    def add_arguments(self, parser):
        parser.add_argument("input", help=gettext_lazy("CSV file of person records (UTF-8, header line)"))
        parser.add_argument("-o", "--output", required=True, help=gettext_lazy("CSV file to write"))
        parser.add_argument(
            "--id-column",
            default="unique_id",
            help=gettext_lazy("the column that identifies each record (default unique_id)"),
        )
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="duckdb",
            help=gettext_lazy("duckdb (one machine, default) or spark"),
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=gettext_lazy("match probability above which two records are linked (default %(default)s)"),
        )

    def handle(self, *args, input, output, id_column, engine, threshold, **options):
        if not 0 < threshold < 1:
            raise CommandError(_("--threshold must be between 0 and 1"))
        started = time.perf_counter()
        try:
            data = Path(input).read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(file)s: cannot be read (%(error)s)") % {"file": input, "error": error}
            ) from None
        records = read_records(data, id_column=id_column)
        if records.problems:
            for problem in records.problems:
                self.stderr.write(f"{input}: {problem}")
            raise CommandError(
                _("%(count)s problem(s); nothing was written.") % {"count": len(records.problems)}
            )
        self.stderr.write(
            _("Read %(count)s records in %(seconds).1f s")
            % {"count": len(records), "seconds": time.perf_counter() - started}
        )
        clusters = dedupe(records, engine=engine, threshold=threshold, progress=self.stderr.write)
        write_clusters(output, id_column, records.ids, clusters)
        self.stderr.write(
            _("Wrote %(clusters)s clusters of %(count)s records to %(file)s in %(seconds).1f s")
            % {
                "clusters": len(set(clusters.values())),
                "count": len(records),
                "file": output,
                "seconds": time.perf_counter() - started,
            }
        )


def write_clusters(path: str, id_column: str, ids: list[str], clusters: dict[str, str]) -> None:
    """Write the ids in input order with their cluster, all at once: a file is whole or not there."""
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(
        "w", newline="", encoding="utf-8", dir=folder, prefix=".dedupe-", suffix=".csv", delete=False
    ) as output:
        try:
            writer = csv.writer(output)
            writer.writerow((id_column, "cluster_id"))
            writer.writerows((identifier, clusters[identifier]) for identifier in ids)
        except BaseException:
            os.unlink(output.name)
            raise
    os.replace(output.name, path)
    if sys.platform != "win32":
        os.chmod(path, 0o644)
