"""The parties a drawing of lots reads, from the register or from a register export (`palermo
export-register` JSON), so that anyone can re-derive a published draw offline."""

from datetime import date

from palermo.review.domain.draw import Party


class ParticipationError(ValueError):
    """A register export that cannot be read; the message names the place (parties[3].participation...)."""


def _date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ParticipationError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def parties_from_document(document: dict, reference_date: date, as_of: date | None = None) -> list[Party]:
    """Parties of a register export: the instruments in force for them on `as_of` (by default the export's
    own date); those whose first instrument entered into force after `reference_date` join late."""
    if not isinstance(document, dict) or not isinstance(document.get("parties"), list):
        raise ParticipationError("not a register export: no list of parties")
    as_of = as_of or _date(document.get("as_of"), "as_of") or date.today()
    parties = []
    for number, entry in enumerate(document["parties"]):
        where = f"parties[{number}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise ParticipationError(f"{where}: a party needs a code")
        in_force: dict[str, date] = {}
        for index, row in enumerate(entry.get("participation") or []):
            place = f"{where}.participation[{index}]"
            if not isinstance(row, dict) or not isinstance(row.get("instrument"), str):
                raise ParticipationError(f"{place}: needs an instrument")
            started = _date(row.get("entry_into_force"), f"{place}.entry_into_force")
            if started and started <= as_of:
                in_force[row["instrument"]] = started
        if in_force:
            late = min(in_force.values()) > reference_date
            parties.append(Party(entry["code"], entry.get("regional_group") or "", frozenset(in_force), late))
    return parties


def parties_from_register(reference_date: date, as_of: date | None = None) -> tuple[list[Party], dict]:
    """The register's parties (and the export they were read from, to store with the draw)."""
    from palermo.register.interfaces.export import register_document

    document = register_document()
    return parties_from_document(document, reference_date, as_of), document
