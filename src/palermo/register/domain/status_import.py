"""Import treaty status tables into the register: all or nothing, idempotent, every change recorded."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.core.i18n import format_date
from palermo.register.domain.participation import recompute_entry_into_force
from palermo.register.interfaces.treaty_status import Problem, StatusRow, StatusTable
from palermo.register.models import Instrument, Participation, Party, StatusChange, StatusImport
from palermo.register.names import NameResolver

TRACKED_FIELDS = ("signature", "consent", "consent_kind")


class StatusImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportReport:
    status_import: StatusImport | None
    rows_read: int = 0
    changes: list[StatusChange] = field(default_factory=list)
    not_in_file: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.status_import is not None


def _text(value) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")


def validate_tables(
    tables: list[tuple[StatusTable, str]], *, as_of: date
) -> tuple[dict[str, dict[str, StatusRow]], list[Problem]]:
    """Resolve names and check every row; returns {instrument: {party code: row}} and the problems found."""
    problems = [p for table, _code in tables for p in table.problems]
    resolver = NameResolver(Party.objects.all())
    instruments = set(Instrument.objects.values_list("code", flat=True))
    current_as_of = {
        code: latest
        for code, latest in Participation.objects.values_list("instrument_id", "as_of").order_by("as_of")
    }
    result: dict[str, dict[str, StatusRow]] = {}
    for table, code in tables:
        if code not in instruments:
            problems.append(
                Problem(table.file, 0, _("instrument"), _("unknown instrument %(code)s") % {"code": code})
            )
            continue
        if code in result:
            problems.append(
                Problem(
                    table.file,
                    0,
                    _("instrument"),
                    _("a second table for %(code)s in one import") % {"code": code},
                )
            )
            continue
        if code in current_as_of and current_as_of[code] > as_of:
            problems.append(
                Problem(
                    table.file,
                    0,
                    _("as-of date"),
                    _("the register holds status of %(code)s as of %(current)s, newer than %(as_of)s")
                    % {
                        "code": code,
                        "current": format_date(current_as_of[code]),
                        "as_of": format_date(as_of),
                    },
                )
            )
        rows: dict[str, StatusRow] = {}
        for row in table.rows:
            party_code = resolver.resolve(row.name)
            if party_code is None:
                problems.append(
                    Problem(
                        table.file,
                        row.line,
                        _("Participant"),
                        _("unknown participant '%(name)s' (add the spelling to the aliases in parties.csv)")
                        % {"name": row.name},
                    )
                )
                continue
            if row.consent and row.consent > as_of:
                problems.append(
                    Problem(
                        table.file,
                        row.line,
                        _("Consent"),
                        _("%(date)s is after the as-of date %(as_of)s")
                        % {"date": format_date(row.consent), "as_of": format_date(as_of)},
                    )
                )
            earlier = rows.get(party_code)
            if earlier is not None:
                same = (earlier.signature, earlier.consent, earlier.consent_kind) == (
                    row.signature,
                    row.consent,
                    row.consent_kind,
                )
                if not same:
                    problems.append(
                        Problem(
                            table.file,
                            row.line,
                            _("Participant"),
                            _("'%(name)s' contradicts line %(line)s, which names the same party")
                            % {"name": row.name, "line": earlier.line},
                        )
                    )
                continue
            rows[party_code] = row
        result[code] = rows
    return result, problems


@transaction.atomic
def import_treaty_status(
    *, tables: list[tuple[StatusTable, str]], as_of: date, source: str, actor=None, request=None
) -> ImportReport:
    """Apply status tables (each with its instrument code). Raises StatusImportFailed and writes nothing on error."""
    by_instrument, problems = validate_tables(tables, as_of=as_of)
    if problems:
        raise StatusImportFailed(problems)
    report = ImportReport(status_import=None, rows_read=sum(len(t.rows) for t, _c in tables))
    pending_changes: list[StatusChange] = []
    to_create: list[Participation] = []
    to_update: list[Participation] = []
    for code, rows in by_instrument.items():
        # Locked, so that two imports at once cannot both apply (and record) the same change.
        existing = {
            p.party_id: p for p in Participation.objects.select_for_update().filter(instrument_id=code)
        }
        report.not_in_file[code] = sorted(set(existing) - set(rows))
        for party_code, row in rows.items():
            current = existing.get(party_code)
            new_values = {
                "signature": row.signature,
                "consent": row.consent,
                "consent_kind": row.consent_kind,
            }
            if current is None:
                to_create.append(
                    Participation(
                        party_id=party_code, instrument_id=code, as_of=as_of, source=source, **new_values
                    )
                )
                pending_changes.append(
                    StatusChange(
                        party_id=party_code, instrument_id=code, field="participation", new_value="added"
                    )
                )
                continue
            changed = False
            for name in TRACKED_FIELDS:
                if getattr(current, name) != new_values[name]:
                    pending_changes.append(
                        StatusChange(
                            party_id=party_code,
                            instrument_id=code,
                            field=name,
                            old_value=_text(getattr(current, name)),
                            new_value=_text(new_values[name]),
                        )
                    )
                    setattr(current, name, new_values[name])
                    changed = True
            if changed or current.as_of != as_of:
                current.as_of = as_of
                current.source = source
                to_update.append(current)
    if not to_create and not to_update:
        return report
    status_import = StatusImport.objects.create(
        created_by=actor if actor and actor.is_authenticated else None,
        as_of=as_of,
        files=[t.file for t, _c in tables],
        source=source,
        rows_read=report.rows_read,
        changes_count=len(pending_changes),
    )
    for change in pending_changes:
        change.status_import = status_import
    StatusChange.objects.bulk_create(pending_changes)
    for participation in to_create + to_update:
        participation.status_import = status_import
    Participation.objects.bulk_create(to_create)
    Participation.objects.bulk_update(
        to_update, ["signature", "consent", "consent_kind", "as_of", "source", "status_import"]
    )
    recompute_entry_into_force()
    log_action(
        "register.status.imported",
        actor=actor,
        obj=status_import,
        request=request,
        data={"as_of": as_of.isoformat(), "files": status_import.files, "changes": len(pending_changes)},
    )
    report.status_import = status_import
    report.changes = pending_changes
    return report
