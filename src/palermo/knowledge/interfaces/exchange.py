"""Read and write knowledge-base records as JSON Lines and CSV (the open-data format).

One record per JSON line, with the same keys as the export (see docs/knowledge.md): id and published_at
(both optional: kept when given, see knowledge/domain/exchange.py), kind, title, reference, jurisdiction (ISO alpha-3), jurisdiction_body, date (YYYY-MM-DD), year, summary and
commentary ({language: text}), text, text_language, source_url, supplied_by, anonymised, crime_types and
cross_cutting (slugs), facet_values ("group/value"), articles ("SOM:6"), countries (codes), detail (the
kind's details), defendants and victims (lists of objects). CSV has the flat columns; lists (a detail's
too) are separated by "|", the summary is in `summary_<language>` columns and the kind's details in `detail_<field>` columns;
a cell that a spreadsheet would take for a formula (= + - @ tab or carriage return first) is written
with a single quote before it, which the import removes again (palermo.core.csvsafe).
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.csvsafe import original_cell
from palermo.core.numbers import InvalidNumber, whole_number
from palermo.core.problems import Problem
from palermo.knowledge.domain.records import defendant_problems
from palermo.knowledge.domain.taxonomy import resolve_term
from palermo.knowledge.models import (
    BibliographyDetail,
    CaseDetail,
    Defendant,
    LegislationDetail,
    Record,
    RecordKind,
    StrategyDetail,
    Term,
    Victim,
    Vocabulary,
)
from palermo.register.models import Article, Party

LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
MAX_YEAR = 9999  # the last year a date can have
MAX_RECORD_ID = 2**63 - 1  # a big integer column
SCALARS = ("title", "reference", "jurisdiction_body", "text", "text_language", "source_url", "supplied_by")
LISTS = ("crime_types", "cross_cutting", "facet_values", "articles", "countries")
DETAIL_MODELS = {
    RecordKind.CASE: CaseDetail,
    RecordKind.LEGISLATION: LegislationDetail,
    RecordKind.STRATEGY: StrategyDetail,
    RecordKind.BIBLIOGRAPHY: BibliographyDetail,
}
DETAIL_COLUMNS = sorted(
    {f.attname for model in DETAIL_MODELS.values() for f in model._meta.concrete_fields} - {"record_id"}
)
CSV_COLUMNS = [
    "id",
    "kind",
    "title",
    "reference",
    "jurisdiction",
    "jurisdiction_body",
    "date",
    "year",
    "text_language",
    "source_url",
    "supplied_by",
    "anonymised",
    *LISTS,
    *(f"summary_{lang}" for lang in LANGUAGES),
    *(f"detail_{name}" for name in DETAIL_COLUMNS),
]


@dataclass
class PreparedRecord:
    """A validated line, ready for the domain to write."""

    line: int
    kind: str
    fields: dict
    relations: dict
    detail: dict
    people: dict
    record_id: int | None = None  # the file's id, kept unless the import gives new ones
    published_at: datetime | None = None  # the file's, kept when the records are imported as published


@dataclass
class Batch:
    file: str
    records: list[PreparedRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines_of_ids: dict[int, int] = field(default_factory=dict)  # each id the file gives, at its first line


class Lookups:
    """Everything a batch refers to, read once."""

    def __init__(self):
        self.parties = set(Party.objects.values_list("code", flat=True))
        self.articles = {f"{a.instrument_id}:{a.number}": a for a in Article.objects.all()}
        self.facets = {
            f"{t.parent.slug}/{t.slug}": t
            for t in Term.objects.current().filter(vocabulary=Vocabulary.FACET_VALUE).select_related("parent")
        }

        self._terms: dict[tuple[str, str], Term | None] = {}

    def term(self, vocabulary: str, slug: str) -> Term | None:
        key = (vocabulary, slug)
        if key not in self._terms:
            self._terms[key] = resolve_term(vocabulary, slug)
        return self._terms[key]


def _list(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split("|") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValueError(_("expected a list of strings"))


def prepare(data: dict, line: int, batch: Batch, lookups: Lookups) -> None:
    """Check one record's data; add it to the batch, or add its problems."""
    problems: list[Problem] = []

    def problem(name: str, message: str) -> None:
        problems.append(Problem(batch.file, line, name, message))

    with_null = [name for name, value in data.items() if _holds_null(value)]
    for name in with_null:
        problem(name, str(ProhibitNullCharactersValidator.message))
    if with_null:  # nothing else is looked at: the database could not even be asked about such text
        batch.problems.extend(problems)
        return
    kind = data.get("kind")
    if kind not in RecordKind.values:
        problem(
            "kind",
            _("'%(value)s' is not one of %(choices)s")
            % {"value": kind, "choices": ", ".join(RecordKind.values)},
        )
        batch.problems.extend(problems)
        return
    record_id = _record_id(data.get("id"), line, batch, problem)
    published_at = _published_at(data.get("published_at"), problem)
    fields: dict[str, Any] = {name: str(data.get(name) or "") for name in SCALARS}
    if not fields["title"].strip():
        problem("title", _("the title is empty"))
    for name, value in fields.items():
        try:
            Record._meta.get_field(name).run_validators(value)  # lengths, and the link's form
        except ValidationError as error:
            problem(name, "; ".join(error.messages))
    jurisdiction = str(data.get("jurisdiction") or "").upper() or None
    if jurisdiction and jurisdiction not in lookups.parties:
        problem(
            "jurisdiction", _("'%(value)s' is not a State code of the register") % {"value": jurisdiction}
        )
    if not jurisdiction and not fields["jurisdiction_body"]:
        problem("jurisdiction", _("give a State code or an international or regional body"))
    fields["jurisdiction_id"] = jurisdiction
    try:
        fields["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
    except (TypeError, ValueError):
        problem("date", _("'%(value)s' is not a date like 2016-05-04") % {"value": data.get("date")})
        fields["date"] = None
    year = data.get("year")
    if year not in (None, ""):
        try:
            fields["year"] = whole_number(year, field="year", minimum=1, maximum=MAX_YEAR)
        except InvalidNumber:
            problem("year", _("'%(value)s' is not a year") % {"value": year})
    if not data.get("date") and year in (None, ""):
        problem("date", _("give the date, or at least the year"))
    fields["anonymised"] = str(data.get("anonymised", "")).lower() in ("true", "1", "yes")
    for name in ("summary", "commentary"):
        value = data.get(name) or {}
        if not isinstance(value, dict) or any(k not in LANGUAGES for k in value):
            problem(
                name, _("expected an object with language keys (%(keys)s)") % {"keys": ", ".join(LANGUAGES)}
            )
            value = {}
        fields[name] = {k: str(v) for k, v in value.items() if v}
    relations: dict[str, list] = {}
    for name in LISTS:
        try:
            values = _list(data.get(name))
        except ValueError as error:
            problem(name, str(error))
            continue
        resolved = []
        for value in values:
            item: Any
            if name in ("crime_types", "cross_cutting"):
                item = lookups.term(
                    Vocabulary.CRIME_TYPE if name == "crime_types" else Vocabulary.CROSS_CUTTING, value
                )
            elif name == "facet_values":
                item = lookups.facets.get(value)
            elif name == "articles":
                item = lookups.articles.get(value)
            else:
                item = value.upper() if value.upper() in lookups.parties else None
            if item is None:
                problem(name, _("'%(value)s' is not known") % {"value": value})
            else:
                resolved.append(item)
        relations[name] = resolved
    detail = _checked(DETAIL_MODELS[RecordKind(kind)], data.get("detail") or {}, "detail", problem, lookups)
    people = {}
    if kind == RecordKind.CASE:
        for name, model in (("defendants", Defendant), ("victims", Victim)):
            rows = data.get(name) or []
            if not isinstance(rows, list):
                problem(name, _("expected a list of objects"))
                continue
            people[name] = [
                _checked(model, row, f"{name}[{i}]", problem, lookups) for i, row in enumerate(rows)
            ]
    if problems:
        batch.problems.extend(problems)
        return
    batch.records.append(
        PreparedRecord(line, kind, fields, relations, detail, people, record_id, published_at)
    )


def _record_id(value, line: int, batch: Batch, problem) -> int | None:
    """The record's id in the file (exports give it), or None; one id on two lines is a problem."""
    if value in (None, ""):
        return None
    try:
        record_id = whole_number(value, field="id", minimum=1, maximum=MAX_RECORD_ID)
    except InvalidNumber:
        problem("id", _("'%(value)s' is not a record number") % {"value": value})
        return None
    first = batch.lines_of_ids.setdefault(record_id, line)
    if first != line:
        problem("id", _("%(id)s is the id of line %(line)s already") % {"id": record_id, "line": first})
    return record_id


def _published_at(value, problem) -> datetime | None:
    """When the record was published, as exports write it (ISO 8601; without a time zone, UTC), or None."""
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        problem(
            "published_at",
            _("'%(value)s' is not a date and time like 2016-05-04T10:30:00+00:00") % {"value": value},
        )
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    if moment > timezone.now():
        problem("published_at", _("'%(value)s' is in the future") % {"value": value})
        return None
    return moment


def _checked(model, values: dict, where: str, problem, lookups: Lookups) -> dict:
    """Validate a detail, defendant or victim row with the model's own field rules (States against the
    batch's lookups rather than one database query per row)."""
    if not isinstance(values, dict):
        problem(where, _("expected an object"))
        return {}
    known = {f.attname for f in model._meta.concrete_fields} - {"id", "record_id"}
    unknown = set(values) - known
    if unknown:
        problem(where, _("unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
        return {}
    states = [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Party and f.attname in values
    ]
    for state_field in states:
        code = values[state_field.attname]
        if code not in (None, "") and (not isinstance(code, str) or code not in lookups.parties):
            problem(
                f"{where}.{state_field.name}",
                _("'%(value)s' is not a State code of the register") % {"value": code},
            )
            return {}
    unreadable = _unreadable(model, values)
    for name in unreadable:
        problem(f"{where}.{name}", unreadable[name])
    if unreadable:
        return {}
    instance = model(**values)
    try:
        instance.full_clean(exclude=["record", *(f.name for f in states)], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problem(f"{where}.{name}", "; ".join(messages))
        return {}
    if model is Defendant:
        contradictions = defendant_problems(verdict=instance.verdict, sentence=instance.sentence)
        for name, message in contradictions.items():
            problem(f"{where}.{name}", message)
        if contradictions:
            return {}
    return {name: getattr(instance, name) for name in values}  # as the model cleaned them (types, not text)


def _unreadable(model, values: dict) -> dict[str, str]:
    """The values the model's fields cannot even convert (a list for a number, infinity...), with what is
    wrong: full_clean would fail on them with an exception rather than a message. A list of strings (JSON)
    field takes a list of strings, or text with "|" between them."""
    found = {}
    for name, value in values.items():
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.JSONField):
            try:
                values[name] = _list(value)
            except ValueError as error:
                found[name] = str(error)
            continue
        try:
            model_field.to_python(value)
        except ValidationError:
            pass  # full_clean reports it, in the field's own words
        except (TypeError, ValueError, OverflowError):
            message = model_field.error_messages.get("invalid", RegexValidator.message)
            found[name] = str(message) % {"value": value}
    return found


def _holds_null(value) -> bool:
    """Whether text anywhere in the value (however deeply nested) has a NUL character."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and "\x00" in item:
            return True
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def read_jsonl(text: str, file: str) -> Batch:
    batch, lookups = Batch(file), Lookups()
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            json.dumps(data, ensure_ascii=False).encode()  # text the database can store (no lone surrogates)
        except json.JSONDecodeError as error:
            batch.problems.append(
                Problem(
                    file,
                    number,
                    "json",
                    _("not valid JSON (%(error)s, column %(column)s)")
                    % {"error": error.msg, "column": error.colno},
                )
            )
            continue
        except (ValueError, RecursionError) as error:  # a number of 5,000 digits, nesting 100,000 deep...
            reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
            batch.problems.append(
                Problem(file, number, "json", _("not valid JSON (%(error)s)") % {"error": reason})
            )
            continue
        if not isinstance(data, dict):
            batch.problems.append(Problem(file, number, "json", _("each line must be one JSON object")))
            continue
        prepare(data, number, batch, lookups)
    if not batch.records and not batch.problems:
        batch.problems.append(Problem(file, 1, "file", _("the file has no records")))
    return batch


def read_csv(text: str, file: str) -> Batch:
    batch, lookups = Batch(file), Lookups()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"kind", "title"} - set(reader.fieldnames or [])
    if missing:
        batch.problems.append(
            Problem(
                file, 1, "header", _("missing columns: %(columns)s") % {"columns": ", ".join(sorted(missing))}
            )
        )
        return batch
    for row in _rows(reader, batch):
        # The export puts a quote before cells a spreadsheet would take for formulas; it is not part of the data.
        data = {k: original_cell(v) if isinstance(v, str) else v for k, v in row.items() if k is not None}
        data["summary"] = {
            lang: data.pop(f"summary_{lang}", "") for lang in LANGUAGES if data.get(f"summary_{lang}")
        }
        data["detail"] = {
            name: data.pop(f"detail_{name}")
            for name in DETAIL_COLUMNS
            if data.get(f"detail_{name}", "") != ""
        }
        prepare(data, reader.line_num, batch, lookups)
    if not batch.records and not batch.problems:
        batch.problems.append(Problem(file, 1, "file", _("the file has no records")))
    return batch


def _rows(reader: csv.DictReader, batch: Batch):
    """The reader's rows; a line the csv module cannot read (a cell over its size limit of 128 KiB...) is
    reported as a problem of that line, and reading goes on with the next one."""
    rows = iter(reader)
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num + 1  # the reader counts the lines it finished
            batch.problems.append(
                Problem(batch.file, line, "csv", _("not valid CSV (%(error)s)") % {"error": error})
            )


OWN_COLUMNS = CSV_COLUMNS[1 : CSV_COLUMNS.index("anonymised")]  # kind to supplied_by, as they are


def csv_row(record_id: int, data: dict) -> list:
    """One exported record as a CSV row (CSV_COLUMNS; empty cells for what it lacks)."""
    summary, detail = data.get("summary") or {}, data.get("detail") or {}
    row = [
        record_id,
        *(data.get(name) for name in OWN_COLUMNS),
        "true" if data.get("anonymised") else "false",
        *("|".join(data.get(name, [])) for name in LISTS),
        *(summary.get(lang) for lang in LANGUAGES),
        *(detail.get(name) for name in DETAIL_COLUMNS),
    ]
    # A list (a publication's authors, keywords) is written as the import reads it: "|" between its items.
    return ["" if value is None else "|".join(value) if isinstance(value, list) else value for value in row]
