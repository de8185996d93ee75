"""Read API of the knowledge base: records visible to the caller, and the taxonomy."""

from django import forms
from django.conf import settings
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from palermo.api.inputs import query_parameters
from palermo.knowledge.domain.records import snapshot
from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import Record, RecordKind, Term
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


class RecordFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RecordKind.choices, required=False)
    party = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3 code of the State")


@extend_schema_view(list=extend_schema(parameters=[RecordFilters]))
class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Knowledge-base records. Anonymous callers see published records only; filter with ?kind= and ?party=."""

    def get_queryset(self):
        records = Record.objects.visible_to(self.request.user).prefetch_related(
            "crime_types", "cross_cutting"
        )
        if self.action == "list":
            filters = query_parameters(RecordFilters, self.request)
            if "kind" in filters:
                records = records.filter(kind=filters["kind"])
            if "party" in filters:
                records = records.filter(jurisdiction_id=filters["party"].upper())
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


class ApiSearchForm(SearchForm):
    """The search page's parameters and the API's own: records per page and the query's language."""

    per_page = forms.IntegerField(required=False, min_value=1)
    language = forms.ChoiceField(required=False, choices=settings.LANGUAGES)


SEARCH_PARAMETERS = {
    "q": 'Words, "phrases", OR, NOT or -word, prefix*',
    "kind": "Type of record",
    "crime_type": "Crime type slug, e.g. smuggling-of-migrants",
    "facet": "Facet value as group/value, e.g. route/by-sea",
    "cross_cutting": "Cross-cutting issue slug",
    "party": "ISO alpha-3 code of the State",
    "group": "Regional group (none: parties in no group)",
    "subregion": "UN M49 subregion code, e.g. 011 (Western Africa)",
    "year_from": "First year",
    "year_to": "Last year",
    "court_type": "Type of court",
    "article": "Id of a treaty article (see /api/v1/instruments/{code}/)",
    "verdict": "Verdict of a defendant",
    "defendant_gender": "Gender of a defendant",
    "victim_age": "Age group of a victim",
    "sort": "relevance (the default) or date",
    "page": "Page number",
    "per_page": "Records per page, at most 100 (the default 20)",
    "language": "Language of the query words (the default en)",
}


def search_parameters() -> list[OpenApiParameter]:
    """The search form's fields as OpenAPI query parameters, with their types, bounds and choices."""
    parameters = []
    for name, description in SEARCH_PARAMETERS.items():
        field = ApiSearchForm.base_fields[name]
        schema: dict
        if isinstance(field, forms.IntegerField):
            schema = {"type": "integer"}
            schema.update({"minimum": field.min_value} if field.min_value is not None else {})
            schema.update({"maximum": field.max_value} if field.max_value is not None else {})
        elif isinstance(field, forms.ChoiceField):
            schema = {"type": "string", "enum": [str(value) for value, _label in field.choices if value]}
        elif isinstance(field, forms.RegexField):
            schema = {"type": "string", "pattern": field.regex.pattern}
        else:
            schema = {"type": "string"}
            schema.update({"maxLength": field.max_length} if field.max_length else {})
        parameters.append(OpenApiParameter(name, schema, description=description))
    return parameters


SEARCH_RESPONSE = {
    "type": "object",
    "properties": {
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "results": {"type": "array", "items": {"type": "object"}},
        "facets": {"type": "object"},
        "notices": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What the search changed in the request to run it, in words (a year range given "
            "the wrong way round is searched the right way round, and said so here); empty otherwise.",
        },
    },
    "required": ["total", "page", "pages", "results", "facets", "notices"],
}


@extend_schema(parameters=search_parameters(), responses={200: SEARCH_RESPONSE, 400: OpenApiTypes.OBJECT})
@api_view(["GET"])
def search_records(request):
    """Search the knowledge base: the same search as the web page, with facet counts. A year range given the
    wrong way round (year_from after year_to) is searched the right way round, with a notice in `notices`."""
    form = ApiSearchForm(request.query_params)
    if not form.is_valid():
        return Response({"errors": form.errors}, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    language = data.pop("language", "en")
    params = SearchParams(
        **{k: v for k, v in data.items() if k not in ("page", "per_page")},
        page=data.get("page") or 1,
        per_page=data.get("per_page") or 20,
        languages=tuple(dict.fromkeys([language, "en"])),
    )
    result = search(params, request.user)
    if result.error:
        return Response({"errors": {"q": [result.error]}}, status=400)
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
            "notices": [str(notice) for notice in form.notices],
        }
    )
