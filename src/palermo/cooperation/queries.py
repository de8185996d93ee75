"""Reads of international cooperation that depend on who asks."""

from django.db.models import Q, QuerySet

from palermo.cooperation.models import Authority, Designation, Request
from palermo.cooperation.rules import authority_of


def authorities_visible_to(user) -> QuerySet[Authority]:
    """Every authority with its contacts and requirements for the secretariat and the users of competent
    authorities; nothing for anyone else (they see designations only: `public_designations`)."""
    if not user.has_perm("cooperation.view_directory"):
        return Authority.objects.none()
    return Authority.objects.select_related("party")


def public_designations() -> QuerySet[Designation]:
    """Which State designated which kind of authority, with the notification: what the public may know."""
    return Designation.objects.select_related("authority__party", "instrument", "notification")


def requests_visible_to(user) -> QuerySet[Request]:
    """The requests of the user's authority (outgoing and incoming), for its verified users; nothing else."""
    authority = authority_of(user)
    if authority is None or not user.has_perm("cooperation.view_directory"):
        return Request.objects.none()
    return Request.objects.filter(
        Q(requesting_authority=authority) | Q(requested_authority=authority)
    ).select_related("requesting_authority__party", "requested_authority__party")
