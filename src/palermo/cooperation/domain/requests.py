"""Requests for international cooperation: drafting, approval by a second person, sending, and every move
of their tracking, through one state machine.

`MOVES` is the table of allowed moves: from which states, to which state, which side makes it and what it
needs. Every change of state goes through `_transition`, which checks the move against the table, saves,
writes a `RequestEvent`, audits and notifies the other authority. A side that does not use Palermo (its
authority has no organisation) cannot act: the side that does may enter that side's moves by hand, with
the date they happened; such events are told apart by `entered_by_hand`.

Messages and attachments are in `messages.py`, notifications in `notices.py`, deadlines and reminders in
`tracking.py`; the names of docs INTERFACES.md are importable from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.cooperation.domain.drafting import (
    check_of,
    check_version,
    content_for_letter,
    create_request,
    mark_ready,
    record_incoming_request,
    save_draft,
)
from palermo.cooperation.domain.messages import attach_file, post_message
from palermo.cooperation.domain.request_base import (
    Incomplete,
    RequestError,
    StaleRequest,
    authority_on,
    check_date,
    deny,
    locked_request,
    previous_on,
    side_of,
    state_words,
    uses_palermo,
)
from palermo.cooperation.models import (
    Channel,
    RefusalGround,
    Request,
    RequestEvent,
    RequestKind,
    RequestState,
    Side,
)
from palermo.core.audit import log_action
from palermo.core.i18n import listed

S = RequestState

# The audit actions of the moves (the preparation's, and every tracking move's).
REQUEST_APPROVED = "cooperation.request.approved"
REQUEST_RETURNED = "cooperation.request.returned_to_draft"
REQUEST_SENT = "cooperation.request.sent"
REQUEST_MOVED = "cooperation.request.moved"

# How long the requesting side has to answer a request for more information (the next deadline).
REPLY_DAYS = 30


@dataclass(frozen=True)
class Move:
    """An allowed move: from any of `sources` to `target`, made by `side`, needing `needs` (words for
    people and for the table in docs/cooperation.md: "ready", "second person", "date", "channel", "note",
    "grounds", "reasons")."""

    sources: tuple[str, ...]
    target: str
    side: str
    needs: tuple[str, ...] = ()


RECEIVED_STATES = (S.RECEIVED, S.ACKNOWLEDGED, S.IN_EXECUTION, S.MORE_INFORMATION, S.PARTLY_EXECUTED)
OPEN_AFTER_SENDING = (S.SENT, *RECEIVED_STATES)
CLOSED = (S.EXECUTED, S.REFUSED, S.WITHDRAWN)

MOVES: tuple[Move, ...] = (
    # Preparation, by the requesting authority (approve_request, return_to_draft, send_request)
    Move((S.DRAFT,), S.APPROVED, Side.REQUESTING, ("ready", "second person")),
    Move((S.APPROVED,), S.DRAFT, Side.REQUESTING),
    Move((S.APPROVED,), S.SENT, Side.REQUESTING, ("date", "channel")),
    # Tracking (move_request)
    Move((S.SENT,), S.RECEIVED, Side.REQUESTED, ("date",)),
    Move((S.SENT, S.RECEIVED), S.ACKNOWLEDGED, Side.REQUESTED, ("date",)),
    Move((S.RECEIVED, S.ACKNOWLEDGED), S.IN_EXECUTION, Side.REQUESTED, ("date",)),
    Move(
        (S.RECEIVED, S.ACKNOWLEDGED, S.IN_EXECUTION, S.PARTLY_EXECUTED),
        S.MORE_INFORMATION,
        Side.REQUESTED,
        ("date", "note"),
    ),
    Move((S.MORE_INFORMATION,), S.IN_EXECUTION, Side.REQUESTING, ("date",)),
    # The requested side may also execute without waiting for the answer (it came another way).
    Move(
        (S.RECEIVED, S.ACKNOWLEDGED, S.IN_EXECUTION, S.MORE_INFORMATION),
        S.PARTLY_EXECUTED,
        Side.REQUESTED,
        ("date",),
    ),
    Move(RECEIVED_STATES, S.EXECUTED, Side.REQUESTED, ("date",)),
    Move(RECEIVED_STATES, S.REFUSED, Side.REQUESTED, ("date", "grounds", "reasons")),
    Move(OPEN_AFTER_SENDING, S.WITHDRAWN, Side.REQUESTING, ("date",)),
)
PREPARATION = (S.DRAFT, S.APPROVED, S.SENT)  # targets reached through their own functions


def move_for(source: str, target: str) -> Move | None:
    for move in MOVES:
        if target == move.target and source in move.sources:
            return move
    return None


def entered_by_hand(event: RequestEvent) -> bool:
    """Whether the event was entered by the other side for a side that does not use Palermo."""
    return event.by_hand


def _for_the_other_side(event: RequestEvent) -> bool:
    actor = event.actor
    if actor is None:
        return False
    organisation = authority_on(event.request, event.side).organisation_id
    return organisation is None or actor.organisation_id != organisation


def _acting_side(req: Request, actor, side: str) -> bool:
    """May `actor` make a move of `side` (theirs, or the other side's by hand when it is not on Palermo)?"""
    mine = side_of(actor, req)
    if mine is None or not actor.has_perm("cooperation.edit_request", req):
        return False
    return mine == side or not uses_palermo(authority_on(req, side))


# ---------------------------------------------------------------------------------------------------------
# Moves


def _transition(
    locked: Request,
    *,
    actor,
    to_state: str,
    side: str,
    on: date,
    note: str = "",
    fields: dict | None = None,
    data: dict | None = None,
    request=None,
) -> Request:
    """Make one move of the table: check it, save the request, write its event, audit, notify."""
    move = move_for(locked.state, to_state)
    if move is None or move.side != side:
        raise RequestError(
            _("A request that is %(from)s cannot become %(to)s.")
            % {"from": state_words(locked)["state"], "to": str(RequestState(to_state).label).lower()}
        )
    check_date(on, previous_on(locked))
    from_state = locked.state
    changed = {"state": to_state, "updated_by": actor, **(fields or {})}
    for name, value in changed.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changed, "updated"])
    event = RequestEvent(
        request=locked, from_state=from_state, to_state=to_state, on=on, actor=actor, side=side, note=note
    )
    event.by_hand = by_hand = _for_the_other_side(event)
    event.save()
    log_action(
        REQUEST_APPROVED
        if to_state == S.APPROVED
        else REQUEST_RETURNED
        if to_state == S.DRAFT
        else REQUEST_SENT
        if to_state == S.SENT
        else REQUEST_MOVED,
        actor=actor,
        obj=locked,
        data={
            "from": from_state,
            "to": to_state,
            "on": on.isoformat(),
            **({"by_hand": True} if by_hand else {}),
            **(data or {}),
        },
        request=request,
    )
    from palermo.cooperation.domain import notices

    notices.after_move(locked, event)
    return locked


