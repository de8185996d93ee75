"""Link charts saved as named views of an investigation: which entities are on the chart, where, which
are pinned or hidden, and how it is laid out and coloured."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChartView(models.Model):
    investigation = models.ForeignKey(
        "networks.Investigation", on_delete=models.CASCADE, related_name="chart_views"
    )
    name = models.CharField(_("name"), max_length=200)
    # {"nodes": [{"id": canonical id, "x": float, "y": float, "pinned": bool}], "colour_by": "schema"|"country"}
    state = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["investigation", "name"], name="chart_view_name_once")]

    def __str__(self) -> str:
        return self.name
