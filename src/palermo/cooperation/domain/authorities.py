"""The directory of competent authorities, its writes: the secretariat's edits, the changes a State's
contributors propose and its focal point (or a user of the authority itself) confirms, verification and
the import. The data is given in the authority format (authority_format.py); what is compared with the
register is in directory_facts.py."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.cooperation.domain.authority_format import (
    EDITABLE_KEYS,
    KEYS,
    Cleaned,
    authority_data,
    clean_data,
    normalised,
)
from palermo.cooperation.domain.directory_facts import notification_for
from palermo.cooperation.models import Authority, ChangeState, Designation, ProposedChange
from palermo.core.audit import log_action
from palermo.register.models import Instrument, Party


class DirectoryError(Exception):
    """A directory write refused; the message is for people."""


class InvalidAuthority(DirectoryError):
    """The data has problems: `problems` is a list of (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems))
        self.problems = problems


class StaleAuthority(DirectoryError):
    """Someone saved the authority since the editor opened it (or since a change was proposed)."""


def _write(authority: Authority, cleaned: Cleaned, *, keys: tuple[str, ...]) -> list[str]:
    """Set the authority's fields from `cleaned` (only the data's keys in `keys`), its designations and
    records; returns the names of what changed."""
    changed = []
    for key, value in cleaned.fields.items():
        if key not in keys and not (key == "verified_by_name" and "verified_by" in keys):
            continue
        if getattr(authority, key) != value:
            setattr(authority, key, value)
            changed.append(key)
    if "state" in keys and cleaned.party is not None and authority.party_id != cleaned.party.pk:
        authority.party = cleaned.party
        changed.append("party")
    if authority.pk is None:
        authority.save()
    elif changed:
        authority.version += 1
        authority.save(update_fields=[*changed, "version", "updated"])
    if "designations" in keys:
        current = {d.kind: d for d in authority.designations.all()}
        wanted = {kind: (instrument, article) for kind, instrument, article in cleaned.designations}
        for kind, designation in current.items():
            if kind not in wanted:
                designation.delete()
                changed.append(f"designations.{kind}")
        for kind, (instrument, article) in wanted.items():
            notification = notification_for(authority.party_id, kind, instrument, article)
            existing = current.get(kind)
            if existing is None:
                Designation.objects.create(
                    authority=authority,
                    kind=kind,
                    instrument_id=instrument,
                    article=article,
                    notification=notification,
                )
                changed.append(f"designations.{kind}")
            elif (existing.instrument_id, existing.article, existing.notification_id) != (
                instrument,
                article,
                notification.pk if notification else None,
            ):
                existing.instrument_id, existing.article = instrument, article
                existing.notification = notification
                existing.save(update_fields=["instrument", "article", "notification"])
                changed.append(f"designations.{kind}")
    records_differ = cleaned.records is not None and sorted(r.pk for r in authority.records.all()) != sorted(
        cleaned.records
    )
    if "records" in keys and records_differ and cleaned.records is not None:
        authority.records.set(cleaned.records)
        changed.append("records")
    return changed


def _cleaned_or_raise(data: dict) -> Cleaned:
    cleaned, problems = clean_data(data)
    if problems:
        raise InvalidAuthority(problems)
    return cleaned


