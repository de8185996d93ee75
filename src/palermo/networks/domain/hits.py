"""Hit/no-hit across investigations (as in the Prüm framework): when an entity of one investigation matches
one of another investigation that the searching user may not see, and both take part, a Hit is recorded.
The searching side learns only that there is a hit and which authority to contact; the other side's leads
are told the same, in the app and by e-mail. Neither side is ever shown the other's entity."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from palermo.cooperation.rules import authority_of
from palermo.networks import matching
from palermo.networks.domain.investigations import audit
from palermo.networks.domain.resolution_proxies import profiles_for
from palermo.networks.models import (
    BlockingKey,
    Hit,
    Investigation,
    MemberRole,
    Membership,
    ResolutionRun,
    Share,
)

logger = logging.getLogger(__name__)

SUBJECT = gettext_noop("Palermo: an authority has a hit with investigation #%(number)s")
BODY = gettext_noop(
    "An authority has a hit with an entity of investigation #%(number)s. Contact %(authority)s: %(directory)s"
)
SEE_HITS = gettext_noop("See the hits of the investigation (sign-in required): %(url)s")


def hit_threshold() -> float:
    """A hit needs a match as strong as the matcher's own threshold for "the same"."""
    return matching.DEFAULT_THRESHOLD


def searchable_investigations(investigation: Investigation, user) -> list[int]:
    """The other investigations that take part and that `user` (who started the search) may not see."""
    others = Investigation.objects.filter(hit_notices=True).exclude(pk=investigation.pk)
    if user is not None:
        others = others.exclude(pk__in=_seen_by(user))
    return list(others.values_list("pk", flat=True))


def _seen_by(user) -> list[int]:
    """The investigations the user sees (queries.investigations_visible_to without the second factor,
    which a background job cannot check: it asks about the person, not a session)."""
    authority = authority_of(user)
    if authority is None:
        return []
    shared = Share.objects.filter(investigation=OuterRef("pk"), authority=authority, revoked_at__isnull=True)
    return list(
        Investigation.objects.filter(memberships__user=user)
        .filter(Q(authority=authority) | Exists(shared))
        .values_list("pk", flat=True)
    )


def search_batch(run: ResolutionRun, canonical_ids: Sequence[str], others: Sequence[int]) -> int:
    """Record the hits of these canonical entities in the `others` investigations; returns how many are
    new. Pairs come from shared blocking keys (neither side's frequent keys)."""
    investigation = run.investigation
    mine = list(
        BlockingKey.objects.filter(
            investigation=investigation, canonical_id__in=canonical_ids, frequent=False
        ).values_list("key", "canonical_id")
    )
    if not mine:
        return 0
    by_key: dict[str, set[str]] = defaultdict(set)
    for key, canonical_id in mine:
        by_key[key].add(canonical_id)
    pairs: set[tuple[str, int, str]] = set()
    keys = list(by_key)
    for start in range(0, len(keys), 500):
        theirs = BlockingKey.objects.filter(
            investigation_id__in=others, key__in=keys[start : start + 500], frequent=False
        ).values_list("key", "investigation_id", "canonical_id")
        for key, other_investigation, other_id in theirs:
            pairs.update((canonical_id, other_investigation, other_id) for canonical_id in by_key[key])
    if not pairs:
        return 0
    my_profiles = profiles_for(investigation, {pair[0] for pair in pairs})
    wanted: dict[int, set[str]] = defaultdict(set)
    for _mine, other_investigation, other_id in pairs:
        wanted[other_investigation].add(other_id)
    their_profiles = {
        other_investigation: profiles_for(Investigation(pk=other_investigation), ids)
        for other_investigation, ids in wanted.items()
    }
    new = 0
    for canonical_id, other_investigation, other_id in sorted(pairs):
        left, right = my_profiles.get(canonical_id), their_profiles[other_investigation].get(other_id)
        if left is None or right is None:
            continue
        score = round(float(matching.score_pair(left, right).score), 4)
        if score < hit_threshold():
            continue
        _hit, created = Hit.objects.update_or_create(
            investigation=investigation,
            canonical_id=canonical_id,
            other_investigation_id=other_investigation,
            other_canonical_id=other_id,
            defaults={"score": score},
            create_defaults={"score": score, "run": run},
        )
        new += created
    return new


def notify_new_hits(run: ResolutionRun) -> int:
    """Tell each other investigation with new hits from this run: one audit entry and one e-mail to each
    of its leads, naming only the searching authority. Returns the number of e-mails sent."""
    pending = Hit.objects.filter(run=run, notified_at__isnull=True)
    counts: dict[int, int] = defaultdict(int)
    for other_investigation in pending.values_list("other_investigation_id", flat=True):
        counts[other_investigation] += 1
    sent = 0
    searching = run.investigation.authority
    for other in Investigation.objects.filter(pk__in=counts):
        audit(
            "networks.hit.received",
            investigation=other,
            actor=None,
            data={"hits": counts[other.pk], "authority_id": searching.pk},
        )
        sent += _mail_leads(other, searching)
    pending.update(notified_at=timezone.now())
    return sent


def directory_url(authority) -> str:
    try:
        path = reverse("cooperation:authority", args=[authority.pk])
    except NoReverseMatch:
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _mail_leads(other: Investigation, searching_authority) -> int:
    leads = Membership.objects.filter(
        investigation=other, role=MemberRole.LEAD, user__is_active=True
    ).exclude(user__email="")
    hits_url = settings.SITE_URL.rstrip("/") + reverse("networks:hits", args=[other.pk])
    sent = 0
    for membership in leads.select_related("user"):
        user = membership.user
        with override(user.email_language):
            values = {
                "number": other.pk,
                "authority": str(searching_authority),  # its English name, else its own
                "directory": directory_url(searching_authority),
            }
            subject = _(SUBJECT) % values
            body = "\n".join([_(BODY) % values, "", _(SEE_HITS) % {"url": hits_url}])
        try:
            send_mail(subject, body + "\n", None, [user.email])
            sent += 1
        except Exception:  # the hit is recorded and shown in the app: a mail server's refusal is logged
            logger.exception("The hit notice for investigation %s could not be sent", other.pk)
    return sent


def hits_found(investigation: Investigation):
    """This investigation's entities that match elsewhere, with the authority to contact (none while
    either side does not take part)."""
    if not investigation.hit_notices:
        return Hit.objects.none()
    return Hit.objects.filter(
        investigation=investigation, other_investigation__hit_notices=True
    ).select_related("other_investigation__authority__party")


def hits_received(investigation: Investigation):
    """Other authorities' entities that match this investigation's, with the authority to contact (none
    while either side does not take part)."""
    if not investigation.hit_notices:
        return Hit.objects.none()
    return Hit.objects.filter(
        other_investigation=investigation, investigation__hit_notices=True
    ).select_related("investigation__authority__party")
