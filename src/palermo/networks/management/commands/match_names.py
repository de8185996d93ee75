"""`palermo match-names INPUT.csv -o OUTPUT.csv [--threshold T]`.

Scores pairs of names with Palermo's name matcher. INPUT is CSV (UTF-8) with the columns
`schema,name1,name2` (schema: an FtM schema name such as Person, Company, Organization, LegalEntity,
Vessel); OUTPUT repeats them and adds `score` (0 to 1, three decimals) and `match` (true/false at the
threshold). On any problem nothing is written and every problem is named with its line and column.
"""

import csv
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from followthemoney import model

from palermo.networks.matching import DEFAULT_THRESHOLD, match_names

COLUMNS = ["schema", "name1", "name2"]
MAX_PROBLEMS = 50


def read_pairs(path: Path) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """The rows, the input's columns, and the problems found (line and column named)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [], [], [f"line {line}: not UTF-8 text ({error.reason})"]
    except OSError as error:
        return [], [], [f"{path}: cannot be read ({error.strerror})"]
    if "\x00" in text:
        return [], [], ["line 1: not a CSV file (binary content)"]
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return [], [], [f"line 1: not CSV ({error})"]
    if not header:
        return [], [], ["line 1: empty file; the header schema,name1,name2 is required"]
    header = [h.strip() for h in header]
    problems = [f"line 1, column {c}: missing" for c in COLUMNS if c not in header]
    problems += [
        f"line 1, column {i + 1} ({h!r}): unknown column; expected schema, name1, name2"
        for i, h in enumerate(header)
        if h not in COLUMNS
    ]
    if problems:
        return [], header, problems
    rows = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(f"line {line}: {len(row)} cells, the header has {len(header)}")
                continue
            record = dict(zip(header, row, strict=True))
            if model.get(record["schema"]) is None:
                problems.append(f"line {line}, column schema: unknown FtM schema {record['schema']!r}")
            for column in ("name1", "name2"):
                if not record[column].strip():
                    problems.append(f"line {line}, column {column}: empty")
            rows.append(record)
    except csv.Error as error:
        problems.append(f"line {reader.line_num}: not CSV ({error})")
    return rows, header, problems


class Command(BaseCommand):
    help = (
        "Score pairs of names with Palermo's name matcher (names across scripts, orders, initials, "
        "transliterations, legal forms). INPUT.csv has the columns schema,name1,name2 (schema: an FtM "
        "schema name such as Person, Company, Organization, LegalEntity, Vessel); OUTPUT.csv repeats them "
        "and adds score (0-1) and match (true/false at the threshold). All or nothing: on any problem "
        "nothing is written and every problem is listed with its line and column."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "input", metavar="INPUT.csv", help="UTF-8 CSV with the columns schema,name1,name2"
        )
        parser.add_argument(
            "-o", "--output", required=True, metavar="OUTPUT.csv", help="Where to write the scores"
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"Score from which a pair is a match (default {DEFAULT_THRESHOLD})",
        )

    def handle(self, *args, input, output, threshold, **options):
        if not 0 <= threshold <= 1:
            raise CommandError(f"--threshold {threshold}: must be between 0 and 1")
        rows, _, problems = read_pairs(Path(input))
        if problems:
            for problem in problems[:MAX_PROBLEMS]:
                self.stderr.write(f"{input}: {problem}")
            raise CommandError(f"{len(problems)} problem(s) in {input}; nothing was written.")
        target = Path(output)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([*COLUMNS, "score", "match"])
                matches = 0
                for row in rows:
                    score = match_names(row["schema"], row["name1"], row["name2"])
                    matches += score >= threshold
                    writer.writerow(
                        [
                            row["schema"],
                            row["name1"],
                            row["name2"],
                            f"{score:.3f}",
                            str(score >= threshold).lower(),
                        ]
                    )
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(
            self.style.SUCCESS(f"{len(rows)} pairs scored, {matches} matches; written to {output}.")
        )
