"""Open data export of the register: one JSON document, or a flat CSV table (one row per participation)."""

import io

from palermo.core import csvsafe
from palermo.register.models import Participation, Party
from palermo.register.queries import register_as_of

CSV_COLUMNS = [
    "code",
    "name",
    "regional_group",
    "un_member",
    "instrument",
    "signature",
    "consent",
    "consent_kind",
    "entry_into_force",
    "as_of",
    "source",
]


def _iso(value):
    return value.isoformat() if value else None


def participation_dict(p: Participation) -> dict:
    return {
        "instrument": p.instrument_id,
        "signature": _iso(p.signature),
        "consent": _iso(p.consent),
        "consent_kind": p.consent_kind or None,
        "entry_into_force": _iso(p.entry_into_force),
    }


def party_dict(party: Party, participation: list[Participation]) -> dict:
    return {
        "code": party.code,
        "name": party.name,
        "names": party.names,
        "kind": party.kind,
        "regional_group": party.regional_group or None,
        "subregion": party.subregion or None,
        "un_member": party.un_member,
        "participation": [participation_dict(p) for p in participation],
    }


def register_document(parties=None) -> dict:
    parties = list(parties if parties is not None else Party.objects.all())
    by_party: dict[str, list[Participation]] = {}
    rows = Participation.objects.filter(party__in=[p.code for p in parties]).order_by("instrument__position")
    for p in rows:
        by_party.setdefault(p.party_id, []).append(p)
    return {
        "as_of": _iso(register_as_of()["newest"]),
        "parties": [party_dict(party, by_party.get(party.code, [])) for party in parties],
    }


def register_csv(participation=None) -> str:
    rows = participation if participation is not None else Participation.objects.all()
    rows = rows.select_related("party").order_by("party__name", "instrument__position")
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in rows:
        writer.writerow(
            [
                p.party_id,
                p.party.name,
                p.party.regional_group,
                "true" if p.party.un_member else "false",
                p.instrument_id,
                _iso(p.signature) or "",
                _iso(p.consent) or "",
                p.consent_kind,
                _iso(p.entry_into_force) or "",
                _iso(p.as_of),
                p.source,
            ]
        )
    return out.getvalue()
