"""What a phase of a review produces: the list of observations (for the Conference's working groups) and
the summary, published with its translations in the six languages."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.review.models.steps import StepDocument


class ObservationCategory(models.TextChoices):
    GAP = "gap", _("Gaps and challenges")
    GOOD_PRACTICE = "good_practice", _("Good practices")
    SUGGESTION = "suggestion", _("Suggestions")
    ASSISTANCE = "assistance", _("Technical-assistance needs")


class Observation(models.Model):
    """One item of a list of observations, about an article of the cluster or the review in general."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="observations")
    category = models.CharField(_("category"), max_length=20, choices=ObservationCategory.choices)
    article = models.CharField(_("article"), max_length=10, blank=True)
    text = models.TextField(_("observation"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "category", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text[:60]}"


def translation_file_path(instance, filename: str) -> str:
    return f"review/summaries/{uuid.uuid4().hex}.pdf"


class SummaryTranslation(models.Model):
    """A summary in one of the six languages, as the secretariat uploads it (text, and optionally the
    PDF of the official document). Public once the summary is published."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.TextField(_("text"))
    file = models.FileField(upload_to=translation_file_path, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_translation_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"
