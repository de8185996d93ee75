"""Read API of the Review Mechanism: cycles with their clusters, draws (published ones for everyone, every
draw for the secretariat), and reviews (only for the secretariat and the people appointed to them)."""

from rest_framework import serializers, viewsets

from palermo.review.models import Cluster, Draw, Participant, Review, ReviewCycle
from palermo.review.queries import cycles_visible_to, draws_visible_to, reviews_visible_to


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


class ParticipantSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="party_id")
    name = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["state", "role", "name", "appointed_at"]

    def get_name(self, participant) -> str:
        return participant.user.get_full_name() or participant.user.email


class ReviewSerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="cycle.number")
    state_under_review = serializers.CharField(source="state_under_review_id")
    instrument = serializers.CharField(source="instrument_id")
    reviewers = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "cycle", "group", "state_under_review", "instrument", "reviewers", "participants"]

    def get_reviewers(self, review) -> list[dict]:
        return [
            {"state": a.reviewing_state_id, "slot": a.slot}
            for a in review.assignments.all()
            if a.ended_by_id is None
        ]

    def get_participants(self, review) -> list[dict]:
        current = [p for p in review.participants.all() if p.ended_at is None]
        return ParticipantSerializer(current, many=True).data


class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """The reviews the caller takes part in (all of them for the secretariat); anything else is 404."""

    serializer_class = ReviewSerializer

    def get_queryset(self):
        reviews = reviews_visible_to(self.request.user).prefetch_related("assignments", "participants__user")
        return reviews.order_by("cycle__number", "group", "state_under_review_id", "instrument__position")
