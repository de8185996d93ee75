"""Read UN Treaty Collection status tables: the CSV scrape and the table copied as text from the UN page.

A table has a header row whose first cell is 'Participant', then one row per participant: name (maybe with
footnote numbers), signature date (maybe empty), consent date with the kind of action as a suffix (none =
ratification, A acceptance, AA approval, a accession, d succession). Lines before the header are ignored.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from palermo.core.i18n import format_date
from palermo.core.problems import Problem
from palermo.register.models import ConsentKind
from palermo.register.names import strip_footnotes

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
SUFFIX_KINDS = {
    "": ConsentKind.RATIFICATION,
    "A": ConsentKind.ACCEPTANCE,
    "AA": ConsentKind.APPROVAL,
    "a": ConsentKind.ACCESSION,
    "d": ConsentKind.SUCCESSION,
}
DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})(?:\s*(AA|A|a|d))?(?:\s+\d+(?:\s*,\s*\d+)*)?$")
CHAPTER_IN_NAME = re.compile(r"xviii[-_.]12(?:[-_.]([abc]))?(?![a-z0-9])", re.IGNORECASE)


@dataclass
class StatusRow:
    line: int
    name: str
    signature: date | None
    consent: date | None
    consent_kind: str


@dataclass
class StatusTable:
    file: str
    rows: list[StatusRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def chapter_from_file_name(path: str) -> str | None:
    """'untc-xviii-12-a.csv' -> 'XVIII-12-a' (the UN Treaty Collection chapter), or None."""
    match = CHAPTER_IN_NAME.search(Path(path).name)
    if not match:
        return None
    return "XVIII-12" + (f"-{match.group(1).lower()}" if match.group(1) else "")


def parse_date(text: str) -> tuple[date | None, str | None, str | None]:
    """(date, action suffix, error) for a cell like '17 Feb 2010 a'; empty cell gives (None, None, None)."""
    text = " ".join(text.split())
    if not text:
        return None, None, None
    match = DATE.match(text)
    if not match:
        return (
            None,
            None,
            _("'%(text)s' is not a date like '12 Dec 2000' (with an optional A, AA, a or d)")
            % {"text": text},
        )
    day, month_name, year, suffix = match.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        return None, None, _("'%(month)s' is not a month") % {"month": month_name}
    try:
        return date(int(year), month, int(day)), suffix or "", None
    except ValueError:
        return None, None, _("'%(text)s' is not a valid date") % {"text": text}


def split_line(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    if "," in line or '"' in line:
        return next(csv.reader(io.StringIO(line)))
    return re.split(r"\s{2,}", line.strip())


def parse_table(text: str, file: str) -> StatusTable:
    table = StatusTable(file=file)
    lines = text.lstrip("\ufeff").splitlines()
    header_at = next(
        (
            i
            for i, line in enumerate(lines)
            if split_line(line) and split_line(line)[0].strip().startswith("Participant")
        ),
        None,
    )
    if header_at is None:
        table.problems.append(
            Problem(file, 1, _("header"), _("no header row starting with 'Participant' was found"))
        )
        return table
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not line.strip():
            continue
        cells = [c.strip() for c in split_line(line)]
        cells += [""] * (3 - len(cells))
        if len(cells) > 3 and any(cells[3:]):
            table.problems.append(
                Problem(
                    file, number, _("row"), _("expected 3 columns, found %(count)s") % {"count": len(cells)}
                )
            )
            continue
        name = strip_footnotes(cells[0])
        if not name:
            table.problems.append(Problem(file, number, _("Participant"), _("the name is empty")))
            continue
        signature, signature_suffix, error = parse_date(cells[1])
        if error:
            table.problems.append(Problem(file, number, _("Signature"), error))
        elif signature_suffix:
            table.problems.append(
                Problem(file, number, _("Signature"), _("a signature date carries no action suffix"))
            )
        consent, suffix, consent_error = parse_date(cells[2])
        if consent_error:
            table.problems.append(Problem(file, number, _("Consent"), consent_error))
        if error or consent_error:
            continue
        if signature is None and consent is None:
            table.problems.append(
                Problem(file, number, _("row"), _("neither a signature nor a consent date is given"))
            )
            continue
        if signature and consent and signature > consent:
            table.problems.append(
                Problem(
                    file,
                    number,
                    _("Signature"),
                    _("signed on %(signature)s, after consenting to be bound on %(consent)s")
                    % {"signature": format_date(signature), "consent": format_date(consent)},
                )
            )
            continue
        kind = SUFFIX_KINDS[suffix or ""] if consent else ""
        table.rows.append(StatusRow(number, name, signature, consent, kind))
    if not table.rows and not table.problems:
        table.problems.append(Problem(file, header_at + 1, _("table"), _("the table has no rows")))
    return table


def read_table(path: str) -> StatusTable:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        table = StatusTable(file=path)
        table.problems.append(Problem(path, 0, _("file"), str(exc.strerror or exc)))
        return table
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        table = StatusTable(file=path)
        table.problems.append(Problem(path, 0, _("file"), _("the file is not UTF-8 text")))
        return table
    return parse_table(text, Path(path).name)
