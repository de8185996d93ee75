"""Entity resolution through the API, with the same rules as the pages: candidate pairs (list and detail,
with both entities' values and their sources and the features that scored), judging a pair, the
judgements and undoing one, starting a search for candidates, and hits in other investigations (only the
authority to contact, never the other entity). Analysts and leads judge; viewers read; everyone else 404."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from palermo.api.inputs import BoundedPagination, body, query_parameters
from palermo.networks.domain import resolution as domain
from palermo.networks.domain import resolution_run
from palermo.networks.domain.hits import hits_found, hits_received
from palermo.networks.domain.resolution_review import review_of
from palermo.networks.models import Candidate, Judgement, Verdict
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"
Problem = inline_serializer("ResolutionProblem", {"detail": serializers.CharField()})


class CandidateSerializer(serializers.ModelSerializer):
    open = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "left_id",
            "right_id",
            "schema",
            "left_caption",
            "right_caption",
            "score",
            "open",
            "judgement",
            "created_at",
        ]

    def get_open(self, candidate) -> bool:
        return candidate.judgement_id is None


class CandidateFilters(serializers.Serializer):
    schema = serializers.CharField(max_length=64, required=False, allow_blank=True)
    min_score = serializers.FloatField(min_value=0, max_value=1, required=False)


class JudgementSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()
    undone_by = serializers.SerializerMethodField()

    class Meta:
        model = Judgement
        fields = ["id", "left_id", "right_id", "verdict", "score", "by", "at", "undone_by", "undone_at"]

    def get_by(self, judgement) -> str | None:
        return judgement.by.get_username() if judgement.by else None

    def get_undone_by(self, judgement) -> str | None:
        return judgement.undone_by.get_username() if judgement.undone_by else None


class VerdictBody(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)


def paginated(name: str, serializer) -> serializers.Serializer:
    """The schema of a page of `serializer` rows (?limit= and ?offset=)."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


def _statement(statement) -> dict:
    return {
        "id": statement.pk,
        "entity_id": statement.entity_id,
        "prop": statement.prop,
        "value": statement.value,
        "lang": statement.lang,
        "source": statement.source_id,
        "source_label": statement.source.label,
        "line": statement.line,
        "stated_at": serializers.DateTimeField().to_representation(statement.stated_at),
    }


def _side(side) -> dict:
    return {
        "canonical_id": side.canonical_id,
        "caption": side.caption,
        "schema": side.schema,
        "members": side.members,
        "statements": [_statement(statement) for statement in side.statements],
    }


def _refused(problem: Exception) -> Response:
    return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)


