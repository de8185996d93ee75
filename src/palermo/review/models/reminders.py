from django.conf import settings
from django.db import models

from palermo.review.models.draws import Review


class Reminder(models.Model):
    """An e-mail reminding one person of one overdue step of a review (kept to space reminders out)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=100, help_text="e.g. self_assessment:1:ITA")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["review", "step", "user"], name="reminder_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.step} to {self.user_id} ({self.sent_at:%Y-%m-%d})"