@transaction.atomic
def approve_request(*, req: Request, actor, request=None) -> Request:
    """Approve a draft marked ready: a second practitioner of the requesting authority, neither the drafter
    nor the one who marked it ready."""
    locked = locked_request(req)
    if side_of(actor, locked) != Side.REQUESTING:
        raise deny()
    if locked.drafted_by_id == actor.pk or locked.ready_by_id == actor.pk:
        raise RequestError(
            _("A request is approved by a second person: not the one who drafted it or marked it ready.")
        )
    if not actor.has_perm("cooperation.approve_request", locked):
        raise deny()
    if locked.state != S.DRAFT or locked.ready_at is None:
        raise RequestError(_("Only a draft marked ready can be approved."))
    now = timezone.now()
    return _transition(
        locked,
        actor=actor,
        to_state=S.APPROVED,
        side=Side.REQUESTING,
        on=timezone.localdate(),
        fields={"approved_by": actor, "approved_at": now},
        request=request,
    )


@transaction.atomic
def return_to_draft(*, req: Request, actor, note: str = "", request=None) -> Request:
    """Send an approved request back to drafting (its approval and readiness are cleared)."""
    locked = locked_request(req)
    if not _acting_side(locked, actor, Side.REQUESTING) or side_of(actor, locked) != Side.REQUESTING:
        raise deny()
    return _transition(
        locked,
        actor=actor,
        to_state=S.DRAFT,
        side=Side.REQUESTING,
        on=timezone.localdate(),
        note=note,
        fields={"approved_by": None, "approved_at": None, "ready_at": None, "ready_by": None},
        data={"note": note} if note else None,
        request=request,
    )


@transaction.atomic
def send_request(*, req: Request, actor, on: date, channel: str, request=None) -> Request:
    """Record that the approved request was sent, on which day and through which channel."""
    locked = locked_request(req)
    if side_of(actor, locked) != Side.REQUESTING or not actor.has_perm("cooperation.edit_request", locked):
        raise deny()
    if channel not in Channel.values:
        raise RequestError(_("Unknown channel: %(channel)s.") % {"channel": channel})
    accepted = locked.requested_authority.channels or []
    if accepted and channel not in accepted:
        raise RequestError(
            _("The requested authority accepts requests only through: %(channels)s.")
            % {"channels": listed(Channel(code).label for code in accepted if code in Channel.values)}
        )
    return _transition(
        locked,
        actor=actor,
        to_state=S.SENT,
        side=Side.REQUESTING,
        on=on,
        fields={"sent_on": on, "channel": channel, "reply_due": locked.execute_by},
        data={"channel": channel},
        request=request,
    )


