"""Investigations of transnational networks: owned by one competent authority, seen by its members only,
shared with another State's authority for a joint investigation team (art. 19) explicitly and revocably."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Investigation(models.Model):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("The authority's own file number")
    )
    authority = models.ForeignKey(
        "cooperation.Authority",
        on_delete=models.PROTECT,
        related_name="investigations",
        verbose_name=_("authority"),
    )
    hit_notices = models.BooleanField(
        _("take part in hit/no-hit notices"),
        default=True,
        help_text=_(
            "Other investigations learn only that one of their entities matches one here and which "
            "authority to contact; the lead is told. Never the content."
        ),
    )
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled so on every page")
    # Raised by every write that changes what the graph of the investigation holds (statements of ready
    # sources, sources turning ready or removed, merges and their undoing): built graphs are kept per version.
    graph_version = models.PositiveBigIntegerField(default=0, db_default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")

    def __str__(self) -> str:
        return self.title


def graph_changed(investigation_id: int) -> None:
    """The investigation's graph is no longer what it was: the next reader builds it again."""
    Investigation.objects.filter(pk=investigation_id).update(graph_version=models.F("graph_version") + 1)


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    ANALYST = "analyst", _("Analyst")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="investigation_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["investigation", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "user"], name="membership_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Share(models.Model):
    """The investigation opened to another State's authority: its users may then be added as members.
    Revoking it takes their access away at once (access is computed, nothing to clean up)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="shares")
    authority = models.ForeignKey(
        "cooperation.Authority", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    note = models.CharField(
        _("basis"),
        max_length=300,
        blank=True,
        help_text=_("For example the joint investigation team agreement"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "authority"],
                condition=models.Q(revoked_at__isnull=True),
                name="share_once_while_active",
            )
        ]

    def __str__(self) -> str:
        return str(self.authority)