class CandidatesView(APIView):
    @extend_schema(
        operation_id="networks_candidates_list",
        parameters=[CandidateFilters],
        responses=paginated("CandidatePage", CandidateSerializer),
        description="Open candidate pairs, the highest score first.",
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        filters = query_parameters(CandidateFilters, request)
        found = Candidate.objects.filter(investigation=investigation, judgement__isnull=True)
        if filters.get("schema"):
            found = found.filter(schema=filters["schema"])
        if "min_score" in filters:
            found = found.filter(score__gte=filters["min_score"])
        paginator = BoundedPagination()
        page = paginator.paginate_queryset(found.order_by("-score", "pk"), request, view=self)
        return paginator.get_paginated_response(CandidateSerializer(page, many=True).data)


class CandidateView(APIView):
    @extend_schema(
        operation_id="networks_candidate_detail",
        responses=inline_serializer(
            "CandidateDetail",
            {
                "candidate": CandidateSerializer(),
                "left": serializers.DictField(),
                "right": serializers.DictField(),
                "features": serializers.ListField(child=serializers.DictField()),
                "score_now": serializers.FloatField(allow_null=True),
            },
        ),
        description="Both entities with every value and its source, and the features that scored.",
    )
    def get(self, request, pk: int, candidate_id: int):
        investigation = investigation_or_404(request.user, pk)
        candidate = get_object_or_404(Candidate, pk=candidate_id, investigation=investigation)
        candidate.investigation = investigation
        review = review_of(candidate)
        features = [
            {
                "name": f.name,
                "weight": f.weight,
                "value": f.value,
                "left_values": list(f.left_values),
                "right_values": list(f.right_values),
                "explanation": str(f.explanation),
            }
            for f in review.features
        ]
        return Response(
            {
                "candidate": CandidateSerializer(candidate).data,
                "left": _side(review.left),
                "right": _side(review.right),
                "features": features,
                "score_now": review.score,
            }
        )


class CandidateJudgementView(APIView):
    @extend_schema(
        operation_id="networks_candidate_judge",
        request=VerdictBody,
        responses={201: JudgementSerializer, 400: OpenApiResponse(Problem)},
        description="Judge the pair: positive (the same; merges them), negative or unsure.",
    )
    def post(self, request, pk: int, candidate_id: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        candidate = get_object_or_404(Candidate, pk=candidate_id, investigation=investigation)
        data = body(VerdictBody, request)
        try:
            judgement = domain.judge(
                candidate=candidate, verdict=data["verdict"], user=request.user, request=request
            )
        except domain.ResolutionError as problem:
            return _refused(problem)
        return Response(JudgementSerializer(judgement).data, status=status.HTTP_201_CREATED)


class SearchView(APIView):
    @extend_schema(
        operation_id="networks_candidates_search",
        request=None,
        responses={
            202: inline_serializer(
                "ResolutionRunOut", {"run": serializers.IntegerField(), "job": serializers.IntegerField()}
            )
        },
        description="Start a search for candidates (or get the one under way); progress is the job's.",
    )
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        run = resolution_run.start_run(investigation=investigation, user=request.user, request=request)
        return Response({"run": run.pk, "job": run.job_id}, status=status.HTTP_202_ACCEPTED)


class JudgementsView(APIView):
    @extend_schema(
        operation_id="networks_judgements_list",
        responses=paginated("JudgementPage", JudgementSerializer),
        description="Judgements, undone ones included.",
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        found = Judgement.objects.filter(investigation=investigation).select_related("by", "undone_by")
        paginator = BoundedPagination()
        page = paginator.paginate_queryset(found.order_by("-at", "-pk"), request, view=self)
        return paginator.get_paginated_response(JudgementSerializer(page, many=True).data)


class JudgementUndoView(APIView):
    @extend_schema(
        operation_id="networks_judgement_undo",
        request=None,
        responses={200: JudgementSerializer, 400: OpenApiResponse(Problem)},
        description="Undo a judgement; undoing a positive one splits the merged entity back.",
    )
    def post(self, request, pk: int, judgement_id: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        judgement = get_object_or_404(Judgement, pk=judgement_id, investigation=investigation)
        try:
            domain.undo(judgement=judgement, user=request.user, request=request)
        except domain.ResolutionError as problem:
            return _refused(problem)
        judgement.refresh_from_db()
        return Response(JudgementSerializer(judgement).data)


HitOut = inline_serializer(
    "HitOut",
    {
        "direction": serializers.ChoiceField(choices=["found", "received"]),
        "entity": serializers.CharField(help_text="The canonical id of this investigation's entity"),
        "authority": serializers.IntegerField(help_text="The authority to contact (directory id)"),
        "authority_name": serializers.CharField(),
        "score": serializers.FloatField(),
        "found_at": serializers.DateTimeField(),
    },
    many=True,
)


class HitsView(APIView):
    @extend_schema(
        operation_id="networks_hits_list",
        responses=HitOut,
        description="Hits both ways: only this investigation's entity and the "
        "authority to contact, never the other entity or investigation.",
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        moment = serializers.DateTimeField()
        rows = [
            {
                "direction": "found",
                "entity": hit.canonical_id,
                "authority": hit.other_investigation.authority_id,
                "authority_name": hit.other_investigation.authority.name,
                "score": hit.score,
                "found_at": moment.to_representation(hit.found_at),
            }
            for hit in hits_found(investigation)[:1000]
        ] + [
            {
                "direction": "received",
                "entity": hit.other_canonical_id,
                "authority": hit.investigation.authority_id,
                "authority_name": hit.investigation.authority.name,
                "score": hit.score,
                "found_at": moment.to_representation(hit.found_at),
            }
            for hit in hits_received(investigation)[:1000]
        ]
        return Response(rows)


BASE = "investigations/<int:pk>/"
urlpatterns: list = [
    path(f"{BASE}candidates/", CandidatesView.as_view(), name="networks-candidates"),
    path(f"{BASE}candidates/search/", SearchView.as_view(), name="networks-candidates-search"),
    path(f"{BASE}candidates/<int:candidate_id>/", CandidateView.as_view(), name="networks-candidate"),
    path(
        f"{BASE}candidates/<int:candidate_id>/judgement/",
        CandidateJudgementView.as_view(),
        name="networks-candidate-judgement",
    ),
    path(f"{BASE}judgements/", JudgementsView.as_view(), name="networks-judgements"),
    path(
        f"{BASE}judgements/<int:judgement_id>/undo/",
        JudgementUndoView.as_view(),
        name="networks-judgement-undo",
    ),
    path(f"{BASE}hits/", HitsView.as_view(), name="networks-hits"),
]
