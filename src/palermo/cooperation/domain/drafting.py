"""Drafting requests: creating one (or recording one received from an authority not on Palermo), saving
the draft with its version, marking it ready when complete; and the content a letter is written from.
Importable from `requests.py` too."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.cooperation.domain.request_base import (
    Incomplete,
    RequestError,
    StaleRequest,
    check_date,
    deny,
    locked_request,
    side_of,
    state_words,
    uses_palermo,
)
from palermo.cooperation.models import Authority, Request, RequestEvent, RequestKind, RequestState, Side
from palermo.cooperation.rules import authority_of
from palermo.core import language_codes
from palermo.core.audit import log_action
from palermo.core.i18n import format_datetime, listed

if TYPE_CHECKING:
    from palermo.cooperation.domain.completeness import Check

S = RequestState

# ---------------------------------------------------------------------------------------------------------
# Creating


def _year_reference(requesting: Authority, requested: Authority, year: int) -> str:
    prefix = f"{requesting.party_id}-{requested.party_id}-{year}-"
    numbers = [
        int(found[len(prefix) :])
        for found in Request.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
        if re.fullmatch(r"\d+", found[len(prefix) :])
    ]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _save_new(req: Request) -> Request:
    """Save a new request under the next free reference of its pair and year ("ITA-BRA-2026-0001"); two
    requests created at once both get one: the unique constraint refuses the second, which tries again."""
    year = timezone.localdate().year
    for _attempt in range(10):
        req.reference = _year_reference(req.requesting_authority, req.requested_authority, year)
        try:
            with transaction.atomic():
                req.save()
            return req
        except IntegrityError:
            req.pk = None
            continue
    raise RequestError(_("No reference could be given to the request; please try again."))


def _deadlines(content: dict) -> tuple[bool, date | None]:
    """Urgency and the date by which execution is needed, from the content's `urgency`."""
    urgency = content.get("urgency") if isinstance(content, dict) else None
    if not isinstance(urgency, dict):
        return False, None
    execute_by = None
    if isinstance(urgency.get("execute_by"), str):
        try:
            execute_by = date.fromisoformat(urgency["execute_by"])
        except ValueError:
            execute_by = None
    return bool(urgency.get("urgent")), execute_by


def _check_kind(kind: str) -> None:
    if kind not in RequestKind.values:
        raise RequestError(_("Unknown kind of request: %(kind)s.") % {"kind": kind})


def _check_texts(title: str | None, language: str | None) -> None:
    if title is not None and len(title) > 300:
        raise RequestError(_("A short title has at most 300 characters."))
    if language is not None and len(language) > 10:
        raise RequestError(_("Give the letter's language as a code, for example fr."))


def _check_content(content: Any) -> dict:
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise RequestError(_("The content of a request must be a JSON object."))
    return content


@transaction.atomic
def create_request(
    *,
    actor,
    kind: str,
    requesting_authority: Authority,
    requested_authority: Authority,
    title: str = "",
    content: dict | None = None,
    language: str = "",
    request=None,
) -> Request:
    """A new draft, by a practitioner of the requesting authority, to another authority of the directory."""
    mine = authority_of(actor)
    if not actor.has_perm("cooperation.draft_request") or mine is None or mine.pk != requesting_authority.pk:
        raise RequestError(_("Only a practitioner of the requesting authority may draft its requests."))
    if requested_authority.pk == requesting_authority.pk:
        raise RequestError(_("A request goes to another authority."))
    _check_kind(kind)
    _check_texts(title, language)
    content = _check_content(content)
    urgent, execute_by = _deadlines(content)
    req = _save_new(
        Request(
            kind=kind,
            requesting_authority=requesting_authority,
            requested_authority=requested_authority,
            recorded_by=Side.REQUESTING,
            title=title,
            content=content,
            language=language,
            urgent=urgent,
            execute_by=execute_by,
            drafted_by=actor,
            updated_by=actor,
        )
    )
    log_action(
        "cooperation.request.created",
        actor=actor,
        obj=req,
        data={"kind": kind, "requested": requested_authority.name_en or requested_authority.name},
        request=request,
    )
    return req


@transaction.atomic
def record_incoming_request(
    *,
    actor,
    kind: str,
    requesting_authority: Authority,
    requested_authority: Authority,
    title: str = "",
    received_on: date,
    content: dict | None = None,
    request=None,
) -> Request:
    """A request received from an authority that does not use Palermo, recorded by the requested side; it
    starts at "received" and the requesting side's moves are entered by hand."""
    unsaved = Request(requesting_authority=requesting_authority, requested_authority=requested_authority)
    if not actor.has_perm("cooperation.act_as_requested", unsaved):
        raise RequestError(
            _("Only a practitioner of the requested authority may record a request it received.")
        )
    if uses_palermo(requesting_authority):
        raise RequestError(
            _("%(authority)s uses Palermo: its requests reach you through Palermo.")
            % {"authority": requesting_authority.name}
        )
    if requested_authority.pk == requesting_authority.pk:
        raise RequestError(_("A request goes to another authority."))
    _check_kind(kind)
    _check_texts(title, None)
    check_date(received_on, None)
    content = _check_content(content)
    urgent, execute_by = _deadlines(content)
    unsaved.kind, unsaved.recorded_by, unsaved.title, unsaved.content = kind, Side.REQUESTED, title, content
    unsaved.state, unsaved.received_on, unsaved.urgent, unsaved.execute_by = (
        S.RECEIVED,
        received_on,
        urgent,
        execute_by,
    )
    unsaved.updated_by = actor
    req = _save_new(unsaved)
    RequestEvent.objects.create(
        request=req, from_state=S.SENT, to_state=S.RECEIVED, on=received_on, actor=actor, side=Side.REQUESTED
    )
    log_action(
        "cooperation.request.recorded",
        actor=actor,
        obj=req,
        data={"kind": kind, "on": received_on.isoformat()},
        request=request,
    )
    return req


