"""API of this area of the networks app, under /api/v1/networks/ (same rules as the pages; 404 outside):
an investigation's sources (list, upload of a file to import, an import's progress and problems, removal),
its canonical entities (search, filter, pages), one entity as FtM JSON with each value's statements, and
the downloads."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from palermo.api.inputs import BoundedPagination, body, query_parameters
from palermo.api.networks_investigations import Problem  # one component of that name in the schema
from palermo.core.uploads import accepts_file
from palermo.networks.domain.imports import ImportError_, import_max_bytes, remove_source, start_import
from palermo.networks.ftm.model import model
from palermo.networks.ftm.problems import message
from palermo.networks.models import Source, SourceKind
from palermo.networks.views import sources_exports
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import canonical_ids, canonical_rows, entity_detail

EDIT = "networks.edit_entities"

NOT_FOUND = OpenApiResponse(description="No such investigation, source or entity for the caller")

# ---------------------------------------------------------------------------------------------------------
# Output


class JobSerializer(serializers.Serializer):
    state = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    label = serializers.CharField()
    state = serializers.CharField()
    entity_count = serializers.IntegerField()
    statement_count = serializers.IntegerField()
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_created_by(self, source) -> str:
        user = source.created_by
        return (user.get_full_name() or user.get_username()) if user else ""


class ImportProblemSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    field = serializers.CharField()
    message = serializers.CharField()


class SourceDetailSerializer(SourceSerializer):
    job = serializers.SerializerMethodField()
    problem_count = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField(help_text="A failed import's problems (the first 1,000)")

    def _result(self, source) -> dict:
        return (source.job.result or {}) if source.job else {}

    def get_job(self, source) -> dict | None:
        return JobSerializer(source.job).data if source.job else None

    def get_problem_count(self, source) -> int:
        return int(self._result(source).get("problem_count", 0))

    def get_problems(self, source) -> list[dict]:
        return [
            {"line": problem.get("line"), "field": problem.get("field", ""), "message": message(problem)}
            for problem in self._result(source).get("problems", [])
        ]


class UploadAnswer(serializers.Serializer):
    source = SourceSerializer()
    progress_url = serializers.CharField(help_text="GET it for the import's state, progress and problems")


class StatementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    entity_id = serializers.CharField()
    prop = serializers.CharField()
    value = serializers.CharField()
    lang = serializers.CharField()
    original_value = serializers.CharField()
    source = serializers.SerializerMethodField()
    line = serializers.IntegerField(allow_null=True)
    stated_at = serializers.DateTimeField()
    stated_by = serializers.SerializerMethodField()

    def get_source(self, statement) -> dict:
        source = statement.source
        return {"id": source.pk, "kind": source.kind, "label": source.label}

    def get_stated_by(self, statement) -> str:
        user = statement.stated_by
        return (user.get_full_name() or user.get_username()) if user else ""


class EntityRowSerializer(serializers.Serializer):
    id = serializers.CharField(source="canonical_id")
    schema = serializers.CharField()
    caption = serializers.CharField()
    countries = serializers.ListField(child=serializers.CharField())
    entity_ids = serializers.ListField(child=serializers.CharField(), help_text="The records merged into it")
    source_count = serializers.IntegerField()


class EntityFilters(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=200, help_text="Name contains (any case)")
    schema = serializers.ChoiceField(choices=sorted(model.schemata), required=False)


class UploadBody(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=[SourceKind.FTM_LINES.value, SourceKind.MAPPING.value])
    mapping = serializers.CharField(
        required=False, allow_blank=True, help_text="FtM mapping (YAML), for a table"
    )


# ---------------------------------------------------------------------------------------------------------
# Views


def _sources(investigation):
    return Source.objects.filter(investigation=investigation).select_related("created_by", "job")


class SourcesView(APIView):
    """An investigation's sources, newest first; POST a file to import it (multipart: `file`, `kind`,
    `mapping`)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="networks_sources_list", responses={200: SourceSerializer(many=True), 404: NOT_FOUND}
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        paginator = BoundedPagination()
        page = paginator.paginate_queryset(_sources(investigation), request, view=self)
        return paginator.get_paginated_response(SourceSerializer(page, many=True).data)

    @extend_schema(
        operation_id="networks_sources_upload",
        request={"multipart/form-data": UploadBody},
        responses={202: UploadAnswer, 400: OpenApiResponse(Problem), 404: NOT_FOUND},
        description="Import a file: FtM JSON lines (`kind` ftm_lines) or a CSV/XLSX table with an FtM mapping "
        "(`kind` mapping, `mapping` the YAML). 202: the import runs in the background; follow `progress_url`.",
    )
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        data = body(UploadBody, request)
        try:
            source = start_import(
                investigation=investigation,
                user=request.user,
                upload=data["file"],
                kind=data["kind"],
                mapping_text=data.get("mapping") or None,
                request=request,
            )
        except ImportError_ as problem:
            return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)
        url = reverse("api:networks-source", kwargs={"pk": investigation.pk, "source": source.pk})
        return Response(
            {"source": SourceSerializer(source).data, "progress_url": request.build_absolute_uri(url)},
            status=status.HTTP_202_ACCEPTED,
        )


