"""Read API of the Conference of the Parties: its sessions and working-group meetings (agenda, documents by
UN symbol with their language versions, delegations), and its resolutions and decisions with each operative
paragraph — whom it asks, by when, the articles it cites — and the latest follow-up of each State. All of it is public,
as the pages are (docs/conference.md); demo records say so (`is_demo`)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from palermo.conference import queries, search
from palermo.conference.interfaces.forms import SearchForm
from palermo.conference.models import (
    AgendaItem,
    Body,
    Decision,
    Delegation,
    Document,
    DocumentFile,
    FollowUp,
    Meeting,
    OperativeParagraph,
)
from palermo.knowledge.search.query import QueryError


class ConferenceFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Where the file is downloaded; null until uploaded")

    class Meta:
        model = DocumentFile
        fields = ["language", "file_name", "content_type", "size", "sha256", "url"]

    def get_url(self, found: DocumentFile) -> str | None:
        return found.file.url if found.file else None


class ConferenceDocumentSerializer(serializers.ModelSerializer):
    agenda_items = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    files = ConferenceFileSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["symbol", "kind", "titles", "issued", "agenda_items", "files"]


class ConferenceAgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["number", "titles"]


class ConferenceDelegationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="party_id")

    class Meta:
        model = Delegation
        fields = ["state", "head"]


class ConferenceMeetingSerializer(serializers.ModelSerializer):
    host = serializers.CharField(source="host_id", allow_null=True)
    page = serializers.SerializerMethodField(help_text="The meeting's public page")

    class Meta:
        model = Meeting
        fields = ["id", "body", "number", "starts", "ends", "place", "host", "is_demo", "page"]

    def get_page(self, meeting: Meeting) -> str:
        return reverse("conference:meeting", args=[meeting.pk])


class ConferenceMeetingDetailSerializer(ConferenceMeetingSerializer):
    agenda = ConferenceAgendaItemSerializer(many=True, read_only=True)
    documents = ConferenceDocumentSerializer(many=True, read_only=True)
    delegations = ConferenceDelegationSerializer(many=True, read_only=True)
    decisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(ConferenceMeetingSerializer.Meta):
        fields = [*ConferenceMeetingSerializer.Meta.fields, "agenda", "documents", "delegations", "decisions"]


class ConferenceFollowUpSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="party_id", allow_null=True, help_text="null: the secretariat")
    documents = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = FollowUp
        fields = ["state", "status", "text", "language", "documents", "recorded_at"]


@extend_schema_field(OpenApiTypes.STR)
class ConferenceArticleField(serializers.RelatedField):
    def to_representation(self, value) -> str:
        return f"{value.instrument_id} {value.number}"


class ConferenceParagraphSerializer(serializers.ModelSerializer):
    states = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    articles = ConferenceArticleField(
        many=True, read_only=True, help_text='Instrument and article: "UNTOC 18"'
    )
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = OperativeParagraph
        fields = ["number", "texts", "addressee", "states", "working_group", "due", "articles", "topics"]


class ConferenceParagraphDetailSerializer(ConferenceParagraphSerializer):
    follow_ups = ConferenceFollowUpSerializer(
        many=True, read_only=True, help_text="The latest report of each State and of the secretariat"
    )

    class Meta(ConferenceParagraphSerializer.Meta):
        fields = [*ConferenceParagraphSerializer.Meta.fields, "follow_ups"]


class ConferenceDecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    report = serializers.SlugRelatedField(slug_field="symbol", read_only=True)
    is_demo = serializers.BooleanField(source="meeting.is_demo")
    paragraphs = ConferenceParagraphSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "kind", "number", "titles", "adopted", "meeting", "report", "is_demo", "paragraphs"]


class ConferenceDecisionDetailSerializer(ConferenceDecisionSerializer):
    paragraphs = ConferenceParagraphDetailSerializer(many=True, read_only=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "body", OpenApiTypes.STR, enum=list(Body.values), description="Only this body's meetings"
            )
        ]
    )
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Sessions of the Conference and meetings of its working groups, the latest first; one meeting with
    its agenda, documents (language versions), delegations and the ids of its decisions."""

    def get_serializer_class(self):
        return ConferenceMeetingDetailSerializer if self.action == "retrieve" else ConferenceMeetingSerializer

    def get_queryset(self):
        if self.action != "retrieve":
            body = self.request.query_params.get("body", "")
            return queries.meetings(body if body in Body.values else "").order_by("-starts", "body", "id")
        return Meeting.objects.select_related("host").prefetch_related(
            "agenda",
            Prefetch("documents", queryset=Document.objects.prefetch_related("files", "agenda_items")),
            "delegations",
            "decisions",
        )


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Resolutions and decisions with their operative paragraphs, the latest first; one of them with, on
    each paragraph, the latest follow-up of each State and of the secretariat (`state` null)."""

    def get_serializer_class(self):
        return (
            ConferenceDecisionDetailSerializer if self.action == "retrieve" else ConferenceDecisionSerializer
        )

    def get_queryset(self):
        return queries.decisions(follow_ups=self.action == "retrieve").order_by("-adopted", "kind", "id")


CONFERENCE_SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q", str, description='Words, "phrases", OR, NOT or -word, prefix* (as the knowledge base)'
    ),
    OpenApiParameter("kind", str, enum=[value for value, _label in search.KINDS]),
    OpenApiParameter("meeting", int, description="Id of a meeting (see /api/v1/conference/meetings/)"),
    OpenApiParameter("body", str, enum=Body.values),
    OpenApiParameter("year", int),
    OpenApiParameter("topic", int, description="Id of a term (see /api/v1/terms/)"),
    OpenApiParameter("article", int, description="Id of a treaty article"),
    OpenApiParameter("page", int, description="Page number (20 results a page)"),
]
CONFERENCE_SEARCH_RESPONSE = {
    "type": "object",
    "properties": {
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "results": {"type": "array", "items": {"type": "object"}},
        "facets": {"type": "object", "description": "By facet, each value with its number of results"},
    },
    "required": ["total", "page", "pages", "results", "facets"],
}


@extend_schema(
    parameters=CONFERENCE_SEARCH_PARAMETERS,
    responses={200: CONFERENCE_SEARCH_RESPONSE, 400: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def search_record(request):
    """Search the Conference's resolutions and decisions, their operative paragraphs and its documents, with
    the same query syntax and facets as the page /conference/search/; the latest meeting first."""
    form = SearchForm(request.query_params)
    if not form.is_valid():
        return Response({"errors": form.errors}, status=400)
    chosen = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    page = chosen.pop("page", 1)
    try:
        found = search.find(search.Filters(**chosen))
    except QueryError as error:
        return Response({"errors": {"q": [str(error)]}}, status=400)
    hits, page, pages = found.page(page)
    return Response(
        {
            "total": found.total,
            "page": page,
            "pages": pages,
            "results": [result(hit, request) for hit in hits],
            "facets": {
                name: [{"value": value, "count": n} for value, n in counts.most_common()]
                for name, counts in found.facets.items()
            },
        }
    )


def result(hit: search.Hit, request) -> dict:
    item = hit.item
    return {
        "kind": item.kind,
        "id": item.pk,
        "meeting": item.meeting_id,
        "body": item.body,
        "date": item.day,
        "decision": item.decision_id,
        "decision_number": item.decision_number or None,
        "paragraph": item.number,
        "symbol": item.symbol or None,
        "texts": {text.language: text.text for text in item.texts},
        "snippet": strip_tags(hit.snippet),
        "url": request.build_absolute_uri(search.item_url(item)),
        "is_demo": item.is_demo,
    }