# ---------------------------------------------------------------------------------------------------------
# Drafting


def _editable_draft(req: Request, actor) -> Request:
    locked = locked_request(req)
    if side_of(actor, locked) != Side.REQUESTING or not actor.has_perm("cooperation.edit_request", locked):
        raise deny()
    if locked.state != S.DRAFT:
        raise RequestError(_("Only a draft can be changed; this request is %(state)s.") % state_words(locked))
    return locked


def check_version(saved: Request, expected_version: int) -> None:
    """Refuse a save based on a version someone else has saved over since."""
    if saved.version != expected_version:
        person = saved.updated_by
        raise StaleRequest(
            _(
                "%(person)s saved this request on %(when)s, after you opened it (version %(current)s, you had "
                "%(yours)s). Nothing of yours was saved: copy your changes, reload, and apply them again."
            )
            % {
                "person": (person.get_full_name() or person.email) if person else _("someone"),
                "when": format_datetime(saved.updated),
                "current": saved.version,
                "yours": expected_version,
            }
        )


@transaction.atomic
def save_draft(
    *,
    req: Request,
    actor,
    content: dict,
    expected_version: int,
    title: str | None = None,
    language: str | None = None,
    request=None,
) -> Request:
    """Save what the draft says; refused (StaleRequest, nothing saved) when someone saved since
    `expected_version`. A saved draft is no longer ready for approval."""
    locked = _editable_draft(req, actor)
    check_version(locked, expected_version)
    _check_texts(title, language)
    content = _check_content(content)
    locked.content = content
    locked.urgent, locked.execute_by = _deadlines(content)
    if title is not None:
        locked.title = title
    if language is not None:
        locked.language = language
    locked.version += 1
    locked.updated_by = actor
    locked.ready_at, locked.ready_by = None, None
    locked.save(
        update_fields=[
            "content",
            "urgent",
            "execute_by",
            "title",
            "language",
            "version",
            "updated_by",
            "ready_at",
            "ready_by",
            "updated",
        ]
    )
    log_action(
        "cooperation.request.draft_saved",
        actor=actor,
        obj=locked,
        data={"version": locked.version},
        request=request,
    )
    return locked


def check_of(req: Request) -> Check:
    """The completeness check of the request as it stands, with what the directory knows: the two
    authorities (art. 18(15)(a)) and the languages the requested authority accepts (art. 18(14))."""
    from palermo.cooperation.domain import completeness

    found = completeness.check(content_for_letter(req), kind=req.kind)
    language = unaccepted_language(req)
    if language:
        accepted = listed(language_codes.names(req.requested_authority.languages))
        found.problems.append(
            completeness.Item(
                key="language",
                step="authorities",
                reference="art. 18(14)",
                label=gettext_lazy(
                    "The requested authority accepts requests in %(accepted)s; the letter is in %(language)s."
                )
                % {"accepted": accepted, "language": language_codes.language_name(language)},
                level="problem",
            )
        )
    return found


def unaccepted_language(req: Request) -> str:
    """The letter's language when the requested authority lists the languages it accepts and this is not
    one of them (Chinese is `zh-hans` here, `zh` in the directory); else ""."""
    language = req.language or (req.content or {}).get("language") or ""
    accepted = req.requested_authority.languages or []
    if not language or not accepted or str(language).split("-")[0].lower() in accepted:
        return ""
    return str(language)


@transaction.atomic
def mark_ready(*, req: Request, actor, request=None) -> Request:
    """Mark a complete draft ready for approval by a colleague; Incomplete names what is missing."""
    locked = _editable_draft(req, actor)
    found = check_of(locked)
    if not found.complete:
        raise Incomplete(
            _("The request cannot be marked ready: %(count)s required items are missing or wrong.")
            % {"count": len(found.missing) + len(found.problems)},
            found,
        )
    locked.ready_at, locked.ready_by = timezone.now(), actor
    locked.save(update_fields=["ready_at", "ready_by", "updated"])
    log_action("cooperation.request.marked_ready", actor=actor, obj=locked, request=request)
    return locked


def content_for_letter(req: Request) -> dict:
    """The request's content with what the directory knows filled in: kind, the two authorities and their
    States, the letter's language, and Palermo's reference where the drafter gave none."""
    content = dict(req.content or {})
    requesting, requested = req.requesting_authority, req.requested_authority
    content.update(
        {
            "kind": req.kind,
            "requesting_state": requesting.party_id,
            "requested_state": requested.party_id,
            "requesting_authority": requesting.name,
            "requested_authority": requested.name,
        }
    )
    content["language"] = req.language or content.get("language") or ""
    content.setdefault("reference", req.reference)
    return content
