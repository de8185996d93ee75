"""Technical assistance (arts. 29 and 30): the needs States have — identified by a country review, stated in
a questionnaire or requested directly —, the offers of assistance (UNODC's global programmes, donors, States)
and the activities that meet needs. A State's need is shown outside the secretariat and the State only where
the State agreed to publish it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import in_language
from palermo.register.models import RegionalGroup
from palermo.review.models import AssistanceKind


class AboutArticles(models.Model):
    """What a need, an offer and an activity have in common: the articles and crime types or issues they are
    about, who recorded them and when, and whether they are invented for the demo."""

    articles = models.ManyToManyField(
        "register.Article", blank=True, related_name="+", verbose_name=_("articles")
    )
    crime_types = models.ManyToManyField(
        "knowledge.Term", blank=True, related_name="+", verbose_name=_("crime types and issues")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled wherever shown")

    class Meta:
        abstract = True


class NeedSource(models.TextChoices):
    REVIEW = "review", _("A country review")
    QUESTIONNAIRE = "questionnaire", _("A questionnaire")
    DIRECT = "direct", _("Requested by the State")


class AssistanceNeed(AboutArticles):
    party = models.ForeignKey(
        "register.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("State")
    )
    source = models.CharField(_("identified by"), max_length=20, choices=NeedSource.choices)
    kind = models.CharField(
        _("kind of assistance"), max_length=20, choices=AssistanceKind.choices, default=AssistanceKind.OTHER
    )
    description = models.TextField(_("what is needed"))
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES)
    publish = models.BooleanField(
        _("published"), default=False, help_text=_("The State agreed to show this need to everyone.")
    )
    # Where the need was handed over from: a need the State named in its cleared self-assessment, or an
    # answer of its reply to a questionnaire (each is handed over once).
    review_need = models.OneToOneField(
        "review.AssistanceNeed", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.OneToOneField(
        "conference.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded", "-id"]
        verbose_name = _("technical-assistance need")
        verbose_name_plural = _("technical-assistance needs")

    def __str__(self) -> str:
        return f"{self.party_id}: {self.description[:60]}"


class Provider(models.TextChoices):
    GLOBAL_PROGRAMME = "programme", _("A global programme of UNODC")
    DONOR = "donor", _("A donor")
    STATE = "state", _("A State")
    ORGANISATION = "organisation", _("Another organization")


class AssistanceOffer(AboutArticles):
    """An offer of technical assistance: who offers it, what kind, on which articles and crime types, to
    which regional groups (none named: to all) and until when. Offers are public: they are matched to the
    needs a reader may see (conference/assistance_matching.py)."""

    provider_kind = models.CharField(_("offered by"), max_length=20, choices=Provider.choices)
    provider = models.CharField(_("name of the provider"), max_length=200)
    party = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("offering State"),
    )
    kind = models.CharField(_("kind of assistance"), max_length=20, choices=AssistanceKind.choices)
    description = models.TextField(_("what is offered"))
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES)
    regions = models.JSONField(
        _("regional groups"), default=list, blank=True, help_text="RegionalGroup values; empty: every group"
    )
    until = models.DateField(_("available until"), null=True, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ["-recorded", "-id"]
        verbose_name = _("offer of technical assistance")
        verbose_name_plural = _("offers of technical assistance")

    def __str__(self) -> str:
        return f"{self.provider}: {self.description[:60]}"

    @property
    def provider_name(self) -> str:
        """The provider as the reader calls it: an offering State by its name in the reader's language."""
        return self.party.local_name if self.party_id else self.provider

    def region_labels(self) -> list[str]:
        labels = dict(RegionalGroup.choices)
        return [str(labels[code]) for code in self.regions if code in labels]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")


class AssistanceActivity(AboutArticles):
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
    outputs = models.TextField(_("outputs"), blank=True)
    needs = models.ManyToManyField(
        AssistanceNeed, blank=True, related_name="activities", verbose_name=_("needs met")
    )
    offer = models.ForeignKey(
        AssistanceOffer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("offer carried out"),
    )

    class Meta:
        ordering = ["-starts", "-id"]
        verbose_name = _("assistance activity")
        verbose_name_plural = _("assistance activities")

    def __str__(self) -> str:
        return self.titles.get("en") or f"activity {self.pk}"

    @property
    def title(self) -> str:
        return in_language(self.titles)
