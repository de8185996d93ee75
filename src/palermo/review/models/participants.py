from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palermo.review.models.draws import Review


class ReviewRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    GOVERNMENTAL_EXPERT = "governmental_expert", _("Governmental expert")
    OBSERVER = "observer", _("Observer (read only)")


class Participant(models.Model):
    """A person taking part in one review for one State (the State under review or a reviewing State), in
    one role. Only participants (and the secretariat) see anything of a review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_roles")
    role = models.CharField(_("role"), max_length=30, choices=ReviewRole.choices)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "party", "role", "appointed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "party"],
                condition=Q(role="focal_point", ended_at=None),
                name="one_focal_point_per_state_and_review",
            ),
            models.UniqueConstraint(
                fields=["review", "user"], condition=Q(ended_at=None), name="one_role_per_person_and_review"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.party_id}) in {self.review}"


class AppointmentRequest(models.Model):
    """An appointment by e-mail address that a focal point asked for and that could not be made at once:
    no active account of an authority of that State has the address, or its person already takes part.
    The secretariat registers and appoints the person, or dismisses the request; the focal point is told
    the same as for an appointment made, so that no answer says whether an address has an account."""

    class Reason(models.TextChoices):
        NO_ACCOUNT = "no_account", _("No active account has this address")
        OTHER_STATE = "other_state", _("The account is not of an authority of this State")
        TAKING_PART = "taking_part", _("The person already takes part in this review")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="appointment_requests")
    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=30, choices=ReviewRole.choices)
    email = models.EmailField(_("email address"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["review", "requested_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()}, {self.party_id}) for {self.review}"
