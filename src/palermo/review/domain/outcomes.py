"""The outcome of a phase: the list of observations, drafted jointly by the review's delegations and
cleared by the State under review's focal point, which goes to the Conference's working groups; and the
summary, which the secretariat publishes with its translations once it is cleared. Nothing else of a
review ever becomes public."""

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.core.uploads import UploadRefused, check_pdf
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import CLEARED, can_edit
from palermo.review.models import (
    DocumentKind,
    Observation,
    ObservationCategory,
    ReviewCycle,
    StepDocument,
    SummaryTranslation,
)


def _editable(document: StepDocument, user, kind: str) -> StepDocument:
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    if locked.kind != kind or not can_edit(user, locked):
        raise ReviewError(_("This document is not a draft you may change."))
    return locked


@transaction.atomic
def add_observation(
    *, document: StepDocument, user, category: str, text: str, article: str = ""
) -> Observation:
    locked = _editable(document, user, DocumentKind.OBSERVATIONS)
    if category not in ObservationCategory.values:
        raise ReviewError(_("Choose the category of the observation."), field="category")
    if not text.strip():
        raise ReviewError(_("Write the observation."), field="text")
    if article and article not in locked.review.cycle.article_numbers(
        locked.phase, locked.review.instrument_id
    ):
        raise ReviewError(
            _("Article %(article)s is not in this questionnaire.") % {"article": article}, field="article"
        )
    observation = Observation.objects.create(
        document=locked, category=category, article=article, text=text.strip(), added_by=user
    )
    locked.updated_by = user
    locked.save(update_fields=["updated_by", "updated"])
    log_action(
        "review.observation.added",
        actor=user,
        obj=locked,
        data={"observation": observation.pk, "category": category, "article": article},
    )
    return observation


@transaction.atomic
def remove_observation(*, document: StepDocument, user, observation: Observation) -> None:
    locked = _editable(document, user, DocumentKind.OBSERVATIONS)
    if observation.document_id != locked.pk:
        raise ReviewError(_("This item is not part of this document."))
    log_action(
        "review.observation.removed",
        actor=user,
        obj=locked,
        data={"observation": observation.pk, "text": observation.text},
    )
    observation.delete()


def _secretariat(user) -> None:
    if not user.has_perm("review.manage_cycle"):
        raise ReviewError(_("Only the secretariat publishes summaries."))


@transaction.atomic
def set_translation(
    *, document: StepDocument, user, language: str, text: str, upload=None
) -> SummaryTranslation:
    """The summary in one language (text, and optionally its PDF), from the secretariat."""
    _secretariat(user)
    if document.kind != DocumentKind.SUMMARY or document.state != CLEARED:
        raise ReviewError(_("Translations are added to a cleared summary."))
    if language not in dict(settings.LANGUAGES):
        raise ReviewError(_("Choose one of the six languages."), field="language")
    if not text.strip():
        raise ReviewError(_("Paste the text of the summary in this language."), field="text")
    translation, _created = SummaryTranslation.objects.get_or_create(
        document=document, language=language, defaults={"text": text.strip(), "uploaded_by": user}
    )
    translation.text, translation.uploaded_by = text.strip(), user
    data: dict = {"language": language}
    if upload is not None:
        try:
            checked = check_pdf(upload)
        except UploadRefused as refused:
            raise ReviewError(str(refused), field="file") from None
        if translation.file:
            translation.file.delete(save=False)
        translation.file.save("summary.pdf", upload, save=False)
        data |= {"sha256": checked.sha256, "size": checked.size}
    translation.save()
    log_action("review.summary.translation_set", actor=user, obj=document, data=data)
    return translation


@transaction.atomic
def publish_summary(*, document: StepDocument, user) -> StepDocument:
    """Make a cleared summary public, in the languages it has been uploaded in."""
    _secretariat(user)
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    if locked.kind != DocumentKind.SUMMARY or locked.state != CLEARED:
        raise ReviewError(_("Only a cleared summary is published."))
    if locked.published_at:
        raise ReviewError(_("This summary is already published."))
    if not locked.translations.exists():
        raise ReviewError(_("Add the summary's text in at least one language first."))
    locked.published_at, locked.published_by = timezone.now(), user
    locked.save(update_fields=["published_at", "published_by", "updated"])
    log_action(
        "review.summary.published",
        actor=user,
        obj=locked,
        data={"languages": sorted(locked.translations.values_list("language", flat=True))},
    )
    return locked


def published_summaries() -> QuerySet[StepDocument]:
    """What the public sees of the Review Mechanism's reviews: published summaries only."""
    return (
        StepDocument.objects.filter(kind=DocumentKind.SUMMARY, published_at__isnull=False)
        .select_related("review__cycle", "review__state_under_review", "review__instrument")
        .prefetch_related("translations")
        .order_by("-published_at", "-id")
    )


def observations_for_working_groups(cycle: ReviewCycle) -> QuerySet[Observation]:
    """Every observation of the cycle's cleared lists, for the Conference's working groups."""
    return (
        Observation.objects.filter(
            document__review__cycle=cycle,
            document__kind=DocumentKind.OBSERVATIONS,
            document__state=CLEARED,
        )
        .select_related("document__review")
        .order_by(
            "document__review__state_under_review_id",
            "document__review__instrument_id",
            "document__phase",
            "category",
            "id",
        )
    )
