"""Information gathering (art. 32(5)): a questionnaire the secretariat composes and sends to States parties,
each recipient State's reply (who may answer it, whether it was submitted, whether its answers may be
published) and the answers, one per question with its own version so that two experts never overwrite each
other's work."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import in_language


class Recipients(models.TextChoices):
    ALL_PARTIES = "all_parties", _("All States parties to the Convention")
    INSTRUMENT = "instrument", _("The States parties to one instrument")
    REGIONAL_GROUP = "regional_group", _("The States parties of one regional group")


class QuestionnaireState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    CLOSED = "closed", _("Closed")


class Questionnaire(models.Model):
    """What the secretariat asks States parties, to whom and by when. A draft can be changed; once sent,
    its questions and recipients are fixed (the replies refer to them)."""

    titles = models.JSONField(default=dict, help_text="Title by language code: ar, zh-hans, en, fr, ru, es")
    introductions = models.JSONField(default=dict, blank=True, help_text="Introduction by language code")
    meeting = models.ForeignKey(
        "conference.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
        verbose_name=_("for the meeting"),
    )
    recipients = models.CharField(_("sent to"), max_length=20, choices=Recipients.choices)
    instrument = models.ForeignKey(
        "register.Instrument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instrument"),
    )
    regional_group = models.CharField(_("regional group"), max_length=20, blank=True)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=10, choices=QuestionnaireState.choices, default=QuestionnaireState.DRAFT
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled wherever shown")

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.titles.get("en") or f"questionnaire {self.pk}"

    @property
    def title(self) -> str:
        return in_language(self.titles)

    @property
    def introduction(self) -> str:
        return in_language(self.introductions) if self.introductions else ""


class AnswerKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One of several answers")
    NUMBER = "number", _("A number")
    TEXT = "text", _("Text")


class Question(models.Model):
    """One question: free, or about an article of an instrument; its answer is yes/no, one of the choices
    given, a number or text; every answer may be explained in words."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    texts = models.JSONField(default=dict, help_text="Question by language code: ar, zh-hans, en, fr, ru, es")
    article = models.ForeignKey(
        "register.Article",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("article"),
    )
    kind = models.CharField(_("answer"), max_length=10, choices=AnswerKind.choices)
    # For CHOICE: [{"value": "slug", "labels": {"en": "...", ...}}, ...] in the order they are offered.
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="question_number_per_questionnaire"
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.questionnaire_id}.{self.number}"

    @property
    def text(self) -> str:
        return in_language(self.texts)

    def options(self) -> list[tuple[str, str]]:
        """The answers it offers, (value, label in the active language); none for numbers and text."""
        if self.kind == AnswerKind.YES_NO:
            return [("yes", str(_("Yes"))), ("no", str(_("No")))]
        if self.kind == AnswerKind.CHOICE:
            return [(choice["value"], in_language(choice["labels"])) for choice in self.choices]
        return []


class ReplyState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Reply(models.Model):
    """One recipient State's reply: created for each State the questionnaire is sent to."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="replies")
    party = models.ForeignKey(
        "register.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("State")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReplyState.choices, default=ReplyState.NOT_STARTED
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("experts who answer")
    )
    publish = models.BooleanField(
        _("publish our answers"),
        default=False,
        help_text=_("Unticked, the answers are only counted in the aggregates, never shown as this State's."),
    )
    submitted = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded = models.DateTimeField(null=True, blank=True, help_text="When the last reminder was sent")

    class Meta:
        ordering = ["questionnaire", "party__name"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "party"], name="one_reply_per_state"),
        ]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.party_id} to {self.questionnaire_id}"


class Answer(models.Model):
    """One State's answer to one question, saved with its own version (a save from an older version is
    refused, never lost)."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(_("answer"), max_length=100, blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("explanation"), blank=True)
    citations = models.ManyToManyField(
        "knowledge.Record",
        blank=True,
        related_name="+",
        verbose_name=_("records of the knowledge base cited"),
    )
    version = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reply", "question__number"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "question"], name="one_answer_per_question_and_state"),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.reply} — {self.question}"
