"""The self-assessment questionnaire's answers: per article of the cluster, one answer per question
(yes / partly / no with an explanation), the challenges met, the legislation and cases cited (links to
knowledge-base records or uploaded PDFs) and the technical-assistance needs (kind and priority)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.review.models.steps import StepDocument


class Response(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class AssistanceKind(models.TextChoices):
    LEGISLATIVE = "legislative", _("Legislative drafting and advice")
    TRAINING = "training", _("Training and capacity-building")
    INSTITUTIONS = "institutions", _("Institution-building")
    PRACTICES = "practices", _("Good practices and model laws")
    COOPERATION = "cooperation", _("Support for international cooperation")
    DATA = "data", _("Data collection and research")
    TECHNOLOGY = "technology", _("Equipment and technology")
    OTHER = "other", _("Other assistance")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ArticleAnswer(models.Model):
    """The answers of one self-assessment about one article. It is the unit of saving (and of the check
    against lost updates): two experts may answer two articles at the same time."""

    document = models.ForeignKey(StepDocument, on_delete=models.CASCADE, related_name="article_answers")
    article = models.CharField(_("article"), max_length=10)
    challenges = models.TextField(_("challenges"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "article"], name="one_answer_per_article"),
        ]

    def __str__(self) -> str:
        return f"art. {self.article} ({self.document})"


class QuestionAnswer(models.Model):
    """The answer to one question: a paragraph (or subparagraph, or the whole article) of the article."""

    article_answer = models.ForeignKey(ArticleAnswer, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=10, help_text="'1', 'a', or '' for the whole article")
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["article_answer", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article_answer", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.article_answer} q{self.question}: {self.response}"


def cited_file_path(instance, filename: str) -> str:
    return f"review/{uuid.uuid4().hex}.pdf"


class Citation(models.Model):
    """Legislation or a case cited for an article: a knowledge-base record, or a PDF uploaded into the
    review (confidential, like the rest of the self-assessment)."""

    article_answer = models.ForeignKey(ArticleAnswer, on_delete=models.CASCADE, related_name="citations")
    record = models.ForeignKey(
        "knowledge.Record", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=cited_file_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_answer", "id"]

    def __str__(self) -> str:
        return self.title or str(self.record)


class AssistanceNeed(models.Model):
    """A technical-assistance need the State under review names for an article."""

    article_answer = models.ForeignKey(ArticleAnswer, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind of assistance"), max_length=20, choices=AssistanceKind.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    description = models.TextField(_("description"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_answer", "id"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.priority}) for {self.article_answer}"
