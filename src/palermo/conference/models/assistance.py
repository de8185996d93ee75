"""Technical assistance (arts. 29 and 30): the needs States have — identified by a country review, stated in
a questionnaire or requested directly — and the assistance activities that meet them (the Global
Programme's, donors', other States'). A State's need is shown outside the secretariat and the State only
where the State agreed to publish it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import in_language


class NeedSource(models.TextChoices):
    REVIEW = "review", _("A country review")
    QUESTIONNAIRE = "questionnaire", _("A questionnaire")
    DIRECT = "direct", _("Requested by the State")


class AssistanceNeed(models.Model):
    party = models.ForeignKey(
        "register.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("State")
    )
    source = models.CharField(_("identified by"), max_length=20, choices=NeedSource.choices)
    description = models.TextField(_("what is needed"))
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES)
    articles = models.ManyToManyField(
        "register.Article", blank=True, related_name="+", verbose_name=_("articles")
    )
    crime_types = models.ManyToManyField(
        "knowledge.Term", blank=True, related_name="+", verbose_name=_("crime types and issues")
    )
    publish = models.BooleanField(
        _("published"), default=False, help_text=_("The State agreed to show this need to everyone.")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled wherever shown")

    class Meta:
        ordering = ["-recorded", "-id"]
        verbose_name = _("technical-assistance need")
        verbose_name_plural = _("technical-assistance needs")

    def __str__(self) -> str:
        return f"{self.party_id}: {self.description[:60]}"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")


class AssistanceActivity(models.Model):
    """An activity of technical assistance: who provides it, for which States, on what, with which outputs,
    and the needs it meets (met once the activity is completed)."""

    titles = models.JSONField(default=dict, help_text="Title by language code: ar, zh-hans, en, fr, ru, es")
    provider = models.CharField(
        _("provided by"), max_length=200, help_text=_("The Global Programme, a donor or a State")
    )
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices)
    starts = models.DateField(_("first day"), null=True, blank=True)
    ends = models.DateField(_("last day"), null=True, blank=True)
    beneficiaries = models.ManyToManyField(
        "register.Party", related_name="+", verbose_name=_("beneficiary States")
    )
    articles = models.ManyToManyField(
        "register.Article", blank=True, related_name="+", verbose_name=_("articles")
    )
    crime_types = models.ManyToManyField(
        "knowledge.Term", blank=True, related_name="+", verbose_name=_("crime types and issues")
    )
    outputs = models.TextField(_("outputs"), blank=True)
    needs = models.ManyToManyField(
        AssistanceNeed, blank=True, related_name="activities", verbose_name=_("needs met")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled wherever shown")

    class Meta:
        ordering = ["-starts", "-id"]
        verbose_name = _("assistance activity")
        verbose_name_plural = _("assistance activities")

    def __str__(self) -> str:
        return self.titles.get("en") or f"activity {self.pk}"

    @property
    def title(self) -> str:
        return in_language(self.titles)
