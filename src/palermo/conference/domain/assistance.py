"""Technical assistance, its writes: a State's focal point records its State's needs (requested directly) and
says whether each is published; the secretariat records needs of any State (from a review, a questionnaire
or a request) and the assistance activities, with the needs each meets. A need is met once an activity that
meets it is completed. Every write is atomic and audited; bad data raises `RecordError` naming the field."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.accounts.models import Role
from palermo.accounts.rules import is_approved, is_secretariat, is_verified
from palermo.conference.domain.records import LANGUAGES, RecordError, _require_secretariat, _texts
from palermo.conference.models import (
    ActivityStatus,
    Answer,
    AssistanceActivity,
    AssistanceNeed,
    AssistanceOffer,
    NeedSource,
)
from palermo.core.audit import log_action
from palermo.core.i18n import listed
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party
from palermo.review.models import AssistanceKind


def is_focal_point_for(user, party: Party) -> bool:
    organisation = getattr(user, "organisation", None)
    return (
        is_verified(user)
        and is_approved(user)
        and user.role == Role.FOCAL_POINT
        and organisation is not None
        and organisation.party_id == party.pk
    )


def may_record_need(user, party: Party) -> bool:
    return is_secretariat(user) or is_focal_point_for(user, party)


def record_need(
    *,
    user,
    party: Party | None,
    source: str,
    description: str,
    language: str,
    articles: list[Article],
    crime_types: list[Term],
    publish: bool,
    kind: str = AssistanceKind.OTHER,
    answer: Answer | None = None,
) -> AssistanceNeed:
    """A need of `party`: the secretariat records any State's, from any source; a focal point its own
    State's, as requested directly or from its State's answer to a questionnaire (`answer`, handed over
    once)."""
    if party is None or not may_record_need(user, party):
        raise PermissionDenied
    if answer is not None and answer.reply.party_id != party.pk:
        raise PermissionDenied
    problems: list[tuple[str, str]] = []
    if answer is not None:
        source = NeedSource.QUESTIONNAIRE
        if AssistanceNeed.objects.filter(answer=answer).exists():
            problems.append(("description", _("This answer is already recorded as a need.")))
    elif not is_secretariat(user):
        source = NeedSource.DIRECT
    if kind not in AssistanceKind.values:
        problems.append(("kind", _("Choose the kind of assistance.")))
    if source not in NeedSource.values:
        problems.append(("source", _("Say where the need was identified.")))
    if not description.strip():
        problems.append(("description", _("Describe what is needed.")))
    if language not in LANGUAGES:
        problems.append(("language", _("Choose the language of the text.")))
    if not articles and not crime_types:
        problems.append(("articles", _("Name at least one article or one crime type or issue.")))
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        need = AssistanceNeed.objects.create(
            party=party,
            source=source,
            kind=kind,
            description=description.strip(),
            language=language,
            publish=publish,
            answer=answer,
            recorded_by=user,
        )
        need.articles.set(articles)
        need.crime_types.set(crime_types)
        log_action(
            "conference.need.recorded",
            actor=user,
            obj=need,
            data={
                "party": party.pk,
                "need_source": source,
                "publish": publish,
                "from_answer": getattr(answer, "pk", None),
            },
        )
    return need


def set_need_publication(*, user, need: AssistanceNeed, publish: bool) -> None:
    """The State's focal point (or the secretariat at its request) publishes a need or withdraws it."""
    if not may_record_need(user, need.party):
        raise PermissionDenied
    with transaction.atomic():
        AssistanceNeed.objects.filter(pk=need.pk).update(publish=publish)
        need.publish = publish
        log_action("conference.need.publication", actor=user, obj=need, data={"publish": publish})


def record_activity(
    *,
    user,
    titles: dict[str, str],
    provider: str,
    status: str,
    starts: date | None,
    ends: date | None,
    beneficiaries: list[Party],
    articles: list[Article],
    crime_types: list[Term],
    outputs: str,
    needs: list[AssistanceNeed],
    offer: AssistanceOffer | None = None,
) -> AssistanceActivity:
    """An assistance activity (the secretariat), with the needs it meets (needs of its beneficiaries only)
    and the offer it carries out, if any."""
    _require_secretariat(user)
    problems: list[tuple[str, str]] = []
    titles = _texts(titles, "titles", problems)
    if not provider.strip():
        problems.append(("provider", _("Say who provides the assistance.")))
    if status not in ActivityStatus.values:
        problems.append(("status", _("Choose the status of the activity.")))
    if starts and ends and ends < starts:
        problems.append(("ends", _("The last day cannot come before the first.")))
    if not beneficiaries:
        problems.append(("beneficiaries", _("Name at least one beneficiary State.")))
    codes = {party.pk for party in beneficiaries}
    strangers = sorted({need.party_id for need in needs if need.party_id not in codes})
    if strangers:
        problems.append(
            (
                "needs",
                _("These needs are of States that do not benefit: %(states)s.")
                % {"states": listed(strangers)},
            )
        )
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        activity = AssistanceActivity.objects.create(
            titles=titles,
            provider=provider.strip(),
            status=status,
            starts=starts,
            ends=ends,
            outputs=outputs.strip(),
            offer=offer,
            recorded_by=user,
        )
        activity.beneficiaries.set(beneficiaries)
        activity.articles.set(articles)
        activity.crime_types.set(crime_types)
        activity.needs.set(needs)
        log_action(
            "conference.activity.recorded",
            actor=user,
            obj=activity,
            data={
                "status": status,
                "states": sorted(codes),
                "needs_met": len(needs),
                "offer_carried_out": getattr(offer, "pk", None),
            },
        )
    return activity
