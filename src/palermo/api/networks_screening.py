"""Screening through the API, under /api/v1/networks/ (same rules as the pages; 404 outside): the
authority's watch lists (POST loads one), an investigation's hits on them (POST screens again) and an analyst's decision
on a hit."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from palermo.api.inputs import body
from palermo.core.uploads import accepts_file
from palermo.networks.domain.imports import import_max_bytes
from palermo.networks.domain.screening import decide, latest_screening, ready_lists, start_screening
from palermo.networks.domain.watch_lists import WatchListError, lists_of, managed_by, start_load
from palermo.networks.models import Decision, Entity
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"
NOT_FOUND = OpenApiResponse(description="No such investigation, list or hit for the caller")

WatchListOut = inline_serializer(
    "NetworksWatchList",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "publisher": serializers.CharField(),
        "file_name": serializers.CharField(),
        "state": serializers.CharField(help_text="loading, ready or failed"),
        "entities": serializers.IntegerField(help_text="people, companies, vessels and wallets screened"),
        "skipped": serializers.IntegerField(help_text="the file's other entities, not screened"),
        "loaded_at": serializers.DateTimeField(),
        "demo": serializers.BooleanField(help_text="invented for the demo"),
    },
)


def watch_list_json(watch_list) -> dict:
    return {
        "id": watch_list.pk,
        "name": watch_list.name,
        "publisher": watch_list.publisher,
        "file_name": watch_list.file_name,
        "state": watch_list.state,
        "entities": watch_list.entity_count,
        "skipped": watch_list.skipped_count,
        "loaded_at": watch_list.loaded_at,
        "demo": watch_list.is_demo,
    }


class WatchListBody(serializers.Serializer):
    file = serializers.FileField(help_text="FtM JSON lines (.json, .jsonl, .ftm.json)")
    name = serializers.CharField(max_length=200)
    publisher = serializers.CharField(max_length=300, required=False, allow_blank=True)


def _authority(request):
    authority = managed_by(request.user)
    if authority is None:
        raise Http404
    return authority


class WatchListsView(APIView):
    """The watch lists of the caller's authority (its practitioners only); POST loads one (multipart:
    `file`, `name`, `publisher`): 202, the load runs in the background, all or nothing."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="networks_watch_lists",
        responses={200: inline_serializer("NetworksWatchLists", {"results": WatchListOut}), 404: NOT_FOUND},
    )
    def get(self, request):
        authority = _authority(request)
        return Response({"results": [watch_list_json(item) for item in lists_of(authority)]})

    @extend_schema(
        operation_id="networks_watch_list_load",
        request={"multipart/form-data": WatchListBody},
        responses={
            202: WatchListOut,
            400: OpenApiResponse(description="The request or the file is refused, with the reason"),
            404: NOT_FOUND,
        },
    )
    def post(self, request):
        _authority(request)
        data = body(WatchListBody, request)
        try:
            watch_list = start_load(
                user=request.user,
                upload=data["file"],
                name=data["name"],
                publisher=data.get("publisher", ""),
                request=request,
            )
        except WatchListError as problem:
            return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(watch_list_json(watch_list), status=status.HTTP_202_ACCEPTED)


class ScreeningView(APIView):
    """An investigation's hits on its authority's watch lists; POST screens it again (analysts, leads)."""

    @extend_schema(
        operation_id="networks_screening",
        responses={
            200: inline_serializer(
                "NetworksScreening",
                {
                    "state": serializers.CharField(
                        help_text="of the latest screening: none, queued, running…"
                    ),
                    "screened_at": serializers.DateTimeField(allow_null=True),
                    "lists": serializers.ListField(child=serializers.JSONField()),
                    "hits": serializers.ListField(
                        child=serializers.JSONField(),
                        help_text="{id, entity: {id, caption}, listed: {id, caption, schema, list, "
                        "properties}, score, decision}",
                    ),
                },
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        latest = latest_screening(investigation)
        hits = list(investigation.screening_hits.select_related("listed")[:1000])
        captions = dict(
            Entity.objects.filter(
                investigation=investigation, canonical_id__in={hit.canonical_id for hit in hits}
            )
            .order_by("-entity_id")
            .values_list("canonical_id", "caption")
        )
        return Response(
            {
                "state": latest.state if latest is not None else "none",
                "screened_at": latest.finished_at if latest is not None else None,
                "lists": [
                    {"id": item.pk, "name": item.name, "demo": item.is_demo}
                    for item in ready_lists(investigation.authority_id)
                ],
                "hits": [
                    {
                        "id": hit.pk,
                        "entity": {"id": hit.canonical_id, "caption": captions.get(hit.canonical_id, "")},
                        "listed": {
                            "id": hit.listed.entity_id,
                            "caption": hit.listed.caption,
                            "schema": hit.listed.schema,
                            "list": hit.listed.watch_list_id,
                            "properties": hit.listed.properties,
                        },
                        "score": hit.score,
                        "decision": hit.decision,
                    }
                    for hit in hits
                ],
            }
        )

    @extend_schema(
        operation_id="networks_screening_start",
        request=None,
        responses={
            202: inline_serializer("NetworksScreeningStarted", {"job": serializers.IntegerField()}),
            400: OpenApiResponse(description="The authority has no watch list"),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        if not ready_lists(investigation.authority_id).exists():
            return Response({"error": "The authority has no watch list."}, status=status.HTTP_400_BAD_REQUEST)
        job = start_screening(investigation=investigation, user=request.user, request=request)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class DecisionIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.values)


class DecisionView(APIView):
    """An analyst's decision on a hit: open (to review), confirmed or dismissed."""

    @extend_schema(
        operation_id="networks_screening_decide",
        request=DecisionIn,
        responses={
            200: inline_serializer("NetworksDecision", {"decision": serializers.CharField()}),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int, hit_id: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        hit = get_object_or_404(investigation.screening_hits.select_related("listed"), pk=hit_id)
        given = DecisionIn(data=request.data)
        given.is_valid(raise_exception=True)
        decide(hit=hit, decision=given.validated_data["decision"], user=request.user, request=request)
        return Response({"decision": hit.decision})


urlpatterns: list = [
    path(
        "watch-lists/", accepts_file(import_max_bytes)(WatchListsView.as_view()), name="networks-watch-lists"
    ),
    path("investigations/<int:pk>/screening/", ScreeningView.as_view(), name="networks-screening"),
    path(
        "investigations/<int:pk>/screening/hits/<int:hit_id>/decision/",
        DecisionView.as_view(),
        name="networks-screening-decide",
    ),
]