class SourceView(APIView):
    """A source, with its import's state, progress and problems; DELETE removes it and its values."""

    @extend_schema(
        operation_id="networks_source_retrieve", responses={200: SourceDetailSerializer, 404: NOT_FOUND}
    )
    def get(self, request, pk: int, source: int):
        investigation = investigation_or_404(request.user, pk)
        found = get_object_or_404(_sources(investigation), pk=source)
        return Response(SourceDetailSerializer(found).data)

    @extend_schema(operation_id="networks_source_destroy", responses={204: None, 404: NOT_FOUND})
    def delete(self, request, pk: int, source: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        found = get_object_or_404(_sources(investigation), pk=source)
        remove_source(source=found, user=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EntitiesView(APIView):
    """An investigation's canonical entities, one per resolved entity (`?q=` name contains, `?schema=`)."""

    @extend_schema(
        operation_id="networks_entities_list",
        parameters=[EntityFilters],
        responses={200: EntityRowSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        filters = query_parameters(EntityFilters, request)
        ids = canonical_ids(investigation, query=filters.get("q", ""), schema=filters.get("schema", ""))
        paginator = BoundedPagination()
        page = paginator.paginate_queryset(ids, request, view=self)
        rows = canonical_rows(investigation, list(page))
        return paginator.get_paginated_response(EntityRowSerializer(rows, many=True).data)


class EntityView(APIView):
    """One entity as FtM JSON (its id the canonical id), the records merged into it, and every value's
    statements: source, line, who and when."""

    @extend_schema(
        operation_id="networks_entity_retrieve",
        responses={
            200: inline_serializer(
                "NetworksEntity",
                fields={
                    "entity": serializers.JSONField(help_text="FtM entity: id, schema, properties"),
                    "entity_ids": serializers.ListField(child=serializers.CharField()),
                    "statements": StatementSerializer(many=True),
                },
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int, canonical_id: str):
        investigation = investigation_or_404(request.user, pk)
        detail = entity_detail(investigation, canonical_id)
        if detail is None:
            raise Http404
        proxy = model.make_entity(detail.canonical.schema)
        proxy.id = canonical_id
        for statement in detail.statements:
            prop = proxy.schema.get(statement.prop)
            if prop is not None:
                proxy.unsafe_add(prop, statement.value, cleaned=True)
        return Response(
            {
                "entity": proxy.to_dict(),
                "entity_ids": detail.canonical.entity_ids,
                "statements": StatementSerializer(detail.statements, many=True).data,
            }
        )


class ExportFtmView(APIView):
    """The investigation's entities as FtM JSON lines (`ftm validate` and `ftm aggregate` read them)."""

    @extend_schema(
        operation_id="networks_export_ftm",
        responses={(200, "application/x-ndjson"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return sources_exports.export_ftm(request, pk)


class ExportCsvView(APIView):
    """The investigation's entities as a zip of one CSV per schema."""

    @extend_schema(
        operation_id="networks_export_csv",
        responses={(200, "application/zip"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return sources_exports.export_csv(request, pk)


INVESTIGATION = "investigations/<int:pk>/"

urlpatterns: list = [
    path(
        f"{INVESTIGATION}sources/",
        accepts_file(import_max_bytes)(SourcesView.as_view()),
        name="networks-sources",
    ),
    path(f"{INVESTIGATION}sources/<int:source>/", SourceView.as_view(), name="networks-source"),
    path(f"{INVESTIGATION}entities/", EntitiesView.as_view(), name="networks-entities"),
    path(f"{INVESTIGATION}entities/<str:canonical_id>/", EntityView.as_view(), name="networks-entity"),
    path(f"{INVESTIGATION}export/ftm/", ExportFtmView.as_view(), name="networks-export-ftm"),
    path(f"{INVESTIGATION}export/csv/", ExportCsvView.as_view(), name="networks-export-csv"),
]
