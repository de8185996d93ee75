"""A published case of the knowledge base brought into an investigation: a CourtCase, each defendant as a
Person (or a LegalEntity for a legal person) with the extension's CaseRole linking them to the case, and
each group of victims as a Note on the case — the knowledge base only counts victims, and no name is
invented for them. Ids are derived from the record, so adding the same case twice adds nothing."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from followthemoney import EntityProxy
from followthemoney.types import registry

from palermo.knowledge.models import Record, RecordKind
from palermo.networks.domain.imports import add_statements
from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.model import model
from palermo.networks.models import Investigation, Source, SourceKind, SourceState, Statement

ID_PREFIX = "palermo-knowledge"


class CaseError(Exception):
    """The case cannot be added; the reason in the user's language."""


@dataclass(frozen=True)
class CaseAdded:
    source: Source
    created: bool  # False: the case was already in the investigation


def published_cases_for(user) -> QuerySet[Record]:
    """Published court cases of the knowledge base that the user may see."""
    return Record.objects.visible_to(user).published().filter(kind=RecordKind.CASE)


def case_id(investigation: Investigation, record: Record) -> str:
    """The id of the CourtCase made from `record` in `investigation`."""
    return make_id(investigation, record, "case")


def make_id(investigation: Investigation, record: Record, *parts) -> str:
    proxy = model.make_entity("Thing")
    return proxy.make_id(ID_PREFIX, str(investigation.pk), str(record.pk), *map(str, parts)) or ""


def case_entities(investigation: Investigation, record: Record) -> list[EntityProxy]:
    """The entities the record becomes, case first, with the values the record has (nothing invented)."""
    the_case = model.make_entity("CourtCase")
    the_case.id = case_id(investigation, record)
    the_case.add("name", record.title)
    the_case.add("caseNumber", record.reference or None)
    detail = getattr(record, "case", None)
    if detail is not None:
        the_case.add("court", detail.court or None)
    the_case.add("country", _country(record.jurisdiction))
    the_case.add(
        "closeDate", record.date.isoformat() if record.date else (str(record.year) if record.year else None)
    )
    the_case.add("sourceUrl", record.source_url or None)
    entities = [the_case]
    for defendant in record.defendants.select_related("nationality").order_by("id"):
        entities.extend(_defendant(investigation, record, the_case, defendant))
    for victims in record.victims.select_related("nationality").order_by("id"):
        entities.append(_victims(investigation, record, the_case, victims))
    return entities


def _country(party) -> str | None:
    if party is None:
        return None
    return registry.country.clean(party.alpha2 or party.code)


def _defendant(investigation, record, the_case, defendant) -> list[EntityProxy]:
    person = model.make_entity("LegalEntity" if defendant.legal_person else "Person")
    person.id = make_id(investigation, record, "defendant", defendant.pk)
    person.add("name", defendant.name)
    person.add("country" if defendant.legal_person else "nationality", _country(defendant.nationality))
    if not defendant.legal_person:
        person.add("gender", defendant.gender if defendant.gender in registry.gender.names else None)
        person.add("birthDate", str(defendant.birth_year) if defendant.birth_year else None)
    role = model.make_entity("CaseRole")
    role.id = make_id(investigation, record, "role", defendant.pk)
    role.add("case", the_case.id)
    role.add("party", person.id)
    role.add("caseRole", "convicted" if defendant.verdict == "convicted" else "accused")
    role.add("status", defendant.verdict or None)
    return [person, role]


def _victims(investigation, record, the_case, victims) -> EntityProxy:
    """A Note on the case: how many victims, of which gender, age group and nationality."""
    note = model.make_entity("Note")
    note.id = make_id(investigation, record, "victims", victims.pk)
    note.add("entity", the_case.id)
    parts = [f"victims: {victims.count}"]
    if victims.gender and victims.gender != "unknown":
        parts.append(f"gender: {victims.gender}")
    if victims.age_group and victims.age_group != "unknown":
        parts.append(f"age group: {victims.age_group}")
    if victims.nationality is not None:
        parts.append(f"nationality: {victims.nationality.code}")
    note.add("description", "; ".join(parts))
    note.add("country", _country(victims.nationality))
    return note


@transaction.atomic
def add_case(*, investigation: Investigation, user, record: Record, request=None) -> CaseAdded:
    """Bring the published case into the investigation as a KNOWLEDGE_CASE source (once per record)."""
    if record.kind != RecordKind.CASE or not published_cases_for(user).filter(pk=record.pk).exists():
        raise CaseError(_("Only published court cases of the knowledge base can be added."))
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    existing = (
        Statement.objects.filter(
            investigation=investigation,
            entity_id=case_id(investigation, record),
            source__kind=SourceKind.KNOWLEDGE_CASE,
        )
        .select_related("source")
        .first()
    )
    if existing is not None:
        return CaseAdded(existing.source, created=False)
    source = Source.objects.create(
        investigation=investigation,
        kind=SourceKind.KNOWLEDGE_CASE,
        label=record.title[:300],
        state=SourceState.READY,
        created_by=user,
    )
    for entity in case_entities(investigation, record):
        add_statements(investigation=investigation, user=user, source=source, proxy=entity)
    audit(
        "networks.case.added",
        investigation=investigation,
        actor=user,
        data={"source": source.pk, "record": record.pk, "statements": source.statement_count},
        request=request,
    )
    return CaseAdded(source, created=True)
