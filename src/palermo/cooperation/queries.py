"""Reads of international cooperation that depend on who asks."""

from django.db.models import Q, QuerySet

from palermo.cooperation.models import Authority, Designation, Request
from palermo.cooperation.rules import UNSENT_STATES, authority_of, is_authority_user


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
    """The requests of the user's authority (outgoing, and incoming once sent), for its verified users;
    nothing else."""
    authority = authority_of(user)
    if authority is None or not is_authority_user(user):  # the same test as cooperation.view_request
        return Request.objects.none()
    return Request.objects.filter(
        Q(requesting_authority=authority) | (Q(requested_authority=authority) & ~Q(state__in=UNSENT_STATES))
    ).select_related("requesting_authority__party", "requested_authority__party")


# -- The directory (appended by the directory helper) ---------------------------------------------------


def search_authorities(
    user, *, q: str = "", party: str = "", kind: str = "", language: str = "", channel: str = ""
) -> QuerySet[Authority]:
    """The authorities the user may see, filtered: words in either name, State code, kind of designation,
    language accepted, channel accepted; by State and name."""
    authorities = authorities_visible_to(user)
    for word in q.split():
        authorities = authorities.filter(Q(name__icontains=word) | Q(name_en__icontains=word))
    if party:
        authorities = authorities.filter(party_id=party.upper())
    if kind:
        authorities = authorities.filter(designations__kind=kind)
    if language:
        authorities = authorities.filter(_holds("languages", language.lower()))
    if channel:
        authorities = authorities.filter(_holds("channels", channel))
    return authorities.order_by("party_id", "name", "pk")


def _holds(field: str, code: str) -> Q:
    """A JSON list field holds the code: jsonb containment on PostgreSQL, the quoted code in the stored
    text on SQLite (which has no JSON containment)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [code]})
    return Q(**{f"{field}__icontains": f'"{code}"'})


def with_kinds(authorities) -> list[Authority]:
    """The authorities (a page of them) with `kinds`: the labels of their designations, in one query."""
    from palermo.cooperation.models import AuthorityKind

    items = list(authorities)
    kinds: dict[int, list] = {}
    rows = Designation.objects.filter(authority_id__in=[a.pk for a in items]).order_by("kind")
    for authority_id, kind in rows.values_list("authority_id", "kind"):
        kinds.setdefault(authority_id, []).append(AuthorityKind(kind).label)
    for authority in items:
        authority.kinds = kinds.get(authority.pk, [])
    return items


def designations_by_state(*, kind: str = "", group: str = "", q: str = "") -> dict[str, dict]:
    """The public overview as plain values: for each State code, {"kinds": {kind: [(notification id,
    date, is demo), ...]}, "is_demo": whether any of its authorities is demo data}."""
    rows = designations_overview(kind=kind, group=group, q=q).values_list(
        "authority__party_id",
        "kind",
        "notification_id",
        "notification__date",
        "notification__is_demo",
        "authority__is_demo",
    )
    states: dict[str, dict] = {}
    for code, designation_kind, notification, day, notification_demo, demo in rows.distinct():
        state = states.setdefault(code, {"kinds": {}, "is_demo": False})
        state["is_demo"] = state["is_demo"] or demo
        notes = state["kinds"].setdefault(designation_kind, [])
        if notification is not None and all(note[0] != notification for note in notes):
            notes.append((notification, day, notification_demo))
    return states


def designations_overview(*, kind: str = "", group: str = "", q: str = "") -> QuerySet[Designation]:
    """The public's view: designations with their State and notification, filtered by kind, the State's
    regional group and words in the State's name (any language) or the authority's name."""
    designations = public_designations()
    if kind:
        designations = designations.filter(kind=kind)
    if group:
        designations = designations.filter(authority__party__regional_group=group)
    for word in q.split():
        designations = designations.filter(
            Q(authority__party__name__icontains=word)
            | Q(authority__party__names__icontains=word)
            | Q(authority__party__code__iexact=word)
        )
    return designations.order_by("authority__party_id", "kind")


def proposals_for(user):
    """Proposed changes the user may decide (pending ones) or made: the secretariat sees all; a focal point
    those of their State; a user of an authority those about it; everyone their own."""
    from palermo.accounts.rules import is_secretariat
    from palermo.cooperation.models import ProposedChange
    from palermo.cooperation.rules import is_authority_user, is_focal_point

    changes = ProposedChange.objects.select_related("party", "authority", "proposed_by", "decided_by")
    if not user.is_authenticated:
        return changes.none()
    if is_secretariat(user):
        return changes
    visible = Q(proposed_by=user)
    organisation = getattr(user, "organisation", None)
    if is_focal_point(user) and organisation is not None and organisation.party_id:
        visible |= Q(party_id=organisation.party_id)
    mine = authority_of(user)
    if mine is not None and is_authority_user(user):
        visible |= Q(authority=mine)
    return changes.filter(visible)
