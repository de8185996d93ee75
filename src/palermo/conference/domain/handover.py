"""The needs a State named in its cleared self-assessments (the Review Mechanism's, the State's official
word) handed over into the Conference's register of needs in one step: each once, unpublished (the State
decides to publish it), with its kind, its article and where it came from. The secretariat hands over any
State's; a focal point its own State's. All or nothing, audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from palermo.accounts.rules import is_secretariat
from palermo.conference.domain.assistance import may_record_need
from palermo.conference.domain.records import RecordError
from palermo.conference.models import AssistanceNeed, NeedSource
from palermo.core.audit import log_action
from palermo.core.i18n import listed
from palermo.register.models import Article
from palermo.review.models import AssistanceNeed as ReviewNeed
from palermo.review.models import DocumentKind, DocumentState


def _own_party(user):
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    return organisation.party if organisation is not None and organisation.party_id else None


def waiting(user) -> QuerySet[ReviewNeed]:
    """The needs of cleared self-assessments not yet in the register that `user` may hand over."""
    found = (
        ReviewNeed.objects.filter(
            article_answer__document__kind=DocumentKind.SELF_ASSESSMENT,
            article_answer__document__state=DocumentState.CLEARED,
        )
        .exclude(pk__in=AssistanceNeed.objects.exclude(review_need=None).values("review_need"))
        .select_related(
            "article_answer__document__review__state_under_review",
            "article_answer__document__review__instrument",
        )
        .order_by("article_answer__document__review__state_under_review__name", "article_answer_id", "id")
    )
    if is_secretariat(user):
        return found
    party = _own_party(user)
    if party is None or not may_record_need(user, party):
        return found.none()
    return found.filter(article_answer__document__review__state_under_review=party)


def hand_over(*, user, needs: list[ReviewNeed]) -> list[AssistanceNeed]:
    """Each of `needs` into the register, unpublished; refused whole when one may not be handed over by
    `user` or is already in the register."""
    if not needs:
        raise RecordError([("needs", _("Choose at least one need."))])
    allowed = set(waiting(user).filter(pk__in=[need.pk for need in needs]).values_list("pk", flat=True))
    refused = sorted(need.pk for need in needs if need.pk not in allowed)
    if refused:
        if not is_secretariat(user) and _own_party(user) is None:
            raise PermissionDenied
        raise RecordError(
            [
                (
                    "needs",
                    _("These needs cannot be added (already added, or not yours): %(numbers)s.")
                    % {"numbers": listed([str(pk) for pk in refused])},
                )
            ]
        )
    articles = {(a.instrument_id, a.number): a for a in Article.objects.all()}
    created = []
    with transaction.atomic():
        for need in needs:
            review = need.article_answer.document.review
            handed = AssistanceNeed.objects.create(
                party=review.state_under_review,
                source=NeedSource.REVIEW,
                kind=need.kind,
                description=need.description.strip() or need.get_kind_display(),
                language=get_language(),
                publish=False,
                review_need=need,
                recorded_by=user,
            )
            article = articles.get((review.instrument_id, need.article_answer.article))
            if article is not None:
                handed.articles.add(article)
            created.append(handed)
        for party in sorted({handed.party for handed in created}, key=lambda party: party.pk):
            log_action(
                "conference.needs.handed_over",
                actor=user,
                obj=party,
                data={"handed_over": sum(handed.party_id == party.pk for handed in created)},
            )
    return created
