"""The directory as a file: JSON Lines (one authority per line, in the authority format of
`domain/authority_format.py`) or CSV (one per row, the same keys as columns; lists separated by ";",
designations as "kind" or "kind:INSTRUMENT:article", flags yes / no / empty). docs/cooperation.md,
"Directory", describes both. Reading gives (line, data) pairs and the problems of the file itself; the
domain's `import_authorities` checks each authority and writes all or nothing."""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from palermo.cooperation.domain.authority_format import KEYS, authority_data
from palermo.cooperation.models import Authority
from palermo.core.csvsafe import original_cell, writer
from palermo.core.problems import Problem

LIST_KEYS = ("phones", "emails", "channels", "languages", "records")


def looks_like_csv(name: str, text: str) -> bool:
    """By the file's extension, else by its content (JSON Lines starts with "{")."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return True
    if lowered.endswith((".jsonl", ".json", ".ndjson")):
        return False
    return not text.lstrip("\ufeff").lstrip().startswith("{")


def read_authorities(text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    return (read_csv if looks_like_csv(file, text) else read_jsonl)(text, file)


def read_jsonl(text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    entries, problems = [], []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as error:
            reason = getattr(error, "msg", None) or "nested too deeply"
            problems.append(
                Problem(file, number, "json", _("Not valid JSON (%(error)s).") % {"error": reason})
            )
            continue
        if not isinstance(data, dict):
            problems.append(Problem(file, number, "json", _("Each line must be one JSON object.")))
            continue
        entries.append((number, data))
    return entries, problems


def read_csv(text: str, file: str) -> tuple[list[tuple[int, dict]], list[Problem]]:
    entries, problems = [], []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = reader.fieldnames or []
    missing = [key for key in ("state", "name") if key not in columns]
    unknown = [column for column in columns if column not in KEYS]
    if missing or unknown:
        if missing:
            problems.append(
                Problem(
                    file, 1, "header", _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            )
        if unknown:
            problems.append(
                Problem(
                    file, 1, "header", _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}
                )
            )
        return entries, problems
    rows = iter(reader)
    while True:
        start = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(file, start, "csv", _("Not valid CSV (%(error)s).") % {"error": error}))
            continue
        if None in row:
            problems.append(Problem(file, start, "csv", _("More cells than columns.")))
            continue
        data = {key: original_cell(value) if isinstance(value, str) else "" for key, value in row.items()}
        entries.append((start, data))
    return entries, problems


def _ordered(authorities: Iterable[Authority]) -> Iterator[dict]:
    for authority in authorities:
        yield authority_data(authority)


def exported(queryset=None) -> Iterator[dict]:
    """Every authority in the authority format, by State and name."""
    queryset = queryset if queryset is not None else Authority.objects.all()
    return _ordered(
        queryset.select_related("verified_by")
        .prefetch_related("designations", "records")
        .order_by("party_id", "name", "pk")
    )


def to_jsonl(items: Iterable[dict]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False, sort_keys=False) + "\n"


def csv_cell(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "designations":
        return "; ".join(f"{d['kind']}:{d['instrument']}:{d['article']}" for d in value)
    if key in LIST_KEYS:
        return "; ".join(str(item) for item in value)
    return str(value)


def to_csv(items: Iterable[dict]) -> Iterator[str]:
    out = io.StringIO()
    rows = writer(out)
    rows.writerow(KEYS)
    yield out.getvalue()
    for item in items:
        out.seek(0)
        out.truncate()
        rows.writerow([csv_cell(key, item.get(key)) for key in KEYS])
        yield out.getvalue()
