"""Requests for international cooperation through the API, with the same rules as the pages (the domain
functions decide): the requests of the caller's authority, outgoing and incoming; drafting with a version
(409 when someone saved since), marking ready (400 naming what is missing, with its article), approval,
sending, every tracking move, the message thread and the attachments; the completeness check of a content;
the secretariat's statistics. Everything on a request is 404 for everyone not on it — the secretariat and
the other users of the same States included."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from palermo.api.inputs import body, query_parameters
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.domain import statistics
from palermo.cooperation.models import (
    Authority,
    Channel,
    RefusalGround,
    Request,
    RequestAttachment,
    RequestKind,
    RequestState,
)
from palermo.cooperation.queries import requests_visible_to
from palermo.cooperation.rules import authority_of
from palermo.core.numbers import MAX_INT
from palermo.core.uploads import accepts_file, attachment_bytes

MAX_CONTENT = 200_000  # characters of a request's content as JSON


# ---------------------------------------------------------------------------------------------------------
# Output


class RequestAuthoritySummary(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    state = serializers.CharField(source="party_id")
    uses_palermo = serializers.SerializerMethodField()

    def get_uses_palermo(self, authority) -> bool:
        return authority.organisation_id is not None


AUTHORITY_FIELDS = ("id", "name", "name_en", "party_id", "organisation_id")


class RequestListSerializer(serializers.ModelSerializer):
    requesting_authority = RequestAuthoritySummary()
    requested_authority = RequestAuthoritySummary()
    direction = serializers.SerializerMethodField(help_text="For the caller: outgoing or incoming")
    ready = serializers.SerializerMethodField(help_text="Marked ready for approval")

    class Meta:
        model = Request
        fields = [
            "id",
            "reference",
            "kind",
            "state",
            "title",
            "direction",
            "requesting_authority",
            "requested_authority",
            "recorded_by",
            "language",
            "urgent",
            "execute_by",
            "reply_due",
            "version",
            "ready",
            "sent_on",
            "channel",
            "received_on",
            "closed_on",
            "is_demo",
            "created",
            "updated",
        ]

    def get_direction(self, req) -> str:
        authority = self.context.get("authority")
        return (
            "outgoing"
            if authority is not None and authority.pk == req.requesting_authority_id
            else "incoming"
        )

    def get_ready(self, req) -> bool:
        return req.ready_at is not None


_moment = serializers.DateTimeField()


def _day(value) -> str | None:
    return value.isoformat() if value is not None else None


def _authority_row(authority) -> dict:
    return {
        "id": authority.pk,
        "name": authority.name,
        "name_en": authority.name_en,
        "state": authority.party_id,
        "uses_palermo": authority.organisation_id is not None,
    }


def list_row(req: Request, authority) -> dict:
    """RequestListSerializer's output for one request, written by hand for speed."""
    return {
        "id": req.pk,
        "reference": req.reference,
        "kind": req.kind,
        "state": req.state,
        "title": req.title,
        "direction": "outgoing"
        if authority is not None and authority.pk == req.requesting_authority_id
        else "incoming",
        "requesting_authority": _authority_row(req.requesting_authority),
        "requested_authority": _authority_row(req.requested_authority),
        "recorded_by": req.recorded_by,
        "language": req.language,
        "urgent": req.urgent,
        "execute_by": _day(req.execute_by),
        "reply_due": _day(req.reply_due),
        "version": req.version,
        "ready": req.ready_at is not None,
        "sent_on": _day(req.sent_on),
        "channel": req.channel,
        "received_on": _day(req.received_on),
        "closed_on": _day(req.closed_on),
        "is_demo": req.is_demo,
        "created": _moment.to_representation(req.created),
        "updated": _moment.to_representation(req.updated),
    }


class RequestEventSerializer(serializers.Serializer):
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    on = serializers.DateField()
    side = serializers.CharField()
    note = serializers.CharField()
    by_hand = serializers.SerializerMethodField(
        help_text="Entered by the other side, for a side not on Palermo"
    )
    at = serializers.DateTimeField()

    def get_by_hand(self, event) -> bool:
        return domain.entered_by_hand(event)


