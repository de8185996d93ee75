"""Written feedback per question and per article, the versions a document went through, and the dialogue
between the reviewing States and the State under review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.review.models.draws import Review
from palermo.review.models.steps import DocumentState, StepDocument


class FeedbackArticle(models.Model):
    """A reviewing State's comments on one article of the self-assessment: per question, and on the article
    as a whole (key ''). The unit of saving, with its own version against lost updates."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="feedback_articles")
    article = models.CharField(_("article"), max_length=10)
    comments = models.JSONField(default=dict, help_text="question key ('' = the article) -> comment")
    version = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "article"], name="one_feedback_per_article"),
        ]

    def __str__(self) -> str:
        return f"feedback on art. {self.article} ({self.document})"


class DocumentVersion(models.Model):
    """The content of a document as it was when it moved in its workflow (submitted, cleared, returned,
    reopened), as plain text, so that any two versions can be compared."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=30, choices=DocumentState.choices)
    content = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class DialogueMessage(models.Model):
    """A question or answer in the dialogue of a phase. A message without `thread` opens a thread (about an
    article, or the review in general); replies point to it. Messages are never edited."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="messages")
    phase = models.PositiveSmallIntegerField()
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    article = models.CharField(_("article"), max_length=10, blank=True)
    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "phase", "created", "id"]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.text[:40]}"
