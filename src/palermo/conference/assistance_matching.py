"""Offers of technical assistance matched to needs. An offer can meet a need when it is open (not withdrawn,
not past its last day), the need is not yet met, the need's State is in a regional group the offer is made to
(an offer naming no group is made to all) and is not the offering State, and they share what they are about:
an article or a crime type; an offer that names neither is a general offer of its kind and matches needs of
that kind. The score ranks the matches: 3 for each shared article, 2 for each shared crime type, 2 for the same
kind of assistance (not "other")."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from palermo.conference.models import AssistanceNeed, AssistanceOffer
from palermo.review.models import AssistanceKind


@dataclass
class Match:
    offer: AssistanceOffer
    need: AssistanceNeed
    score: int
    articles: list = field(default_factory=list)
    crime_types: list = field(default_factory=list)
    same_kind: bool = False


def is_open(offer: AssistanceOffer, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return not offer.withdrawn and (offer.until is None or offer.until >= today)


def match(offer: AssistanceOffer, need: AssistanceNeed, today: date | None = None) -> Match | None:
    """The match of `offer` and `need` with its reasons, or None. Both must have their articles and crime
    types prefetched; `need.met` comes from `visible_needs`."""
    if not is_open(offer, today) or getattr(need, "met", False):
        return None
    if offer.party_id and offer.party_id == need.party_id:
        return None
    if offer.regions and (need.party.regional_group or "") not in offer.regions:
        return None
    offered_articles = {article.pk for article in offer.articles.all()}
    offered_terms = {term.pk for term in offer.crime_types.all()}
    articles = [article for article in need.articles.all() if article.pk in offered_articles]
    crime_types = [term for term in need.crime_types.all() if term.pk in offered_terms]
    same_kind = offer.kind == need.kind and offer.kind != AssistanceKind.OTHER
    general = not offered_articles and not offered_terms
    if not (articles or crime_types or (general and offer.kind == need.kind)):
        return None
    score = 3 * len(articles) + 2 * len(crime_types) + 2 * same_kind
    return Match(offer, need, score, articles, crime_types, same_kind)


def _ranked(found: list[Match]) -> list[Match]:
    return sorted(found, key=lambda m: (-m.score, -m.need.recorded.timestamp(), -m.need.pk, -m.offer.pk))


def needs_for(offer: AssistanceOffer, needs: list[AssistanceNeed], today: date | None = None) -> list[Match]:
    """The needs (of those given: the ones the reader may see) that `offer` can meet, best first."""
    today = today or timezone.localdate()
    return _ranked([found for need in needs if (found := match(offer, need, today))])


def offers_by_need(offers: list[AssistanceOffer], needs: list[AssistanceNeed]) -> dict[int, list[Match]]:
    """For each need, the offers that can meet it, best first (needs with none are left out)."""
    today = timezone.localdate()
    by_need: dict[int, list[Match]] = {}
    for need in needs:
        found = [m for offer in offers if (m := match(offer, need, today))]
        if found:
            by_need[need.pk] = _ranked(found)
    return by_need
