"""Entities entered in forms: each person's values go to their own FORM source of the investigation, so that
every value still says who entered it, and a person removes only what they entered themselves (values of
an import go with the import)."""

from uuid import uuid4

from django.db import transaction
from django.utils.translation import gettext as _

from palermo.networks.domain.imports import ImportError_, add_statements
from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.index import refresh_entities
from palermo.networks.ftm.model import model
from palermo.networks.models import Entity, Investigation, Source, SourceKind, SourceState, Statement


class EntryError(Exception):
    """A write the rules do not allow, with the reason in the user's language."""


def form_source(*, investigation: Investigation, user) -> Source:
    """The user's FORM source of the investigation, created the first time (its label is their name: pages
    say "Entered by <name>")."""
    source = Source.objects.filter(investigation=investigation, kind=SourceKind.FORM, created_by=user).first()
    if source is None:
        source = Source.objects.create(
            investigation=investigation,
            kind=SourceKind.FORM,
            label=(user.get_full_name() or user.get_username())[:300],
            state=SourceState.READY,
            created_by=user,
        )
    return source


def member_to_write(investigation: Investigation, canonical_id: str) -> Entity | None:
    """Which of a canonical entity's ids new values go to: the one named like the canonical entity, else
    the first."""
    members = list(
        Entity.objects.filter(investigation=investigation, canonical_id=canonical_id).order_by("id")[:500]
    )
    for member in members:
        if member.entity_id == canonical_id:
            return member
    return members[0] if members else None


@transaction.atomic
def enter_entity(
    *,
    investigation: Investigation,
    user,
    schema: str,
    values: dict[str, list[str]],
    canonical_id: str | None = None,
    request=None,
) -> str:
    """Add the values (already checked by the form) to a new entity of `schema`, or to the entity
    `canonical_id`, through the user's FORM source; answers the entity's id."""
    # One FORM source per person even when two of their requests arrive at once.
    Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
    source = form_source(investigation=investigation, user=user)
    if canonical_id is None:
        proxy = model.make_entity(schema)
        proxy.make_id("palermo-form", str(investigation.pk), str(user.pk), uuid4().hex)
    else:
        member = member_to_write(investigation, canonical_id)
        if member is None:
            raise EntryError(_("This entity no longer exists."))
        proxy = model.make_entity(member.schema)
        proxy.id = member.entity_id
    count = 0
    for prop, prop_values in values.items():
        for value in prop_values:
            proxy.add(prop, value)
            count += 1
    if count == 0:
        raise EntryError(_("Enter at least one value."))
    try:
        add_statements(investigation=investigation, user=user, source=source, proxy=proxy)
    except ImportError_ as problem:
        raise EntryError(str(problem)) from problem
    audit(
        "networks.entity.entered",
        investigation=investigation,
        actor=user,
        data={"source": source.pk, "statements": count, "created": canonical_id is None},
        request=request,
    )
    return canonical_id or str(proxy.id)


@transaction.atomic
def remove_entered_value(*, investigation: Investigation, user, statement_id: int, request=None) -> None:
    """Remove one value the user entered in a form (their own FORM source only)."""
    statement = (
        Statement.objects.filter(
            pk=statement_id,
            investigation=investigation,
            source__kind=SourceKind.FORM,
            source__created_by=user,
        )
        .select_related("source")
        .first()
    )
    if statement is None:
        raise EntryError(_("Only a value you entered yourself in a form can be removed here."))
    source, entity_id = statement.source, statement.entity_id
    statement.delete()
    refresh_entities(investigation.pk, [entity_id])
    _recount(source)
    audit(
        "networks.statement.removed",
        investigation=investigation,
        actor=user,
        data={"source": source.pk, "statements": 1},
        request=request,
    )


def _recount(source: Source) -> None:
    statements = Statement.objects.filter(source=source)
    source.statement_count = statements.count()
    source.entity_count = statements.values("entity_id").distinct().count()
    source.save(update_fields=["statement_count", "entity_count"])
