"""The authority format: how an authority is exchanged as a dict. The export writes it (`authority_data`),
the import and a proposed change (`ProposedChange.data`) read it (docs/cooperation.md, "Directory").
`clean_data` checks one such dict and names every problem with its field; the writes are in
authorities.py."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from palermo.cooperation.models import KIND_BASIS, Authority, AuthorityKind, Channel
from palermo.core import language_codes
from palermo.register.models import Instrument, Party

TEXT_FIELDS = ("name", "name_en", "postal_address", "office_hours", "urgent_procedure", "requirements")
LIST_FIELDS = ("phones", "emails", "channels", "languages")
# The yes / no / unknown requirements of an authority (the detail page lists them in this order).
REQUIREMENT_FLAGS = (
    "requires_treaty_for_extradition",
    "dual_criminality_for_coercive_measures",
    "requires_authentication",
    "requires_legalisation",
    "accepts_electronic_signature",
    "requires_encryption",
)
FLAG_FIELDS = ("accepts_oral_urgent_requests", *REQUIREMENT_FLAGS)
# Every key of the authority format, in the order of the export's columns.
KEYS = (
    "state",
    "name",
    "name_en",
    "designations",
    "postal_address",
    "phones",
    "emails",
    "office_hours",
    "time_zone",
    "channels",
    "languages",
    "accepts_oral_urgent_requests",
    "urgent_confirmation_days",
    "urgent_procedure",
    *REQUIREMENT_FLAGS,
    "requirements",
    "records",
    "verified_on",
    "verified_by",
    "is_demo",
)
# The fields a proposal or an edit may change (not who verified it, not whether it is demo data).
EDITABLE_KEYS = tuple(key for key in KEYS if key not in ("verified_on", "verified_by", "is_demo"))


def authority_data(authority: Authority) -> dict[str, Any]:
    """The authority in the authority format (what the export writes and a proposal holds)."""
    return {
        "state": authority.party_id,
        "name": authority.name,
        "name_en": authority.name_en,
        "designations": [
            {"kind": d.kind, "instrument": d.instrument_id, "article": d.article}
            for d in sorted(authority.designations.all(), key=lambda d: d.kind)
        ],
        "postal_address": authority.postal_address,
        "phones": list(authority.phones),
        "emails": list(authority.emails),
        "office_hours": authority.office_hours,
        "time_zone": authority.time_zone,
        "channels": list(authority.channels),
        "languages": list(authority.languages),
        "accepts_oral_urgent_requests": authority.accepts_oral_urgent_requests,
        "urgent_confirmation_days": authority.urgent_confirmation_days,
        "urgent_procedure": authority.urgent_procedure,
        **{flag: getattr(authority, flag) for flag in REQUIREMENT_FLAGS},
        "requirements": authority.requirements,
        "records": sorted(record.pk for record in authority.records.all()),
        "verified_on": authority.verified_on.isoformat() if authority.verified_on else None,
        "verified_by": verified_by_name(authority),
        "is_demo": authority.is_demo,
    }


def verified_by_name(authority: Authority) -> str:
    if authority.verified_by is not None:
        return authority.verified_by.get_full_name() or authority.verified_by.email
    return authority.verified_by_name


@dataclass
class Cleaned:
    """An authority's data after `clean_data`: the model's field values, its designations and records."""

    party: Party | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    designations: list[tuple[str, str, str]] = field(default_factory=list)  # kind, instrument, article
    records: list[int] | None = None  # None: the data does not say (left as they are)


_ZONES: set[str] = set()


def _known_zone(name: str) -> bool:
    if not _ZONES:
        _ZONES.update(available_timezones())
    if name in _ZONES:
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _as_list(value: Any) -> list[str] | None:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    return None


def _as_flag(value: Any) -> tuple[bool, bool | None]:
    """(understood, value) of yes / no / unknown given as a JSON boolean or null, or as text."""
    if value is None or isinstance(value, bool):
        return True, value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "unknown"):
            return True, None
        if text in ("yes", "true", "1"):
            return True, True
        if text in ("no", "false", "0"):
            return True, False
    return False, None


def _designations(value: Any) -> list[dict] | None:
    """Designations as a list of {"kind", "instrument", "article"} from JSON, or from the CSV's text
    "kind[:INSTRUMENT:article]; ..."."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        found = []
        for item in value.split(";"):
            parts = [part.strip() for part in item.strip().split(":")]
            if parts == [""]:
                continue
            found.append(
                {
                    "kind": parts[0],
                    "instrument": parts[1] if len(parts) > 1 else "",
                    "article": ":".join(parts[2:]) if len(parts) > 2 else "",
                }
            )
        return found
    if isinstance(value, list):
        found = []
        for entry in value:
            given: Any = {"kind": entry} if isinstance(entry, str) else entry
            if not isinstance(given, dict):
                return None
            found.append(given)
        return found
    return None


