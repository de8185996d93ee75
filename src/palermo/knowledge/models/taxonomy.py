from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.TextChoices):
    CRIME_TYPE = "crime_type", _("Crime type")
    CROSS_CUTTING = "cross_cutting", _("Cross-cutting issue")
    FACET_GROUP = "facet_group", _("Facet of a crime type")
    FACET_VALUE = "facet_value", _("Facet value")


class TermQuerySet(models.QuerySet):
    def current(self):
        """Terms in use: not merged into another term."""
        return self.filter(replaced_by=None)


class Term(models.Model):
    """A taxonomy term. Renames keep former slugs; a merge points the old term at the one that replaces it."""

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    slug = models.SlugField(_("identifier"), max_length=80)
    labels = models.JSONField(default=dict, help_text="Label by language code: ar, zh-hans, en, fr, ru, es")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)
    former_slugs = models.JSONField(default=list, blank=True, help_text="Slugs this term had before a rename")
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_terms",
        help_text="Set when this term was merged into another",
    )
    release = models.ForeignKey("knowledge.TaxonomyRelease", on_delete=models.PROTECT, related_name="+")

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "slug"], condition=models.Q(parent=None), name="term_unique_top_slug"
            ),
            models.UniqueConstraint(
                fields=["parent", "slug"], condition=~models.Q(parent=None), name="term_unique_child_slug"
            ),
        ]
        verbose_name = _("term")

    def __str__(self) -> str:
        return self.labels.get("en") or self.slug

    @property
    def label(self) -> str:
        return self.labels.get(get_language() or "en") or self.labels.get("en") or self.slug


class TaxonomyRelease(models.Model):
    """A version of the taxonomy data file, as loaded."""

    version = models.CharField(max_length=40, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=300)
    content_hash = models.CharField(max_length=64)
    summary = models.JSONField(default=dict, help_text="What the load added, renamed and merged")

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return self.version