def _duplicate_name(party_id: str, name: str, exclude: int | None = None) -> None:
    same = Authority.objects.filter(party_id=party_id, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise InvalidAuthority([("name", _("The State already has an authority of this name."))])


def check_version(authority: Authority, expected_version: int) -> None:
    if authority.version != expected_version:
        raise StaleAuthority(
            _(
                "Someone saved this authority since you opened it (version %(current)s, you had %(yours)s). Copy your changes, reload, and apply them again."
            )
            % {"current": authority.version, "yours": expected_version}
        )


# -- Writes -----------------------------------------------------------------------------------------


@transaction.atomic
def create_authority(*, actor, data: dict, request=None) -> Authority:
    """The secretariat adds an authority to the directory."""
    if not actor.has_perm("cooperation.manage_directory"):
        raise PermissionDenied
    cleaned = _cleaned_or_raise(data)
    assert cleaned.party is not None
    _duplicate_name(cleaned.party.pk, cleaned.fields["name"])
    authority = Authority(party=cleaned.party)
    _write(authority, cleaned, keys=(*EDITABLE_KEYS, "is_demo"))
    log_action(
        "cooperation.authority.created",
        actor=actor,
        obj=authority,
        data={"party": authority.party_id},
        request=request,
    )
    return authority


@transaction.atomic
def update_authority(
    *, authority: Authority, actor, data: dict, expected_version: int, request=None
) -> list[str]:
    """The secretariat edits an authority directly; refused if someone saved it since `expected_version`.
    Returns the fields that changed."""
    if not actor.has_perm("cooperation.manage_directory"):
        raise PermissionDenied
    authority = Authority.objects.select_for_update().get(pk=authority.pk)
    check_version(authority, expected_version)
    cleaned = _cleaned_or_raise({**data, "state": authority.party_id})
    _duplicate_name(authority.party_id, cleaned.fields["name"], exclude=authority.pk)
    changed = _write(authority, cleaned, keys=tuple(k for k in EDITABLE_KEYS if k != "state"))
    if changed:
        log_action(
            "cooperation.authority.updated",
            actor=actor,
            obj=authority,
            data={"fields": ", ".join(changed), "version": authority.version},
            request=request,
        )
    return changed


@transaction.atomic
def propose_change(
    *, actor, party: Party, data: dict, authority: Authority | None = None, note: str = "", request=None
) -> ProposedChange:
    """A State's contributor proposes a change to one of its authorities (or a new one); its focal point,
    a user of the authority or the secretariat confirms it."""
    if authority is not None and authority.party_id != party.pk:
        raise DirectoryError(_("The authority is not of this State."))
    if not actor.has_perm("cooperation.propose_change", party):
        raise PermissionDenied
    proposed = {key: value for key, value in data.items() if key in EDITABLE_KEYS}
    proposed["state"] = party.pk
    cleaned = _cleaned_or_raise(proposed)
    _duplicate_name(party.pk, cleaned.fields["name"], exclude=authority.pk if authority else None)
    if authority is not None:
        before = authority_data(authority)
        if all(before.get(key) == normalised(proposed, key) for key in proposed):
            raise DirectoryError(_("The proposal changes nothing."))
    change = ProposedChange.objects.create(
        party=party,
        authority=authority,
        base_version=authority.version if authority else 0,
        data=proposed,
        note=note,
        proposed_by=actor,
    )
    log_action(
        "cooperation.change.proposed",
        actor=actor,
        obj=change,
        data={"party": party.pk, "authority": str(authority) if authority else ""},
        request=request,
    )
    return change


def _decide(change: ProposedChange, actor) -> ProposedChange:
    change = ProposedChange.objects.select_for_update().get(pk=change.pk)
    if change.state != ChangeState.PROPOSED:
        raise DirectoryError(_("This proposal has already been decided."))
    if not actor.has_perm("cooperation.confirm_change", change):
        raise PermissionDenied
    return change


@transaction.atomic
def confirm_change(*, change: ProposedChange, actor, request=None) -> Authority:
    """Apply a proposed change: by the State's focal point, a user of the authority or the secretariat,
    never by the person who proposed it. Refused if the authority was saved since it was proposed."""
    change = _decide(change, actor)
    cleaned = _cleaned_or_raise({**change.data, "state": change.party_id})
    if change.authority is None:
        _duplicate_name(change.party_id, cleaned.fields["name"])
        authority = Authority(party_id=change.party_id)
        _write(authority, cleaned, keys=EDITABLE_KEYS)
    else:
        authority = Authority.objects.select_for_update().get(pk=change.authority.pk)
        if authority.version != change.base_version:
            raise StaleAuthority(
                _(
                    "The authority was changed since this proposal was made (version %(current)s, the proposal was made on version %(base)s). Reject it and propose the change again."
                )
                % {"current": authority.version, "base": change.base_version}
            )
        _duplicate_name(authority.party_id, cleaned.fields["name"], exclude=authority.pk)
        _write(authority, cleaned, keys=tuple(k for k in EDITABLE_KEYS if k in change.data and k != "state"))
    change.state = ChangeState.CONFIRMED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.authority = authority
    change.save(update_fields=["state", "decided_by", "decided_at", "authority"])
    log_action(
        "cooperation.change.confirmed",
        actor=actor,
        obj=change,
        data={"authority": str(authority), "version": authority.version},
        request=request,
    )
    return authority


@transaction.atomic
def reject_change(*, change: ProposedChange, actor, note: str = "", request=None) -> ProposedChange:
    change = _decide(change, actor)
    change.state = ChangeState.REJECTED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.decision_note = note
    change.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    log_action("cooperation.change.rejected", actor=actor, obj=change, data={"note": note}, request=request)
    return change


@transaction.atomic
def verify_authority(*, authority: Authority, actor, request=None, today: date | None = None) -> Authority:
    """Record that the entry was checked and is right as it stands: by the secretariat, the State's focal
    point or a user of the authority."""
    if not may_verify(actor, authority):
        raise PermissionDenied
    authority.verified_on = today or timezone.localdate()
    authority.verified_by = actor
    authority.verified_by_name = ""
    authority.save(update_fields=["verified_on", "verified_by", "verified_by_name", "updated"])
    log_action(
        "cooperation.authority.verified",
        actor=actor,
        obj=authority,
        data={"date": authority.verified_on.isoformat()},
        request=request,
    )
    return authority


def may_verify(user, authority: Authority) -> bool:
    from palermo.cooperation.rules import authority_of, is_authority_user, is_focal_point, of_the_state

    if user.has_perm("cooperation.manage_directory"):
        return True
    if is_focal_point(user) and of_the_state(user, authority):
        return True
    mine = authority_of(user)
    return bool(is_authority_user(user) and mine is not None and mine.pk == authority.pk)


# -- Import -------------------------------------------------------------------------------------------


class ImportFailed(DirectoryError):
    """Nothing was imported; `problems` lists every problem (core.problems.Problem)."""

    def __init__(self, problems: list):
        super().__init__(f"{len(problems)} problem(s); nothing was imported.")
        self.problems = problems


@dataclass
class Imported:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def import_authorities(
    *, entries: list[tuple[int, dict]], file: str, actor=None, request=None, read_problems: list | None = None
) -> Imported:
    """Add or update the authorities of a file (read by interfaces/authority_io.py): one per (State,
    name in the original language). All or nothing: any problem, and nothing is written. `actor` None is
    the command line."""
    from palermo.core.problems import Problem

    if actor is not None and not actor.has_perm("cooperation.manage_directory"):
        raise PermissionDenied
    parties = {party.pk: party for party in Party.objects.all()}
    instruments = set(Instrument.objects.values_list("code", flat=True))
    problems: list = list(read_problems or [])  # what reading the file found (interfaces/authority_io.py)
    checked: list[tuple[int, Cleaned]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, data in entries:
        cleaned, found = clean_data(data, parties=parties, instruments=instruments)
        problems.extend(Problem(file, line, key, message) for key, message in found)
        if found:
            continue
        assert cleaned.party is not None
        identity = (cleaned.party.pk, cleaned.fields["name"])
        if identity in seen:
            problems.append(
                Problem(
                    file,
                    line,
                    "name",
                    _("The same authority is on line %(line)s.") % {"line": seen[identity]},
                )
            )
            continue
        seen[identity] = line
        checked.append((line, cleaned))
    if not entries and not problems:
        problems.append(Problem(file, 1, "file", _("The file has no authorities.")))
    if problems:
        raise ImportFailed(problems)
    existing = {(a.party_id, a.name): a for a in Authority.objects.all()}
    result = Imported()
    for _line, cleaned in checked:
        assert cleaned.party is not None
        authority = existing.get((cleaned.party.pk, cleaned.fields["name"]))
        if authority is None:
            authority = Authority(party=cleaned.party)
            _write(authority, cleaned, keys=KEYS)
            result.created += 1
        elif _write(authority, cleaned, keys=tuple(k for k in KEYS if k != "state")):
            result.updated += 1
        else:
            result.unchanged += 1
    log_action(
        "cooperation.authorities.imported",
        actor=actor,
        data={"file": file, "created": result.created, "updated": result.updated},
        request=request,
    )
    return result
