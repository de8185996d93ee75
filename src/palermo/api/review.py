"""Read API of the Review Mechanism's set-up: cycles with their clusters, and draws (published ones for
everyone, every draw for the secretariat)."""

from rest_framework import serializers, viewsets

from palermo.review.models import Cluster, Draw, ReviewCycle
from palermo.review.queries import cycles_visible_to, draws_visible_to


class ClusterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["phase", "title", "articles", "version", "source"]


class CycleSerializer(serializers.ModelSerializer):
    clusters = ClusterSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewCycle
        fields = [
            "number",
            "reference_date",
            "first_year",
            "phase_years",
            "rules",
            "clusters_version",
            "clusters",
        ]


class DrawSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.number")
    is_demo = serializers.BooleanField(source="cycle.is_demo", help_text="A made-up cycle of the demo")
    state_under_review = serializers.CharField(source="state_under_review_id", allow_null=True)
    replaced_reviewer = serializers.CharField(source="replaced_reviewer_id", allow_null=True)

    class Meta:
        model = Draw
        fields = [
            "id",
            "cycle",
            "is_demo",
            "kind",
            "seed",
            "rules",
            "state_under_review",
            "replaced_reviewer",
            "reason",
            "created",
            "published_at",
            "result",
        ]


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Review cycles with a published draw, and their clusters (version, source, confidence per list)."""

    serializer_class = CycleSerializer
    lookup_field = "number"

    def get_queryset(self):
        return cycles_visible_to(self.request.user).prefetch_related("clusters")


class DrawViewSet(viewsets.ReadOnlyModelViewSet):
    """Drawings of lots and redraws: seed, rules, reason and result (`palermo draw-lots --json`)."""

    serializer_class = DrawSerializer

    def get_queryset(self):
        return draws_visible_to(self.request.user).order_by("cycle__number", "created", "id")
