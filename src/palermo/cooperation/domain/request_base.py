"""What the request modules share: their errors and who is on which side of a request."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.cooperation.models import Authority, Request, RequestEvent, RequestState, Side
from palermo.cooperation.rules import authority_of
from palermo.core.i18n import format_date

if TYPE_CHECKING:
    from palermo.cooperation.domain.completeness import Check


class RequestError(Exception):
    """The request cannot be changed as asked; the message says why, for people."""


class StaleRequest(RequestError):
    """Someone saved the draft since the version the editor read."""


class Incomplete(RequestError):
    """The request lacks items required for its kind; `check` names them with their articles."""

    def __init__(self, message: str, check: Check):
        super().__init__(message)
        self.check = check


# ---------------------------------------------------------------------------------------------------------
# Who is who on a request


def side_of(user, req: Request) -> str | None:
    """The side of the request the user works at (None: not on it)."""
    authority = authority_of(user)
    if authority is None:
        return None
    if authority.pk == req.requesting_authority_id:
        return Side.REQUESTING
    if authority.pk == req.requested_authority_id:
        return Side.REQUESTED
    return None


def authority_on(req: Request, side: str) -> Authority:
    return req.requesting_authority if side == Side.REQUESTING else req.requested_authority


def other(side: str) -> str:
    return Side.REQUESTED if side == Side.REQUESTING else Side.REQUESTING


def uses_palermo(authority: Authority) -> bool:
    return authority.organisation_id is not None


def deny() -> RequestError:
    return RequestError(_("You may not do this on this request."))


def locked_request(req: Request) -> Request:
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("requesting_authority", "requested_authority", "updated_by")
        .get(pk=req.pk)
    )


def state_words(req: Request) -> dict:
    return {"state": str(RequestState(req.state).label).lower()}


def previous_on(req: Request) -> date | None:
    return RequestEvent.objects.filter(request=req).order_by("-on").values_list("on", flat=True).first()


def check_date(on: date, previous: date | None) -> None:
    if on > timezone.localdate():
        raise RequestError(_("The date cannot be in the future."))
    if previous is not None and on < previous:
        raise RequestError(
            _("The date cannot be before the request's previous event (%(date)s).")
            % {"date": format_date(previous)}
        )
