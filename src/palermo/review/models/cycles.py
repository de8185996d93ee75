from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ReviewCycle(models.Model):
    """One cycle of the Review Mechanism: four phases (one per cluster), States in groups starting in
    consecutive years, the rules of its drawing of lots."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    reference_date = models.DateField(
        _("reference date"),
        help_text=_("Parties on this date are drawn into groups; later ones are late joiners."),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), help_text=_("The year group 1 starts"))
    phase_years = models.PositiveSmallIntegerField(_("years per phase"), default=2)
    rules = models.JSONField(default=dict, help_text="palermo.review.domain.draw.Rules as a dict")
    clusters_version = models.CharField(max_length=100)
    clusters_about = models.TextField(blank=True)
    deadlines = models.JSONField(
        default=dict,
        help_text='Step -> ISO 8601 duration from the start of a review, e.g. {"focal_point_appointed": "P2W"}',
    )
    is_demo = models.BooleanField(default=False, help_text="Made up for the demo; labelled so on every page")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return str(_("Review cycle %(number)s") % {"number": self.number})

    def phase_start(self, phase: int, group: int = 1) -> date:
        """When a group starts a phase: groups start a year apart, phases last `phase_years` (the clusters
        can be corrected until group 1 starts the phase)."""
        return date(self.first_year + group - 1 + (phase - 1) * self.phase_years, 1, 1)

    def confirmed_clusters(self) -> int:
        """How many of the cycle's clusters are confirmed (prefetch `clusters` for a list of cycles)."""
        return sum(1 for cluster in self.clusters.all() if cluster.is_confirmed)

    def article_numbers(self, phase: int, instrument: str) -> list[str]:
        """The article numbers of a phase's cluster for an instrument, in the cluster's order."""
        cluster = next((c for c in self.clusters.all() if c.phase == phase), None)
        return cluster.articles.get(instrument, {}).get("articles", []) if cluster else []


class Cluster(models.Model):
    """The thematic cluster reviewed in one phase of a cycle: its articles per instrument, each list with
    the confidence its source gives it. A copy per cycle, so that corrections do not rewrite history."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="clusters")
    phase = models.PositiveSmallIntegerField(_("phase"))
    title = models.CharField(_("title"), max_length=200)
    titles = models.JSONField(
        default=dict, blank=True, help_text="Title by language code (data/cluster-titles.json)"
    )
    articles = models.JSONField(
        default=dict, help_text='By instrument: {"articles": ["5", "6"], "confidence": "medium"}'
    )
    version = models.CharField(max_length=100)
    source = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "phase"]
        constraints = [models.UniqueConstraint(fields=["cycle", "phase"], name="one_cluster_per_phase")]

    def __str__(self) -> str:
        return f"{self.phase}. {self.local_title}"

    @property
    def title_language(self) -> str:
        """The language of `local_title`: the reader's, or English where the cluster has no title in it."""
        language = get_language() or "en"
        return language if self.titles.get(language) else "en"

    @property
    def local_title(self) -> str:
        return self.titles.get(self.title_language) or self.title

    @property
    def starts(self) -> date:
        """When group 1 starts the cluster's phase: the last day the cluster can be corrected is the day before."""
        return self.cycle.phase_start(self.phase)

    @property
    def has_started(self) -> bool:
        return timezone.localdate() >= self.starts

    @property
    def is_confirmed(self) -> bool:
        """Whether every list of the cluster is confirmed (by a correction naming its source)."""
        return all(entry.get("confidence") == "confirmed" for entry in self.articles.values())