class RequestSerializer(RequestListSerializer):
    content = serializers.JSONField(help_text="What the request says, in the request format")
    events = serializers.SerializerMethodField()
    allowed_moves = serializers.SerializerMethodField(help_text="States the caller may move it to now")

    class Meta(RequestListSerializer.Meta):
        fields = [
            *RequestListSerializer.Meta.fields,
            "content",
            "approved_at",
            "refusal_grounds",
            "refusal_reasons",
            "events",
            "allowed_moves",
        ]

    def get_events(self, req) -> list[dict]:
        events = req.events.select_related(
            "actor", "request__requesting_authority", "request__requested_authority"
        )
        return RequestEventSerializer(events, many=True).data

    def get_allowed_moves(self, req) -> list[str]:
        return domain.allowed_moves(req, self.context["request"].user)


class RequestMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.CharField()
    author = serializers.SerializerMethodField()
    text = serializers.CharField()
    created = serializers.DateTimeField()

    def get_author(self, message) -> str:
        return message.author.get_full_name() or message.author.email


class RequestAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.CharField()
    title = serializers.CharField()
    file_name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    is_annex = serializers.BooleanField()
    message = serializers.IntegerField(source="message_id", allow_null=True)
    created = serializers.DateTimeField()


LIST_FIELDS = [
    *(
        name
        for name in RequestListSerializer.Meta.fields
        if name not in ("direction", "ready", "requesting_authority", "requested_authority")
    ),
    "ready_at",
    *(f"requesting_authority__{name}" for name in AUTHORITY_FIELDS),
    *(f"requested_authority__{name}" for name in AUTHORITY_FIELDS),
]


# ---------------------------------------------------------------------------------------------------------
# Input


def _text(**options) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, default="", trim_whitespace=False, **options)


class RequestFilters(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["incoming", "outgoing"], required=False)
    state = serializers.ChoiceField(choices=RequestState.choices, required=False)
    kind = serializers.ChoiceField(choices=RequestKind.choices, required=False)


class RequestContent(serializers.JSONField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("A JSON object is expected."))
        if len(str(value)) > MAX_CONTENT:
            raise serializers.ValidationError(_("At most %(count)s characters.") % {"count": MAX_CONTENT})
        return value


class RequestCreateBody(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    requested_authority = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    title = _text(max_length=300)
    language = _text(max_length=10)
    content = RequestContent(default=dict)


class RequestUpdateBody(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, help_text="The version the caller read"
    )
    content = RequestContent()
    title = serializers.CharField(max_length=300, allow_blank=True, required=False, trim_whitespace=False)
    language = serializers.CharField(max_length=10, allow_blank=True, required=False)


class RequestSendBody(serializers.Serializer):
    on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)


class RequestReturnBody(serializers.Serializer):
    note = _text(max_length=5000)


class RequestMoveBody(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=RequestState.choices)
    on = serializers.DateField(required=False, allow_null=True, help_text="Default: today")
    note = _text(max_length=5000)
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=RefusalGround.choices), default=list, max_length=4
    )
    reasons = _text(max_length=20000)


class RequestMessageBody(serializers.Serializer):
    text = serializers.CharField(max_length=20000, trim_whitespace=False)


