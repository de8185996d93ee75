"""Every write to knowledge-base records: create, change, and the curation workflow, versioned and audited."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.core.uploads import UploadRefused, check_pdf
from palermo.knowledge.models import (
    Attachment,
    BibliographyDetail,
    CaseDetail,
    CurationState,
    Defendant,
    LegislationDetail,
    Record,
    RecordKind,
    RecordVersion,
    StrategyDetail,
    Victim,
)
from palermo.knowledge.search.index import index_records

RELATIONS = ("crime_types", "facet_values", "cross_cutting", "articles", "countries")
DETAIL_MODELS = {
    RecordKind.CASE: CaseDetail,
    RecordKind.LEGISLATION: LegislationDetail,
    RecordKind.STRATEGY: StrategyDetail,
    RecordKind.BIBLIOGRAPHY: BibliographyDetail,
}
PEOPLE_FIELDS = {
    "defendants": (
        "name",
        "legal_person",
        "gender",
        "nationality_id",
        "age",
        "birth_year",
        "charges",
        "verdict",
        "sentence",
    ),
    "victims": ("gender", "age_group", "nationality_id", "count"),
}


class CurationError(Exception):
    """The move or change is not allowed; the message says why."""


NO_SENTENCE = (Defendant.Verdict.ACQUITTED, Defendant.Verdict.DISMISSED)


def defendant_problems(*, verdict: str, sentence: str) -> dict[str, str]:
    """What contradicts itself in a defendant's row, by field (the record form, the importer and every
    write share it): an acquitted defendant, or one whose charges were dismissed, has no sentence."""
    if verdict in NO_SENTENCE and (sentence or "").strip():
        return {
            "sentence": _(
                "A defendant whose verdict is “%(verdict)s” has no sentence: leave the sentence empty or "
                "change the verdict."
            )
            % {"verdict": Defendant.Verdict(verdict).label}
        }
    return {}


def _check_people(people: dict | None) -> None:
    for number, row in enumerate((people or {}).get("defendants", []), start=1):
        problems = defendant_problems(verdict=row.get("verdict", ""), sentence=row.get("sentence", ""))
        for message in problems.values():
            raise CurationError(
                _("Defendant %(number)s: %(problem)s") % {"number": number, "problem": message}
            )


class StaleRecord(CurationError):
    """Someone else changed the record since it was opened."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    permission: str


# The curation workflow: draft -> submitted -> verified -> published, and back to draft with a note.
TRANSITIONS = [
    Transition(CurationState.DRAFT, CurationState.SUBMITTED, "knowledge.submit_record"),
    Transition(CurationState.SUBMITTED, CurationState.VERIFIED, "knowledge.curate_record"),
    Transition(CurationState.VERIFIED, CurationState.PUBLISHED, "knowledge.curate_record"),
    Transition(CurationState.SUBMITTED, CurationState.DRAFT, "knowledge.curate_record"),
    Transition(CurationState.VERIFIED, CurationState.DRAFT, "knowledge.curate_record"),
    Transition(CurationState.PUBLISHED, CurationState.DRAFT, "knowledge.curate_record"),
]


SCALAR_FIELDS = (
    "kind",
    "title",
    "reference",
    "jurisdiction_body",
    "year",
    "summary",
    "commentary",
    "text",
    "text_language",
    "source_url",
    "anonymised",
    "supplied_by",
)


def snapshot_of(
    record: Record, *, relations: dict[str, list[str]], detail: dict, people: dict[str, list]
) -> dict:
    """A record as plain data: its own fields, its relations as sorted names, its detail and people."""
    data = {name: getattr(record, name) for name in SCALAR_FIELDS}
    data["jurisdiction"] = record.jurisdiction_id
    data["date"] = record.date.isoformat() if record.date else None
    data.update({name: sorted(values) for name, values in relations.items()})
    data["detail"] = {k: v for k, v in detail.items() if k != "record_id"}
    data.update(people)
    return data


def snapshot(record: Record) -> dict:
    """Everything that makes up a record, as plain data (for its history and the export)."""
    relations = {
        "crime_types": list(record.crime_types.values_list("slug", flat=True)),
        "facet_values": [f"{p}/{s}" for p, s in record.facet_values.values_list("parent__slug", "slug")],
        "cross_cutting": list(record.cross_cutting.values_list("slug", flat=True)),
        "articles": [f"{i}:{n}" for i, n in record.articles.values_list("instrument_id", "number")],
        "countries": list(record.countries.values_list("code", flat=True)),
    }
    detail = (
        DETAIL_MODELS[RecordKind(record.kind)]._default_manager.filter(record=record).values().first() or {}
    )
    people = {name: list(getattr(record, name).values(*columns)) for name, columns in PEOPLE_FIELDS.items()}
    return snapshot_of(record, relations=relations, detail=detail, people=people)


def _save_version(record: Record, user, note: str = "") -> None:
    RecordVersion.objects.create(
        record=record,
        number=record.version,
        state=record.state,
        snapshot=snapshot(record),
        note=note,
        created_by=user if user and user.is_authenticated else None,
    )


