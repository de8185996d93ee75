"""Read API of the knowledge base: records visible to the caller, and the taxonomy."""

from django.shortcuts import get_object_or_404
from rest_framework import serializers, viewsets

from palermo.knowledge.domain.records import snapshot
from palermo.knowledge.models import Record, Term


class TermSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    replaced_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Term
        fields = ["id", "vocabulary", "slug", "labels", "parent", "former_slugs", "replaced_by"]


class RecordSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.CharField(source="jurisdiction_id", allow_null=True)
    crime_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    cross_cutting = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Record
        fields = [
            "id",
            "kind",
            "title",
            "reference",
            "jurisdiction",
            "jurisdiction_body",
            "date",
            "year",
            "crime_types",
            "cross_cutting",
            "state",
            "published_at",
            "is_demo",
        ]


class RecordDetailSerializer(RecordSerializer):
    content = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        fields = [*RecordSerializer.Meta.fields, "content"]

    def get_content(self, record) -> dict:
        """Everything else: summary, commentary, text, facets, articles, details, defendants and victims."""
        return snapshot(record)


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Knowledge-base records. Anonymous callers see published records only; filter with ?kind= and ?party=."""

    def get_queryset(self):
        records = Record.objects.visible_to(self.request.user).prefetch_related(
            "crime_types", "cross_cutting"
        )
        kind = self.request.query_params.get("kind")
        if kind:
            records = records.filter(kind=kind)
        party = self.request.query_params.get("party")
        if party:
            records = records.filter(jurisdiction_id=party.upper())
        return records.order_by("-year", "-id")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return RecordDetailSerializer if self.action == "retrieve" else RecordSerializer


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    """The taxonomy: crime types, their facets, cross-cutting issues, with labels in six languages."""

    serializer_class = TermSerializer
    pagination_class = None
    queryset = Term.objects.select_related("parent", "replaced_by")
