"""Resolutions and decisions of the Conference, their operative paragraphs — whom each asks to act and by
when — and the follow-up recorded against each paragraph, per State where a State acts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palermo.conference.models.meetings import Body, Document, Meeting
from palermo.core.i18n import in_language


class DecisionKind(models.TextChoices):
    RESOLUTION = "resolution", pgettext_lazy("act of the Conference", "Resolution")
    DECISION = "decision", pgettext_lazy("act of the Conference", "Decision")


class Decision(models.Model):
    """A resolution or decision adopted at a session, numbered session/order as the report numbers it
    (resolution 10/1, decision 10/2)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    number = models.CharField(_("number"), max_length=20, help_text=_("As adopted, for example 10/1"))
    titles = models.JSONField(default=dict, help_text="Title by language code: ar, zh-hans, en, fr, ru, es")
    adopted = models.DateField(_("adopted on"))
    report = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("report that contains it"),
    )

    class Meta:
        ordering = ["meeting", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="decision_number_per_kind"),
        ]
        verbose_name = _("resolution or decision")
        verbose_name_plural = _("resolutions and decisions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def title(self) -> str:
        return in_language(self.titles)


class Addressee(models.TextChoices):
    ALL_STATES = "all_states", _("All States parties")
    SOME_STATES = "some_states", _("The States named")
    SECRETARIAT = "secretariat", _("The secretariat")
    WORKING_GROUP = "working_group", _("A working group")
    NONE = "none", _("No one in particular")


class OperativeParagraph(models.Model):
    """One operative paragraph: what it asks, of whom, by when, which articles it cites and its topics."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(_("paragraph"))
    texts = models.JSONField(default=dict, help_text="Text by language code: ar, zh-hans, en, fr, ru, es")
    addressee = models.CharField(_("asks"), max_length=20, choices=Addressee.choices)
    states = models.ManyToManyField(
        "register.Party", blank=True, related_name="+", verbose_name=_("States named")
    )
    working_group = models.CharField(
        _("working group"),
        max_length=20,
        choices=[choice for choice in Body.choices if choice[0] != Body.CONFERENCE],
        blank=True,
    )
    due = models.DateField(_("due by"), null=True, blank=True)
    articles = models.ManyToManyField(
        "register.Article", blank=True, related_name="+", verbose_name=_("articles cited")
    )
    topics = models.ManyToManyField("knowledge.Term", blank=True, related_name="+", verbose_name=_("topics"))

    class Meta:
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="paragraph_number_per_decision"),
        ]
        verbose_name = _("operative paragraph")
        verbose_name_plural = _("operative paragraphs")

    def __str__(self) -> str:
        return f"{self.decision}, para. {self.number}"

    @property
    def text(self) -> str:
        return in_language(self.texts)


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")


class FollowUp(models.Model):
    """What was done on a paragraph: by a State (`party`) or by the secretariat or a working group (no
    party). The latest entry per paragraph and State gives its status."""

    paragraph = models.ForeignKey(OperativeParagraph, on_delete=models.CASCADE, related_name="follow_ups")
    party = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("State"),
    )
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    text = models.TextField(_("what was done"))
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES)
    documents = models.ManyToManyField(Document, blank=True, related_name="+", verbose_name=_("documents"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The latest entry of its State (or of the secretariat) on the paragraph: kept by record_follow_up, so
    # that the status of every paragraph is counted by the database, not by reading every entry.
    is_latest = models.BooleanField(default=True, db_index=True)

    class Meta:
        ordering = ["paragraph", "-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "party"], condition=models.Q(is_latest=True), name="one_latest_follow_up"
            ),
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-up")

    def __str__(self) -> str:
        return f"{self.paragraph}: {self.get_status_display()}"
