"""Entity resolution inside an investigation: candidate pairs found by blocking and scored, the analysts'
judgements on them (which make canonical entities), the runs that find candidates, the blocking keys they
leave behind, and hits across investigations (hit/no-hit: only that there is one, and whom to contact)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    POSITIVE = "positive", _("Same")
    NEGATIVE = "negative", _("Not the same")
    UNSURE = "unsure", _("Unsure")


class ResolutionRun(models.Model):
    """One search for candidates (a background job "networks.resolve") and what it found."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="resolution_runs"
    )
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    entity_count = models.PositiveIntegerField(default=0)
    candidate_count = models.PositiveIntegerField(default=0)
    hit_count = models.PositiveIntegerField(default=0)
    # Keys shared by more entities than the cap are left out of blocking (a common surname, say).
    capped_key_count = models.PositiveIntegerField(default=0)
    # Asked for again while running (an import finished meanwhile): a new run follows this one.
    again = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"search #{self.pk}"


class Judgement(models.Model):
    """An analyst's (or the system's) verdict on two entities, by their FtM ids (ordered). Positive
    judgements join entities into canonical ones; an undone judgement keeps its row, with who undid it."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="judgements"
    )
    left_id = models.CharField(max_length=128)
    right_id = models.CharField(max_length=128)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    score = models.FloatField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "left_id", "right_id"],
                condition=models.Q(undone_at__isnull=True),
                name="judgement_once_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(left_id__lt=models.F("right_id")), name="judgement_ordered"
            ),
        ]
        indexes = [models.Index(fields=["investigation", "verdict"], name="judgement_verdict")]

    def __str__(self) -> str:
        return f"{self.left_id} {self.verdict} {self.right_id}"


class Candidate(models.Model):
    """Two canonical entities (ids ordered) that may be the same, with the score and the features that
    scored. Open while `judgement` is empty."""

    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="candidates"
    )
    left_id = models.CharField(max_length=128)
    right_id = models.CharField(max_length=128)
    schema = models.CharField(max_length=64)
    left_caption = models.CharField(max_length=500, blank=True)
    right_caption = models.CharField(max_length=500, blank=True)
    score = models.FloatField()
    features = models.JSONField(default=list, blank=True)
    run = models.ForeignKey(ResolutionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    judgement = models.ForeignKey(
        Judgement, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "left_id", "right_id"],
                condition=models.Q(judgement__isnull=True),
                name="candidate_open_once_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(left_id__lt=models.F("right_id")), name="candidate_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["investigation", "-score"], name="candidate_by_score"),
            models.Index(fields=["investigation", "left_id"], name="candidate_left"),
            models.Index(fields=["investigation", "right_id"], name="candidate_right"),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id}"


class BlockingKey(models.Model):
    """A blocking key of a canonical entity, as the last run computed it: entities sharing a key are
    compared, inside the investigation and (for hits) across investigations."""

    id = models.BigAutoField(primary_key=True)
    investigation = models.ForeignKey("networks.Investigation", on_delete=models.CASCADE, related_name="+")
    canonical_id = models.CharField(max_length=128)
    key = models.CharField(max_length=255)
    # Shared by more entities of the investigation than the cap: not used for blocking.
    frequent = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["investigation", "key"], name="blocking_key"),
            models.Index(fields=["key"], name="blocking_key_across"),
            models.Index(fields=["investigation", "canonical_id"], name="blocking_key_entity"),
        ]

    def __str__(self) -> str:
        return self.key


class Hit(models.Model):
    """An entity of `investigation` matches one of `other_investigation`, which its users may not see.
    Each side is shown its own entity and the other side's authority, never the other entity."""

    investigation = models.ForeignKey("networks.Investigation", on_delete=models.CASCADE, related_name="hits")
    canonical_id = models.CharField(max_length=128)
    other_investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="hits_received"
    )
    other_canonical_id = models.CharField(max_length=128)
    score = models.FloatField()
    found_at = models.DateTimeField(auto_now_add=True)
    run = models.ForeignKey(ResolutionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # When the other investigation's leads were told (in the app and by e-mail).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "canonical_id", "other_investigation", "other_canonical_id"],
                name="hit_once_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"hit #{self.pk}"
