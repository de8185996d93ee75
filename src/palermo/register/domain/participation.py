"""Writes to participation and declarations."""

from datetime import date

from django.db import transaction

from palermo.core.audit import log_action
from palermo.register.domain.entry_into_force import entry_into_force_for_party
from palermo.register.models import Declaration, Instrument, Participation


@transaction.atomic
def recompute_entry_into_force() -> int:
    """Derive every party's entry-into-force date from its consent (Convention first). Returns rows changed."""
    instruments = {i.code: i for i in Instrument.objects.all()}
    rows = list(Participation.objects.all())
    # Conventions before their protocols, so a protocol can see the Convention's date for the party.
    rows.sort(key=lambda p: instruments[p.instrument_id].parent_id is not None)
    convention_dates: dict[tuple[str, str], date | None] = {}
    changed = []
    for row in rows:
        instrument = instruments[row.instrument_id]
        in_force = entry_into_force_for_party(
            consent=row.consent,
            general=instrument.entry_into_force,
            days_after_deposit=instrument.days_to_entry_into_force,
            convention_date_for_party=convention_dates.get((row.party_id, instrument.parent_id or "")),
            is_protocol=instrument.parent_id is not None,
        )
        convention_dates[(row.party_id, instrument.code)] = in_force
        if row.entry_into_force != in_force:
            row.entry_into_force = in_force
            changed.append(row)
    Participation.objects.bulk_update(changed, ["entry_into_force"])
    return len(changed)


@transaction.atomic
def add_declaration(
    *,
    actor,
    party,
    instrument,
    kind,
    date,
    text,
    article="",
    uses_convention_as_legal_basis=None,
    languages=(),
    source="",
    is_demo=False,
    request=None,
) -> Declaration:
    """Record a reservation, declaration or notification (the secretariat enters these)."""
    declaration = Declaration.objects.create(
        party=party,
        instrument=instrument,
        kind=kind,
        article=article,
        date=date,
        text=text,
        uses_convention_as_legal_basis=uses_convention_as_legal_basis,
        languages=list(languages),
        source=source,
        is_demo=is_demo,
        created_by=actor if actor and actor.is_authenticated else None,
    )
    log_action(
        "register.declaration.added",
        actor=actor,
        obj=declaration,
        request=request,
        data={"party": party.code, "instrument": instrument.code, "kind": kind, "date": date.isoformat()},
    )
    return declaration
