"""Entities of an investigation stored as FollowTheMoney statements: every value with the source it came
from, when and by whom, so that a source can be removed without losing what other sources said."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FTM_LINES = "ftm_lines", _("FollowTheMoney JSON lines")
    MAPPING = "mapping", _("Table with a mapping")
    FORM = "form", _("Entered in a form")
    KNOWLEDGE_CASE = "knowledge_case", _("Case of the knowledge base")


class SourceState(models.TextChoices):
    LOADING = "loading", _("Loading")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Source(models.Model):
    """One import, one set of form entries or one knowledge-base case. Only ready sources are shown:
    an import is all or nothing."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    label = models.CharField(_("source"), max_length=300)
    state = models.CharField(
        _("state"), max_length=10, choices=SourceState.choices, default=SourceState.LOADING
    )
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entity_count = models.PositiveIntegerField(default=0)
    statement_count = models.PositiveIntegerField(default=0)
    # SHA-256 of an imported file and its mapping: the same import is not made twice.
    digest = models.CharField(max_length=64, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label


class Entity(models.Model):
    """The index of an investigation's entities, one row per FtM id, kept in step with its statements."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="entities"
    )
    entity_id = models.CharField(max_length=128)
    canonical_id = models.CharField(max_length=128)
    schema = models.CharField(max_length=64)
    caption = models.CharField(max_length=500)
    countries = models.CharField(max_length=200, blank=True)
    first_source = models.ForeignKey(Source, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "entity_id"], name="entity_once_per_investigation"
            )
        ]
        indexes = [
            models.Index(fields=["investigation", "canonical_id"], name="entity_canonical"),
            models.Index(fields=["investigation", "schema"], name="entity_schema"),
        ]

    def __str__(self) -> str:
        return self.caption


DATE_PROPS = ("date", "startDate", "endDate")  # a relationship's dates (the graph filters links by them)


class Statement(models.Model):
    id = models.BigAutoField(primary_key=True)
    # No index of its own on the investigation or the author: (investigation, entity_id) serves the reads,
    # and every index costs the imports (a million entities are several million statements).
    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    entity_id = models.CharField(max_length=128)
    schema = models.CharField(max_length=64)
    prop = models.CharField(max_length=64)
    value = models.TextField()
    lang = models.CharField(max_length=8, blank=True)
    original_value = models.TextField(blank=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="statements")
    line = models.PositiveIntegerField(null=True, help_text="The line of the source file it came from")
    # The value is another entity's id (an FtM property of type entity: an owner, a director, a holder):
    # indexed on its own so that an entity's incoming links, and later the graph's edges, are found fast.
    is_link = models.BooleanField(default=False, db_default=False)
    stated_at = models.DateTimeField()
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )

    class Meta:
        indexes = [
            models.Index(fields=["investigation", "entity_id"], name="statement_entity"),
            models.Index(
                fields=["investigation", "value"], name="statement_link", condition=models.Q(is_link=True)
            ),
            # The dates of relationships, read with every build of the graph (a small share of statements):
            # without it the build walks every statement of the investigation's sources.
            models.Index(
                fields=["investigation", "source", "entity_id", "value"],
                name="statement_dates",
                condition=models.Q(prop__in=DATE_PROPS),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id}.{self.prop}"
