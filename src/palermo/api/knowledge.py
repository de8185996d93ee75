"""Read API of the knowledge base: records visible to the caller, and the taxonomy."""

from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from palermo.knowledge.domain.records import snapshot
from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import Record, Term
from palermo.knowledge.search.engine import SearchParams, search


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


@extend_schema(
    parameters=[
        OpenApiParameter(name, OpenApiTypes.STR, description=description)
        for name, description in [
            ("q", 'Words, "phrases", OR, NOT or -word, prefix*'),
            ("kind", "case, legislation, strategy or bibliography"),
            ("crime_type", "Crime type slug, e.g. smuggling-of-migrants"),
            ("facet", "Facet value as group/value, e.g. route/by-sea"),
            ("cross_cutting", "Cross-cutting issue slug"),
            ("party", "ISO alpha-3 code of the State"),
            ("group", "Regional group: AFRICAN, ASIA_PACIFIC, EEG, GRULAC, WEOG or none"),
            ("subregion", "UN M49 subregion code, e.g. 011 (Western Africa)"),
            ("year_from", "First year"),
            ("year_to", "Last year"),
            ("court_type", "criminal, civil, administrative, constitutional, military, international"),
            ("article", "Id of a treaty article (see /api/v1/instruments/{code}/)"),
            ("verdict", "convicted, acquitted, dismissed, pending, other"),
            ("defendant_gender", "female, male, other, unknown"),
            ("victim_age", "child, adult, unknown"),
            ("sort", "relevance (default) or date"),
            ("page", "Page number"),
            ("per_page", "Records per page, at most 100"),
            ("language", "Language of the query words (default en)"),
        ]
    ],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def search_records(request):
    """Search the knowledge base: the same search as the web page, with facet counts."""
    form = SearchForm(request.query_params)
    if not form.is_valid():
        return Response({"errors": form.errors}, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    per_page = request.query_params.get("per_page", "20")
    language = request.query_params.get("language", "en")
    params = SearchParams(
        **{k: v for k, v in data.items() if k != "page"},
        page=data.get("page") or 1,
        per_page=int(per_page) if per_page.isdigit() else 20,
        languages=tuple(dict.fromkeys([language, "en"])),
    )
    result = search(params, request.user)
    if result.error:
        return Response({"error": result.error}, status=400)
    return Response(
        {
            "total": result.total,
            "page": result.page,
            "pages": result.pages,
            "results": [
                {
                    **RecordSerializer(hit.record).data,
                    "score": hit.score,
                    "snippet": strip_tags(hit.snippet),
                    "anchor": hit.anchor,
                }
                for hit in result.hits
            ],
            "facets": {
                name: [{"value": v, "label": label, "count": n} for v, label, n in values]
                for name, values in result.facets.items()
            },
        }
    )