class RequestUploadBody(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(max_length=300)
    is_annex = serializers.BooleanField(default=False)


class RequestCheckBody(serializers.Serializer):
    content = RequestContent()
    kind = serializers.ChoiceField(choices=RequestKind.choices, required=False)


class RequestStatisticsFilters(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200, required=False)


Problem = inline_serializer("RequestProblem", fields={"detail": serializers.CharField()})


def refused(problem: domain.RequestError) -> Response:
    if isinstance(problem, domain.StaleRequest):
        return Response({"detail": str(problem)}, status=status.HTTP_409_CONFLICT)
    if isinstance(problem, domain.Incomplete):
        return Response(
            {"detail": str(problem), **problem.check.to_json()}, status=status.HTTP_400_BAD_REQUEST
        )
    return Response({"detail": str(problem)}, status=status.HTTP_400_BAD_REQUEST)


ANSWERS = {
    200: RequestSerializer,
    400: OpenApiResponse(Problem, description="Refused: the reason, for people"),
    404: OpenApiResponse(description="No such request for the caller"),
}


# ---------------------------------------------------------------------------------------------------------
# Views


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Requests of the caller's authority, outgoing and incoming (`?direction=`, `?state=`, `?kind=`);
    nothing for anyone else."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return RequestListSerializer if self.action == "list" else RequestSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "authority": authority_of(self.request.user)}

    def get_queryset(self):
        requests = requests_visible_to(self.request.user)
        if self.action != "list":
            return requests
        filters = query_parameters(RequestFilters, self.request)
        authority = authority_of(self.request.user)
        if filters.get("direction") == "outgoing":
            requests = requests.filter(requesting_authority=authority)
        elif filters.get("direction") == "incoming":
            requests = requests.filter(requested_authority=authority)
        if "state" in filters:
            requests = requests.filter(state=filters["state"])
        if "kind" in filters:
            requests = requests.filter(kind=filters["kind"])
        # A list of 100 rows reads what it shows, no more: no content, no State, no directory entry.
        return (
            requests.select_related(None)
            .select_related("requesting_authority", "requested_authority")
            .only(*LIST_FIELDS)
            .order_by("-created", "-id")
        )

    @extend_schema(parameters=[RequestFilters], responses=RequestListSerializer(many=True))
    def list(self, request, *args, **kwargs):
        """The rows are written by `list_row` (what RequestListSerializer says, a test checks it), ten times
        faster than the serializer for a page of 100."""
        page = self.paginate_queryset(self.get_queryset())
        authority = authority_of(request.user)
        return self.get_paginated_response([list_row(req, authority) for req in page])

    def _answer(self, req: Request, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=req.pk)
        return Response(RequestSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=RequestCreateBody,
        responses={201: RequestSerializer, 400: OpenApiResponse(Problem)},
        description="Draft a request from the caller's authority: `{kind, requested_authority, title, "
        "language, content}`.",
    )
    def create(self, request):
        requesting = authority_of(request.user)
        if requesting is None or not request.user.has_perm("cooperation.draft_request"):
            raise Http404
        data = body(RequestCreateBody, request)
        requested = Authority.objects.filter(pk=data["requested_authority"]).first()
        if requested is None:
            return Response(
                {"requested_authority": [_("No such authority in the directory.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            req = domain.create_request(
                actor=request.user,
                kind=data["kind"],
                requesting_authority=requesting,
                requested_authority=requested,
                title=data["title"],
                content=data["content"],
                language=data["language"],
                request=request,
            )
        except domain.RequestError as problem:
            return refused(problem)
        return self._answer(req, status.HTTP_201_CREATED)

    @extend_schema(
        request=RequestUpdateBody,
        responses={**ANSWERS, 409: OpenApiResponse(Problem, description="Someone saved since `version`")},
        description="Save the draft: `{version, content, title, language}`; 409 with who saved and when if "
        "the version is not the latest (nothing is saved).",
    )
    def partial_update(self, request, pk=None):
        req = self.get_object()
        data = body(RequestUpdateBody, request)
        try:
            domain.save_draft(
                req=req,
                actor=request.user,
                content=data["content"],
                expected_version=data["version"],
                title=data.get("title"),
                language=data.get("language"),
                request=request,
            )
        except domain.RequestError as problem:
            return refused(problem)
        return self._answer(req)

    @extend_schema(
        request=None,
        responses=ANSWERS,
        description="Mark the draft ready for approval; 400 with `missing` and `problems` (key, step, "
        "reference, label) when incomplete.",
    )
    @action(detail=True, methods=["post"], url_path="mark-ready")
    def mark_ready(self, request, pk=None):
        return self._do(domain.mark_ready)

    @extend_schema(
        request=None, responses=ANSWERS, description="Approve (a second person of the requesting authority)."
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._do(domain.approve_request)

    @extend_schema(
        request=RequestReturnBody, responses=ANSWERS, description="Return an approved request to drafting."
    )
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        req = self.get_object()
        data = body(RequestReturnBody, request)
        return self._do(domain.return_to_draft, req=req, note=data["note"])

    @extend_schema(
        request=RequestSendBody, responses=ANSWERS, description="Record the sending: `{on, channel}`."
    )
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        req = self.get_object()
        data = body(RequestSendBody, request)
        return self._do(domain.send_request, req=req, on=data["on"], channel=data["channel"])

    @extend_schema(
        request=RequestMoveBody,
        responses=ANSWERS,
        description="A tracking move after sending: `{to_state, on, note, grounds, reasons}` (a refusal "
        "needs grounds of art. 18(21) for mutual legal assistance and reasons, art. 18(23)).",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        req = self.get_object()
        data = body(RequestMoveBody, request)
        return self._do(domain.move_request, req=req, **data)

    def _do(self, function, req: Request | None = None, **arguments) -> Response:
        req = req or self.get_object()
        try:
            function(req=req, actor=self.request.user, request=self.request, **arguments)
        except domain.RequestError as problem:
            return refused(problem)
        return self._answer(req)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=RequestMessageSerializer(many=True),
        description="The message thread.",
    )
    @extend_schema(
        methods=["POST"],
        request=RequestMessageBody,
        responses={201: RequestMessageSerializer, 400: OpenApiResponse(Problem)},
        description="Post a message to the other authority: `{text}`.",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def messages(self, request, pk=None):
        req = self.get_object()
        if request.method == "GET":
            messages = req.messages.select_related("author")
            return Response(RequestMessageSerializer(messages, many=True).data)
        data = body(RequestMessageBody, request)
        try:
            message = domain.post_message(req=req, actor=request.user, text=data["text"], request=request)
        except domain.RequestError as problem:
            return refused(problem)
        return Response(RequestMessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=RequestCheckBody,
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Not for the caller")},
        description="Check a content for completeness without saving anything: `{content, kind}` → "
        "`{complete, missing, problems, warnings}`.",
    )
    @action(detail=False, methods=["post"])
    def check(self, request):
        if not request.user.has_perm("cooperation.draft_request"):
            raise Http404
        data = body(RequestCheckBody, request)
        from palermo.cooperation.domain import completeness

        return Response(completeness.check(data["content"], kind=data.get("kind")).to_json())

    @extend_schema(
        parameters=[RequestStatisticsFilters],
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Not for the caller")},
        description="Counts of requests for the secretariat (no cell under 5 requests, no names).",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def statistics(self, request):
        if not request.user.has_perm("cooperation.view_statistics"):
            raise Http404
        filters = query_parameters(RequestStatisticsFilters, request)
        return Response(statistics.request_statistics(year=filters.get("year")).to_json())


class AttachmentsView(APIView):
    """The attachments of a request (both sides see both sides'); upload a PDF (`file`, `title`,
    `is_annex`)."""

    parser_classes = [MultiPartParser, FormParser]

    def _request(self, pk) -> Request:
        return get_object_or_404(requests_visible_to(self.request.user), pk=pk)

    @extend_schema(responses=RequestAttachmentSerializer(many=True))
    def get(self, request, pk: int):
        req = self._request(pk)
        return Response(RequestAttachmentSerializer(req.attachments.all(), many=True).data)

    @extend_schema(
        request={"multipart/form-data": RequestUploadBody},
        responses={201: RequestAttachmentSerializer, 400: OpenApiResponse(Problem)},
    )
    def post(self, request, pk: int):
        req = self._request(pk)
        data = body(RequestUploadBody, request)
        try:
            attachment = domain.attach_file(
                req=req,
                actor=request.user,
                upload=data["file"],
                title=data["title"],
                is_annex=data["is_annex"],
                request=request,
            )
        except domain.RequestError as problem:
            return refused(problem)
        return Response(RequestAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class AttachmentFileView(APIView):
    """An attachment's PDF."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None})
    def get(self, request, pk: int, attachment: int):
        req = get_object_or_404(requests_visible_to(request.user), pk=pk)
        found = get_object_or_404(RequestAttachment, request=req, pk=attachment)
        return FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.file_name,
            content_type="application/pdf",
        )


router = SimpleRouter()
router.register("requests", RequestViewSet, basename="cooperation-request")

urlpatterns = [
    path(
        "requests/<int:pk>/attachments/",
        accepts_file(attachment_bytes)(AttachmentsView.as_view()),
        name="cooperation-request-attachments",
    ),
    path(
        "requests/<int:pk>/attachments/<int:attachment>/",
        AttachmentFileView.as_view(),
        name="cooperation-request-attachment",
    ),
    *router.urls,
]
