"""Reads of investigations that depend on who asks."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from palermo.cooperation.rules import authority_of
from palermo.networks.models import Investigation, Membership, Share
from palermo.networks.rules import is_investigator


def investigations_visible_to(user) -> QuerySet[Investigation]:
    """The investigations the user is a member of, while working at the owner or at an authority it is
    shared with; none for anyone else."""
    authority = authority_of(user)
    if authority is None or not is_investigator(user):
        return Investigation.objects.none()
    shared = Share.objects.filter(investigation=OuterRef("pk"), authority=authority, revoked_at__isnull=True)
    member = Membership.objects.filter(investigation=OuterRef("pk"), user=user)
    return (
        Investigation.objects.filter(Exists(member))
        .filter(Q(authority=authority) | Exists(shared))
        .select_related("authority__party")
    )
