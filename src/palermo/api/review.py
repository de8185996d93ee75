"""Read API of the Review Mechanism: cycles with their clusters, draws (published ones for everyone, every
draw for the secretariat), reviews and their documents (only for the secretariat and the people appointed
to them, each document as far as they may read it), and the published summaries (public)."""

from rest_framework import serializers, viewsets

from palermo.api.review_write import DocumentWrites, ReviewWrites
from palermo.review.domain import questionnaire
from palermo.review.domain.outcomes import published_summaries
from palermo.review.domain.steps import can_read
from palermo.review.models import Cluster, DocumentKind, Draw, Participant, Review, ReviewCycle, StepDocument
from palermo.review.queries import cycles_visible_to, draws_visible_to, reviews_visible_to


class ClusterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["phase", "title", "titles", "articles", "version", "source"]


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


class ReviewViewSet(ReviewWrites, viewsets.ReadOnlyModelViewSet):
    """The reviews the caller takes part in (all of them for the secretariat); anything else is 404."""

    serializer_class = ReviewSerializer

    def get_queryset(self):
        reviews = reviews_visible_to(self.request.user).prefetch_related("assignments", "participants__user")
        return reviews.order_by("cycle__number", "group", "state_under_review_id", "instrument__position")


class DocumentSerializer(serializers.ModelSerializer):
    """A document of a review with its content: the questionnaire's answers, the feedback's comments, the
    observations, or the text."""

    review = serializers.IntegerField(source="review_id")
    party = serializers.CharField(source="party_id")
    content = serializers.SerializerMethodField()

    class Meta:
        model = StepDocument
        fields = [
            "id",
            "review",
            "phase",
            "kind",
            "party",
            "state",
            "version",
            "cleared_at",
            "text",
            "content",
        ]

    def get_content(self, document) -> list[dict]:
        if document.kind == DocumentKind.SELF_ASSESSMENT:
            return [
                {
                    "article": sheet.article.number,
                    "questions": [
                        {
                            "question": question.key,
                            "answer": answer.response if answer else "",
                            "explanation": answer.explanation if answer else "",
                        }
                        for question, _label, answer in sheet.rows()
                    ],
                    "challenges": sheet.answer.challenges if sheet.answer else "",
                    "assistance_needs": [
                        {"kind": n.kind, "priority": n.priority, "description": n.description}
                        for n in (sheet.answer.needs.all() if sheet.answer else [])
                    ],
                    "citations": [
                        {"record": c.record_id, "title": str(c)}
                        for c in (sheet.answer.citations.all() if sheet.answer else [])
                    ],
                }
                for sheet in questionnaire.sheets(document)
            ]
        if document.kind == DocumentKind.FEEDBACK:
            return [
                {"article": item.article, "comments": item.comments}
                for item in document.feedback_articles.order_by("id")
            ]
        if document.kind == DocumentKind.OBSERVATIONS:
            return [
                {"category": o.category, "article": o.article, "text": o.text}
                for o in document.observations.all()
            ]
        return []


class DocumentViewSet(DocumentWrites, viewsets.ReadOnlyModelViewSet):
    """The documents of the reviews the caller takes part in, as far as the caller may read them (a
    delegation's drafts only to that delegation); anything else is 404."""

    serializer_class = DocumentSerializer

    def get_queryset(self):
        documents = StepDocument.objects.filter(
            review__in=reviews_visible_to(self.request.user)
        ).select_related("review__cycle")
        readable = [d.pk for d in documents if can_read(self.request.user, d)]
        return StepDocument.objects.filter(pk__in=readable).order_by("review_id", "phase", "kind", "party_id")


class SummarySerializer(serializers.ModelSerializer):
    cycle = serializers.IntegerField(source="review.cycle.number")
    state_under_review = serializers.CharField(source="review.state_under_review_id")
    instrument = serializers.CharField(source="review.instrument_id")
    is_demo = serializers.BooleanField(source="review.cycle.is_demo")
    translations = serializers.SerializerMethodField()

    class Meta:
        model = StepDocument
        fields = [
            "id",
            "cycle",
            "state_under_review",
            "instrument",
            "phase",
            "published_at",
            "is_demo",
            "translations",
        ]

    def get_translations(self, document) -> dict[str, str]:
        return {t.language: t.text for t in document.translations.all()}


class SummaryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published summaries of reviews, public: the only part of a review anyone outside it sees."""

    serializer_class = SummarySerializer

    def get_queryset(self):
        return published_summaries()
