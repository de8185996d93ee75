"""Screening against watch lists: sanctions and watch lists loaded as FtM datasets by an authority (an
OpenSanctions export, a national list), and the hits of that authority's investigations on them.

A list belongs to the authority that loaded it: only its investigations are screened against it and only
its practitioners see it (a national watch list can be confidential). Hits are seen by the members of the
investigation, like everything else in it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.networks.models.entities import SourceState


class WatchList(models.Model):
    authority = models.ForeignKey(
        "cooperation.Authority", on_delete=models.CASCADE, related_name="watch_lists"
    )
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(
        _("publisher"),
        max_length=300,
        blank=True,
        help_text=_("Who publishes the list and which edition, e.g. OpenSanctions, 2026-11-30"),
    )
    file_name = models.CharField(max_length=300)
    digest = models.CharField(max_length=64)  # SHA-256 of the file: the same file is not loaded twice
    state = models.CharField(
        _("state"), max_length=10, choices=SourceState.choices, default=SourceState.LOADING
    )
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entity_count = models.PositiveIntegerField(default=0)  # entities screened against (people, companies…)
    skipped_count = models.PositiveIntegerField(
        default=0
    )  # other entities of the file (sanctions, addresses…)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled so on every page")
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ListedEntity(models.Model):
    """One person, company, organisation, vessel or wallet of a list, as the list states it."""

    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="entities")
    entity_id = models.CharField(max_length=128)
    schema = models.CharField(max_length=64)
    caption = models.CharField(max_length=500)
    # {property: [values]} as FtM writes it; topics ("sanction", "crime", "role.pep") and countries within.
    properties = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["watch_list", "entity_id"], name="listed_entity_once_per_list")
        ]

    def __str__(self) -> str:
        return self.caption


class ListedKey(models.Model):
    """A blocking key of a listed entity (networks/matching/blocking.py): an investigation's entity is
    compared with the listed entities that share one of its keys. Keys shared by too many listed entities
    are not kept (a common first name would pair everyone)."""

    id = models.BigAutoField(primary_key=True)
    watch_list = models.ForeignKey(WatchList, on_delete=models.CASCADE, related_name="+", db_index=False)
    listed = models.ForeignKey(ListedEntity, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["key", "watch_list"], name="listed_key")]

    def __str__(self) -> str:
        return self.key


class Decision(models.TextChoices):
    OPEN = "open", _("To review")
    CONFIRMED = "confirmed", _("Confirmed: the same")
    DISMISSED = "dismissed", _("Dismissed: not the same")


class ScreeningHit(models.Model):
    """An entity of an investigation that matches a listed entity, as scored by the matcher of entity
    resolution; reviewed by an analyst (confirmed or dismissed). A new screening keeps reviewed hits."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="screening_hits"
    )
    canonical_id = models.CharField(max_length=128)
    listed = models.ForeignKey(ListedEntity, on_delete=models.CASCADE, related_name="hits")
    score = models.FloatField()
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "canonical_id", "listed"], name="screening_hit_once"
            )
        ]
        indexes = [models.Index(fields=["investigation", "canonical_id"], name="screening_hit_entity")]

    def __str__(self) -> str:
        return f"{self.canonical_id} ~ {self.listed_id}"
