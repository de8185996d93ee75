"""Information gathering through the API, with the pages' rules (conference.domain.questionnaires decides):
sent questionnaires with their questions, response rates and aggregated answers for everyone (drafts for the
secretariat); a State's reply for its focal point and named experts, who save answers (version checked:
409 when someone saved since) and, the focal point, submit. Everyone else gets 404 for a reply."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from palermo.accounts.rules import is_secretariat
from palermo.api.inputs import body
from palermo.conference import results
from palermo.conference.domain import questionnaires as gathering
from palermo.conference.domain.records import RecordError
from palermo.conference.models import Answer, Question, Questionnaire, QuestionnaireState, Reply
from palermo.core.numbers import MAX_INT


class ConferenceQuestionSerializer(serializers.ModelSerializer):
    article = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["number", "texts", "kind", "choices", "article"]

    def get_article(self, question: Question) -> str | None:
        return f"{question.article.instrument_id} {question.article.number}" if question.article else None


class ConferenceQuestionnaireSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument_id", allow_null=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "titles",
            "introductions",
            "recipients",
            "instrument",
            "regional_group",
            "deadline",
            "state",
            "sent",
            "is_demo",
        ]


class ConferenceQuestionnaireDetailSerializer(ConferenceQuestionnaireSerializer):
    questions = ConferenceQuestionSerializer(many=True, read_only=True)

    class Meta(ConferenceQuestionnaireSerializer.Meta):
        fields = [*ConferenceQuestionnaireSerializer.Meta.fields, "questions"]


def _rates(rates: list[results.Rate]) -> list[dict]:
    return [{"label": r.label, "recipients": r.recipients, "replied": r.submitted} for r in rates]


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    """Questionnaires sent to States parties (drafts too for the secretariat), the latest deadline first."""

    def get_queryset(self):
        found = Questionnaire.objects.select_related("instrument").prefetch_related("questions__article")
        if not is_secretariat(self.request.user):
            found = found.exclude(state=QuestionnaireState.DRAFT)
        return found

    def get_serializer_class(self):
        return (
            ConferenceQuestionnaireDetailSerializer
            if self.action == "retrieve"
            else ConferenceQuestionnaireSerializer
        )

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True)
    def results(self, request, pk=None):
        """Response rates by regional group and instrument, and each question's submitted answers by
        regional group (outside the secretariat, groups of fewer than 5 replies are counted in the total
        only: `hidden`), with the answers of the States that publish theirs."""
        questionnaire = self.get_object()
        groups, instruments, overall = results.response_rates(questionnaire)
        full = is_secretariat(request.user)
        return Response(
            {
                "recipients": overall.recipients,
                "replied": overall.submitted,
                "by_regional_group": _rates(groups),
                "by_instrument": _rates(instruments),
                "questions": [
                    _aggregate(aggregate) for aggregate in results.aggregates(questionnaire, full=full)
                ],
            }
        )


def _aggregate(aggregate: results.Aggregate) -> dict:
    values = [value for value, _label in aggregate.options]
    return {
        "number": aggregate.question.number,
        "rows": [
            {
                "group": row.label,
                "replies": row.replies,
                "hidden": row.hidden,
                "counts": None
                if row.hidden
                else dict(zip(values, (cell.count for cell in row.cells), strict=True)),
                "summary": None if row.hidden else row.summary or None,
            }
            for row in aggregate.rows
        ],
        "published": [
            {"state": name, "value": given.value, "number": given.number, "text": given.text}
            for name, given in aggregate.published
        ],
    }


class ConferenceAnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question.number")

    class Meta:
        model = Answer
        fields = ["question", "value", "number", "text", "citations", "version", "updated"]


class ConferenceReplySerializer(serializers.ModelSerializer):
    state_code = serializers.CharField(source="party_id")
    answers = ConferenceAnswerSerializer(many=True, read_only=True)
    experts = serializers.SlugRelatedField(slug_field="email", many=True, read_only=True)

    class Meta:
        model = Reply
        fields = ["state_code", "state", "publish", "submitted", "experts", "answers"]


class ConferenceAnswerBody(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, help_text="The version read (0 if new)"
    )
    value = serializers.CharField(
        allow_blank=True, default="", max_length=100, help_text="yes/no or a choice"
    )
    number = serializers.CharField(allow_blank=True, default="", max_length=30)
    text = serializers.CharField(allow_blank=True, default="", max_length=20_000, trim_whitespace=False)
    citations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        required=False,
        max_length=20,
        help_text="Ids of published knowledge-base records cited (left as they are when absent)",
    )


class ConferenceSubmitBody(serializers.Serializer):
    publish = serializers.BooleanField(default=False, help_text="Publish the answers under the State's name")


def _reply(request, pk: int, code: str) -> Reply:
    if not 0 < pk <= MAX_INT:  # a foreign key compared with a number past the database's raises
        raise Http404
    reply = (
        Reply.objects.select_related("questionnaire", "party")
        .prefetch_related("experts", "answers__question")
        .filter(questionnaire_id=pk, party_id=code)
        .first()
    )
    if reply is None or not gathering.may_read(request.user, reply):
        raise Http404
    return reply


def _refused(problem: RecordError) -> Response:
    code = (
        status.HTTP_409_CONFLICT
        if isinstance(problem, gathering.StaleAnswer)
        else status.HTTP_400_BAD_REQUEST
    )
    return Response({"errors": {key: [message] for key, message in problem.problems}}, status=code)


@extend_schema(responses={200: ConferenceReplySerializer})
@api_view(["GET"])
def reply_detail(request, pk: int, code: str):
    """A State's reply with its answers, for the secretariat and the State's people who answer it."""
    return Response(ConferenceReplySerializer(_reply(request, pk, code)).data)


@extend_schema(
    request=ConferenceAnswerBody,
    responses={200: ConferenceAnswerSerializer, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
)
@api_view(["POST"])
def answer_save(request, pk: int, code: str, number: int):
    """Save one answer: `{version, value, number, text}`; 409 when someone saved it since `version`."""
    reply = _reply(request, pk, code)
    question = get_object_or_404(reply.questionnaire.questions, number=number)
    data = body(ConferenceAnswerBody, request)
    try:
        saved = gathering.save_answer(
            user=request.user,
            reply=reply,
            question=question,
            typed=gathering.AnswerInput(
                value=data["value"], number=data["number"], text=data["text"], citations=data.get("citations")
            ),
            expected_version=data["version"],
        )
    except RecordError as problem:
        return _refused(problem)
    return Response(ConferenceAnswerSerializer(saved).data)


@extend_schema(
    request=ConferenceSubmitBody, responses={200: ConferenceReplySerializer, 400: OpenApiTypes.OBJECT}
)
@api_view(["POST"])
def reply_submit(request, pk: int, code: str):
    """The focal point submits the reply (every question answered) with the publication choice; once
    submitted, the same call changes the choice."""
    reply = _reply(request, pk, code)
    data = body(ConferenceSubmitBody, request)
    if not gathering.is_focal_point_of(request.user, reply):
        raise Http404
    try:
        if reply.state == "submitted":
            gathering.set_publication(user=request.user, reply=reply, publish=data["publish"])
        else:
            gathering.submit_reply(user=request.user, reply=reply, publish=data["publish"])
    except RecordError as problem:
        return _refused(problem)
    return Response(ConferenceReplySerializer(_reply(request, pk, code)).data)
