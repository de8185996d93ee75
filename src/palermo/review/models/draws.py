from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.review.models.cycles import ReviewCycle


class Draw(models.Model):
    """A drawing of lots, stored with everything needed to re-derive it: seed, rules, the participation it
    read and the result (the `palermo draw-lots` JSON). A redraw is a new Draw naming its reason."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Drawing of lots")
        REDRAW = "redraw", _("Redraw")

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="draws")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    seed = models.BigIntegerField(_("seed"))
    rules = models.JSONField()
    participation = models.JSONField(help_text="The register export the draw read (parties and dates)")
    result = models.JSONField(help_text="What `palermo draw-lots --json` writes")
    state_under_review = models.ForeignKey(
        "register.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaced_reviewer = models.ForeignKey(
        "register.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["cycle", "created", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.cycle})"


class Review(models.Model):
    """The review of one State for one instrument in a cycle (all four phases)."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="reviews")
    state_under_review = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey("register.Instrument", on_delete=models.PROTECT, related_name="+")
    group = models.PositiveSmallIntegerField(_("group"))

    class Meta:
        ordering = ["cycle", "group", "state_under_review", "instrument__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "state_under_review", "instrument"], name="one_review_per_instrument"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_under_review_id} / {self.instrument_id} ({self.cycle})"


class ReviewerAssignment(models.Model):
    """A reviewing State of a review, in its slot; a redraw ends an assignment and adds its replacement."""

    class Slot(models.TextChoices):
        SAME_GROUP = "same_group", _("Same regional group")
        OTHER_GROUP = "other_group", _("Other regional group")
        ADDITIONAL = "additional", _("Additional")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assignments")
    reviewing_state = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    slot = models.CharField(max_length=20, choices=Slot.choices)
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="assignments")
    ended_by = models.ForeignKey(
        Draw, null=True, blank=True, on_delete=models.PROTECT, related_name="ended_assignments"
    )

    class Meta:
        ordering = ["review", "slot", "reviewing_state"]

    def __str__(self) -> str:
        return f"{self.reviewing_state_id} reviews {self.review}"