def _refusal(req: Request, grounds, reasons: str) -> dict:
    grounds = list(dict.fromkeys(grounds or ()))
    unknown = [ground for ground in grounds if ground not in RefusalGround.values]
    if unknown:
        raise RequestError(
            _("Unknown ground of refusal: %(ground)s.") % {"ground": ", ".join(map(str, unknown))}
        )
    if req.kind == RequestKind.MUTUAL_LEGAL_ASSISTANCE and not grounds:
        raise RequestError(
            _(
                "Mutual legal assistance may be refused only on a ground of article 18(21)(a) to (d): name at least one."
            )
        )
    if not reasons.strip():
        raise RequestError(_("Give the reasons for the refusal (article 18(23))."))
    return {"refusal_grounds": grounds, "refusal_reasons": reasons.strip()}


@transaction.atomic
def move_request(
    *,
    req: Request,
    actor,
    to_state: str,
    on: date | None = None,
    note: str = "",
    grounds=(),
    reasons: str = "",
    request=None,
) -> Request:
    """Every tracking move after "sent" (received, acknowledged, in execution, more information asked,
    partly executed, executed, refused, withdrawn), by the side whose move it is, or by the other side by
    hand when that side does not use Palermo. `on` defaults to today."""
    locked = locked_request(req)
    if side_of(actor, locked) is None or not actor.has_perm("cooperation.view_request", locked):
        raise deny()
    if to_state not in RequestState.values:
        raise RequestError(_("Unknown state: %(state)s.") % {"state": to_state})
    if to_state in PREPARATION:
        raise RequestError(_("Drafts are approved, returned and sent with their own actions."))
    move = move_for(locked.state, to_state)
    if move is None:
        raise RequestError(
            _("A request that is %(from)s cannot become %(to)s.")
            % {"from": state_words(locked)["state"], "to": str(RequestState(to_state).label).lower()}
        )
    if not _acting_side(locked, actor, move.side):
        raise deny()
    on = on or timezone.localdate()
    note = (note or "").strip()
    fields: dict[str, Any] = {}
    data: dict[str, Any] = {}
    if "note" in move.needs and not note:
        raise RequestError(_("Say what more information is needed."))
    if to_state == S.REFUSED:
        fields.update(_refusal(locked, grounds, reasons))
        data["grounds"] = fields["refusal_grounds"]
    elif grounds or reasons:
        raise RequestError(_("Grounds and reasons are given only when a request is refused."))
    if to_state in (S.RECEIVED, S.ACKNOWLEDGED) and locked.received_on is None:
        fields["received_on"] = on
    if to_state == S.MORE_INFORMATION:
        fields["reply_due"] = on + timedelta(days=REPLY_DAYS)
    elif locked.state == S.MORE_INFORMATION:
        fields["reply_due"] = locked.execute_by
    if to_state in CLOSED:
        fields["closed_on"] = on
        fields["reply_due"] = None
    if note:
        data["note"] = note
    return _transition(
        locked,
        actor=actor,
        to_state=to_state,
        side=move.side,
        on=on,
        note=note,
        fields=fields,
        data=data,
        request=request,
    )


def allowed_moves(req: Request, user) -> list[str]:
    """The states this user may move the request to now (preparation included: approved when they may
    approve it, draft when they may return it, sent when they may send it)."""
    if side_of(user, req) is None or not user.has_perm("cooperation.edit_request", req):
        return []
    found = []
    for move in MOVES:
        if req.state not in move.sources or not _acting_side(req, user, move.side):
            continue
        if move.target in PREPARATION and side_of(user, req) != Side.REQUESTING:
            continue
        if move.target == S.APPROVED and (
            req.ready_at is None
            or user.pk == req.ready_by_id
            or not user.has_perm("cooperation.approve_request", req)
        ):
            continue
        found.append(move.target)
    return found


__all__ = [
    "MOVES",
    "Incomplete",
    "Move",
    "RequestError",
    "StaleRequest",
    "allowed_moves",
    "approve_request",
    "attach_file",
    "check_of",
    "check_version",
    "content_for_letter",
    "create_request",
    "entered_by_hand",
    "mark_ready",
    "move_request",
    "post_message",
    "record_incoming_request",
    "return_to_draft",
    "save_draft",
    "send_request",
]