def clean_data(
    data: dict[str, Any], *, parties: dict | None = None, instruments: set | None = None
) -> tuple[Cleaned, list[tuple[str, str]]]:
    """Check one authority given in the authority format; returns what it holds and every problem as
    (field, message). Keys it lacks are left empty; unknown keys are a problem."""
    problems: list[tuple[str, str]] = []
    cleaned = Cleaned()
    if not isinstance(data, dict):
        return cleaned, [("", _("Each authority must be a JSON object."))]
    for key in data:
        if key not in KEYS:
            problems.append((key, _("Unknown field.")))
    code = str(data.get("state") or "").strip().upper()
    if not code:
        problems.append(("state", _("Give the State's ISO 3166-1 alpha-3 code.")))
    else:
        party = parties.get(code) if parties is not None else Party.objects.filter(code=code).first()
        if party is None:
            problems.append(
                ("state", _("“%(code)s” is not the code of a State in the register.") % {"code": code})
            )
        cleaned.party = party
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append((key, _("Must be text.")))
            continue
        limit = getattr(Authority._meta.get_field(key), "max_length", None)
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()  # a browser's text areas send CR LF
        if limit and len(value) > limit:
            problems.append((key, _("At most %(limit)s characters.") % {"limit": limit}))
        cleaned.fields[key] = value
    if not cleaned.fields.get("name"):
        problems.append(("name", _("The name in the original language is required.")))
    zone = data.get("time_zone") or ""
    if not isinstance(zone, str):
        problems.append(("time_zone", _("Must be text.")))
    elif zone.strip() and not _known_zone(zone.strip()):
        problems.append(
            ("time_zone", _("“%(zone)s” is not a time zone (for example Europe/Rome).") % {"zone": zone})
        )
    else:
        cleaned.fields["time_zone"] = zone.strip()
    lists = {}
    for key in LIST_FIELDS:
        items = _as_list(data.get(key))
        if items is None:
            problems.append((key, _("Must be a list of texts.")))
            items = []
        lists[key] = items
    for email in lists["emails"]:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(("emails", _("“%(email)s” is not an e-mail address.") % {"email": email}))
    given_channels = data.get("channels")
    if isinstance(given_channels, str):  # "direct; diplomatic" or "direct, diplomatic"
        lists["channels"] = given_channels.replace(",", " ").replace(";", " ").split()
    channels = [item.lower() for item in lists["channels"]]
    for channel in channels:
        if channel not in Channel.values:
            problems.append(
                (
                    "channels",
                    _("“%(channel)s” is not a channel (%(known)s).")
                    % {"channel": channel, "known": ", ".join(Channel.values)},
                )
            )
    try:
        given = data.get("languages")
        languages = language_codes.parse_codes(given if isinstance(given, str) else lists["languages"])
    except language_codes.UnknownLanguage as error:
        problems.append(
            ("languages", _("Not language codes (ISO 639-1): %(codes)s.") % {"codes": ", ".join(error.codes)})
        )
        languages = []
    cleaned.fields.update(
        phones=lists["phones"],
        emails=lists["emails"],
        channels=list(dict.fromkeys(channels)),
        languages=languages,
    )
    for key in FLAG_FIELDS:
        understood, flag = _as_flag(data.get(key))
        if not understood:
            problems.append((key, _("Must be yes, no or empty (unknown).")))
        cleaned.fields[key] = flag
    days = data.get("urgent_confirmation_days")
    if days is None or days == "":
        cleaned.fields["urgent_confirmation_days"] = None
    else:
        try:
            number = int(str(days).strip()) if not isinstance(days, bool) else -1
        except ValueError:
            number = -1
        if not 0 <= number <= 365:
            problems.append(("urgent_confirmation_days", _("Must be a number of days from 0 to 365.")))
        else:
            cleaned.fields["urgent_confirmation_days"] = number
    designations = _designations(data.get("designations"))
    if designations is None:
        problems.append(("designations", _("Must be a list of designations.")))
        designations = []
    kinds_seen = set()
    known_instruments = (
        instruments if instruments is not None else set(Instrument.objects.values_list("code", flat=True))
    )
    for item in designations:
        kind = str(item.get("kind") or "").strip()
        if kind not in AuthorityKind.values:
            problems.append(
                (
                    "designations",
                    _("“%(kind)s” is not a kind of authority (%(known)s).")
                    % {"kind": kind, "known": ", ".join(AuthorityKind.values)},
                )
            )
            continue
        if kind in kinds_seen:
            problems.append(("designations", _("The kind “%(kind)s” is given twice.") % {"kind": kind}))
            continue
        kinds_seen.add(kind)
        default_instrument, default_article = KIND_BASIS[AuthorityKind(kind)]
        instrument = str(item.get("instrument") or "").strip().upper() or default_instrument
        article = str(item.get("article") or "").strip() or default_article
        if instrument not in known_instruments:
            problems.append(
                ("designations", _("“%(code)s” is not an instrument of the register.") % {"code": instrument})
            )
            continue
        if len(article) > 20:
            problems.append(("designations", _("An article has at most 20 characters.")))
            continue
        cleaned.designations.append((kind, instrument, article))
    if "records" in data:
        records = data.get("records")
        if isinstance(records, str):
            records = [item.strip() for item in records.split(";") if item.strip()]
        if records is None:
            records = []
        try:
            ids = [int(item) for item in records]
        except (TypeError, ValueError):
            problems.append(("records", _("Must be a list of record numbers.")))
            ids = []
        if ids:
            from palermo.knowledge.models import Record

            existing = set(Record.objects.filter(pk__in=ids).values_list("pk", flat=True))
            missing = [str(pk) for pk in ids if pk not in existing]
            if missing:
                problems.append(
                    (
                        "records",
                        _("No record of the knowledge base has the number %(ids)s.")
                        % {"ids": ", ".join(missing)},
                    )
                )
        cleaned.records = ids
    verified_on = data.get("verified_on")
    if verified_on in (None, ""):
        cleaned.fields["verified_on"] = None
    else:
        try:
            cleaned.fields["verified_on"] = date.fromisoformat(str(verified_on).strip())
        except ValueError:
            problems.append(
                ("verified_on", _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": verified_on})
            )
    verified_by = data.get("verified_by") or ""
    if not isinstance(verified_by, str) or len(verified_by) > 200:
        problems.append(("verified_by", _("Must be a name of at most 200 characters.")))
    else:
        cleaned.fields["verified_by_name"] = verified_by.strip()
    understood, demo = _as_flag(data.get("is_demo"))
    if not understood:
        problems.append(("is_demo", _("Must be yes, no or empty (unknown).")))
    cleaned.fields["is_demo"] = bool(demo)
    return cleaned, problems


def normalised(data: dict, key: str) -> Any:
    """A proposed value as `authority_data` would give it (for comparing old and new)."""
    cleaned, _problems = clean_data({"state": data.get("state"), "name": "x", key: data.get(key)})
    if key == "designations":
        return [{"kind": k, "instrument": i, "article": a} for k, i, a in sorted(cleaned.designations)]
    if key == "records":
        return sorted(cleaned.records or [])
    if key == "state":
        return cleaned.party.pk if cleaned.party else data.get(key)
    return cleaned.fields.get(key, data.get(key))