def _apply(record: Record, fields: dict, relations: dict, detail: dict | None, people: dict | None) -> None:
    _check_people(people)
    for name, value in fields.items():
        setattr(record, name, value)
    if record.date and not record.year:
        record.year = record.date.year
    record.save()
    for name, values in relations.items():
        if name not in RELATIONS:
            raise ValueError(f"{name} is not a relation of a record")
        getattr(record, name).set(values)
    if detail is not None:
        DETAIL_MODELS[RecordKind(record.kind)]._default_manager.update_or_create(
            record=record, defaults=detail
        )
    for name, rows in (people or {}).items():
        model = {"defendants": Defendant, "victims": Victim}[name]
        model._default_manager.filter(record=record).delete()
        model._default_manager.bulk_create([model(record=record, **row) for row in rows])
    index_records([record.pk])


@transaction.atomic
def create_record(
    *,
    user,
    kind: str,
    fields: dict,
    relations: dict | None = None,
    detail: dict | None = None,
    people: dict | None = None,
    request=None,
    is_demo=False,
) -> Record:
    """A new draft, owned by the user's organisation."""
    if not user.has_perm("knowledge.add_record"):
        raise CurationError(_("You may not add records."))
    record = Record(
        kind=kind,
        created_by=user if user.is_authenticated else None,
        organisation_id=getattr(user, "organisation_id", None),
        is_demo=is_demo,
    )
    _apply(record, fields, relations or {}, detail if detail is not None else {}, people)
    _save_version(record, user)
    log_action("knowledge.record.created", actor=user, obj=record, request=request, data={"kind": kind})
    return record


def check_version(record: Record, expected_version: int) -> None:
    """Refuse a change made to an older version of the record than `record`'s (StaleRecord)."""
    if record.version != expected_version:
        raise StaleRecord(
            _(
                "This record was changed since you opened it (version %(current)s, you had %(yours)s). "
                "Reload it and apply your changes again."
            )
            % {"current": record.version, "yours": expected_version}
        )


@transaction.atomic
def update_record(
    *,
    record: Record,
    user,
    expected_version: int,
    fields: dict,
    relations: dict | None = None,
    detail: dict | None = None,
    people: dict | None = None,
    request=None,
) -> Record:
    """Change a record. Refused if someone else changed it since `expected_version` (no lost updates)."""
    locked = Record.objects.select_for_update().get(pk=record.pk)
    if not user.has_perm("knowledge.change_record", locked):
        raise CurationError(_("You may not change this record."))
    check_version(locked, expected_version)
    locked.version += 1
    _apply(locked, fields, relations or {}, detail, people)
    _save_version(locked, user)
    log_action(
        "knowledge.record.changed",
        actor=user,
        obj=locked,
        request=request,
        data={"version": locked.version, "fields": sorted([*fields, *(relations or {})])},
    )
    return locked


@transaction.atomic
def transition_record(*, record: Record, user, to_state: str, note: str = "", request=None) -> Record:
    """The one function that moves a record through the curation workflow."""
    locked = Record.objects.select_for_update().get(pk=record.pk)
    move = next((t for t in TRANSITIONS if t.source == locked.state and t.target == to_state), None)
    if move is None:
        raise CurationError(
            _("A record cannot go from %(source)s to %(target)s.")
            % {"source": CurationState(locked.state).label, "target": CurationState(to_state).label}
        )
    if not user.has_perm(move.permission, locked):
        raise CurationError(
            _("You may not move this record to %(target)s.") % {"target": CurationState(to_state).label}
        )
    if to_state == CurationState.DRAFT and not note.strip():
        raise CurationError(_("Say why the record goes back to draft."))
    now = timezone.now()
    locked.state = to_state
    locked.version += 1
    if to_state == CurationState.VERIFIED:
        locked.verified_by, locked.verified_at = user, now
    if to_state == CurationState.PUBLISHED:
        locked.published_at = now
    if to_state == CurationState.DRAFT:
        locked.published_at = None
    locked.save(update_fields=["state", "version", "verified_by", "verified_at", "published_at", "updated"])
    index_records([locked.pk])
    _save_version(locked, user, note=note)
    log_action(
        f"knowledge.record.{to_state}",
        actor=user,
        obj=locked,
        request=request,
        data={"from": move.source, "note": note},
    )
    return locked


@transaction.atomic
def attach_pdf(*, record: Record, user, upload, request=None) -> Attachment:
    """Attach a PDF to a record the user may change. The content is checked, not the name or the browser's word."""
    if not user.has_perm("knowledge.change_record", record):
        raise CurationError(_("You may not change this record."))
    try:
        checked = check_pdf(upload)
    except UploadRefused as refused:
        raise CurationError(str(refused)) from None
    name = checked.name
    attachment = Attachment(
        record=record,
        original_name=name,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user if user.is_authenticated else None,
    )
    attachment.file.save("upload.pdf", upload, save=False)
    attachment.save()
    log_action(
        "knowledge.attachment.added",
        actor=user,
        obj=record,
        request=request,
        data={"attachment": attachment.pk, "name": name, "sha256": attachment.sha256, "size": upload.size},
    )
    return attachment
