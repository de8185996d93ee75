"""Offers of technical assistance, their writes: the secretariat records any provider's offer (a global
programme of UNODC, a donor, a State, another organization); a State's focal point records its own State's.
The secretariat or the offering State's focal point withdraws one. Atomic and audited; bad data raises
`RecordError` naming the field and writes nothing."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.rules import is_secretariat
from palermo.conference.domain.assistance import is_focal_point_for
from palermo.conference.domain.records import LANGUAGES, RecordError
from palermo.conference.models import AssistanceOffer, Provider
from palermo.core.audit import log_action
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party, RegionalGroup
from palermo.review.models import AssistanceKind


def may_offer_for(user, party: Party | None) -> bool:
    return is_secretariat(user) or (party is not None and is_focal_point_for(user, party))


def record_offer(
    *,
    user,
    provider_kind: str,
    provider: str,
    party: Party | None,
    kind: str,
    description: str,
    language: str,
    articles: list[Article],
    crime_types: list[Term],
    regions: list[str],
    until: date | None,
) -> AssistanceOffer:
    """An offer: the secretariat's of any provider; a focal point's of its own State (`party`), whose name
    is then the provider's."""
    secretariat = is_secretariat(user)
    if not may_offer_for(user, party):
        raise PermissionDenied
    if not secretariat and party is not None:  # may_offer_for: a focal point of `party`
        provider_kind, provider = Provider.STATE, party.name
    problems: list[tuple[str, str]] = []
    if provider_kind not in Provider.values:
        problems.append(("provider_kind", _("Say who offers the assistance.")))
    if provider_kind == Provider.STATE and party is None:
        problems.append(("party", _("Choose the State that offers the assistance.")))
    if provider_kind == Provider.STATE and party is not None and not provider.strip():
        provider = party.name
    if not provider.strip():
        problems.append(("provider", _("Give the name of the provider.")))
    if kind not in AssistanceKind.values:
        problems.append(("kind", _("Choose the kind of assistance.")))
    if not description.strip():
        problems.append(("description", _("Describe what is offered.")))
    if language not in LANGUAGES:
        problems.append(("language", _("Choose the language of the text.")))
    unknown = sorted(set(regions) - set(RegionalGroup.values))
    if unknown:
        problems.append(("regions", _("Unknown regional group: %(codes)s.") % {"codes": ", ".join(unknown)}))
    if until is not None and until < timezone.localdate():
        problems.append(("until", _("The last day of the offer has passed.")))
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        offer = AssistanceOffer.objects.create(
            provider_kind=provider_kind,
            provider=provider.strip(),
            party=party if provider_kind == Provider.STATE else None,
            kind=kind,
            description=description.strip(),
            language=language,
            regions=sorted(set(regions)),
            until=until,
            recorded_by=user,
        )
        offer.articles.set(articles)
        offer.crime_types.set(crime_types)
        log_action(
            "conference.offer.recorded",
            actor=user,
            obj=offer,
            data={"offered_by": provider_kind, "party": offer.party_id},
        )
    return offer


def withdraw_offer(*, user, offer: AssistanceOffer) -> None:
    if not may_offer_for(user, offer.party):
        raise PermissionDenied
    with transaction.atomic():
        AssistanceOffer.objects.filter(pk=offer.pk).update(withdrawn=True)
        offer.withdrawn = True
        log_action("conference.offer.withdrawn", actor=user, obj=offer, data={})
