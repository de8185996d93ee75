from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.review.models.draws import Review


class DocumentKind(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment questionnaire")
    FEEDBACK = "feedback", _("Written feedback")
    OBSERVATIONS = "observations", _("List of observations")
    SUMMARY = "summary", _("Summary")


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_CLEARANCE = "awaiting_clearance", _("Awaiting clearance by the focal point")
    CLEARED = "cleared", _("Cleared")


class StepDocument(models.Model):
    """A document of one step of a phase: the State under review's self-assessment, a reviewing State's
    written feedback, or the list of observations and the summary that all the review's delegations draft
    jointly (`party` is then the State under review, whose focal point clears them). Drafted by experts,
    cleared by a focal point (two-level approval); every move is a StepTransition."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    phase = models.PositiveSmallIntegerField(_("phase"))
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=30, choices=DocumentState.choices, default=DocumentState.DRAFT)
    text = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, help_text="A summary: when it was made public")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["review", "phase", "kind", "party"]
        constraints = [
            models.UniqueConstraint(fields=["review", "phase", "kind", "party"], name="one_document_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.party_id}, phase {self.phase} ({self.review})"


class StepTransition(models.Model):
    """One move of a step document's workflow, with who made it, when and why."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=30, choices=DocumentState.choices)
    to_state = models.CharField(max_length=30, choices=DocumentState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["document", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} -> {self.to_state} ({self.document})"
