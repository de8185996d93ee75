"""Technical assistance through the API, with the pages' rules: the needs a caller may see (published ones;
their own State's too; all for the secretariat), each with whether it is met; a focal point records its
State's needs (the secretariat any State's); offers (public), each with the needs it can meet among those the
caller may see, recorded by the secretariat or a focal point for its own State; the assistance activities
(public)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from palermo.api.conference import ConferenceArticleField
from palermo.api.inputs import body
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference import assistance_matching as matching
from palermo.conference.domain import assistance, offers
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces.forms import own_party
from palermo.conference.models import (
    AssistanceActivity,
    AssistanceNeed,
    AssistanceOffer,
    NeedSource,
    Provider,
)
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party, RegionalGroup
from palermo.review.models import AssistanceKind


class ConferenceNeedSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="party_id")
    articles = ConferenceArticleField(many=True, read_only=True)
    crime_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    met = serializers.BooleanField(read_only=True, help_text="An activity that meets it is completed")

    class Meta:
        model = AssistanceNeed
        fields = [
            "id",
            "state",
            "source",
            "kind",
            "description",
            "language",
            "articles",
            "crime_types",
            "publish",
            "met",
            "is_demo",
        ]


class ConferenceOfferSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="party_id", allow_null=True, help_text="The offering State, if any")
    articles = ConferenceArticleField(many=True, read_only=True)
    crime_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    open = serializers.SerializerMethodField(help_text="Not withdrawn and not past its last day")

    class Meta:
        model = AssistanceOffer
        fields = [
            "id",
            "provider_kind",
            "provider",
            "state",
            "kind",
            "description",
            "language",
            "articles",
            "crime_types",
            "regions",
            "until",
            "withdrawn",
            "open",
            "is_demo",
        ]

    def get_open(self, offer) -> bool:
        return matching.is_open(offer)


class ConferenceOfferDetailSerializer(ConferenceOfferSerializer):
    matching_needs = serializers.SerializerMethodField(
        help_text="The needs it can meet among those the caller may see, the closest first"
    )

    class Meta(ConferenceOfferSerializer.Meta):
        fields = [*ConferenceOfferSerializer.Meta.fields, "matching_needs"]

    def get_matching_needs(self, offer) -> list[dict]:
        needs = self.context["needs"]
        return [
            {"need": found.need.pk, "state": found.need.party_id, "score": found.score}
            for found in matching.needs_for(offer, needs)
        ]


class ConferenceActivitySerializer(serializers.ModelSerializer):
    beneficiaries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    articles = ConferenceArticleField(many=True, read_only=True)
    crime_types = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = AssistanceActivity
        fields = [
            "id",
            "titles",
            "provider",
            "status",
            "starts",
            "ends",
            "beneficiaries",
            "articles",
            "crime_types",
            "outputs",
            "offer",
            "is_demo",
        ]


class ConferenceNeedBody(serializers.Serializer):
    state = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3; the secretariat only")
    source = serializers.ChoiceField(choices=NeedSource.choices, default=NeedSource.DIRECT)
    kind = serializers.ChoiceField(choices=AssistanceKind.choices, default=AssistanceKind.OTHER)
    description = serializers.CharField(max_length=5000)
    language = serializers.CharField(max_length=10)
    articles = serializers.ListField(
        child=serializers.CharField(max_length=20), default=list, help_text='As "UNTOC 7"', max_length=50
    )
    crime_types = serializers.ListField(
        child=serializers.SlugField(max_length=80), default=list, max_length=20
    )
    publish = serializers.BooleanField(default=False)


def _articles(given: list[str]) -> tuple[list[Article], list[str]]:
    """The articles named as "UNTOC 7", and a message for each name that is not an article."""
    found, missing = [], []
    for name in given:
        code, _space, number = name.partition(" ")
        article = Article.objects.filter(instrument_id=code, number=number).first()
        if article is None:
            missing.append(f"No article {name}")
        else:
            found.append(article)
    return found, missing


def _topics(slugs: list[str]) -> list[Term]:
    return list(Term.objects.current().filter(slug__in=slugs, parent=None))


def _created(write, serializer_class, queryset) -> Response:
    """Run a domain write: refused, a 403 or a 400 naming each field; done, a 201 with what it made."""
    try:
        made = write()
    except PermissionDenied:
        return Response({"detail": "Not allowed."}, status=status.HTTP_403_FORBIDDEN)
    except RecordError as problem:
        return Response(
            {"errors": {key: [message] for key, message in problem.problems}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response(serializer_class(queryset.get(pk=made.pk)).data, status=status.HTTP_201_CREATED)


class NeedViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Technical-assistance needs: the published ones for everyone, a State's own for its people, all for
    the secretariat. POST records one (a focal point: its own State's, requested directly)."""

    serializer_class = ConferenceNeedSerializer

    def get_queryset(self):
        return dashboard.visible_needs(self.request.user).prefetch_related(
            "articles__instrument", "crime_types"
        )

    @extend_schema(request=ConferenceNeedBody, responses={201: ConferenceNeedSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return Response({"detail": "Sign in first."}, status=status.HTTP_403_FORBIDDEN)
        data = body(ConferenceNeedBody, request)
        party = (
            Party.objects.filter(pk=data.get("state", "")).first()
            if "state" in data
            else own_party(request.user)
            if request.user.is_authenticated
            else None
        )
        articles, missing = _articles(data["articles"])
        if missing:
            return Response({"errors": {"articles": missing}}, status=status.HTTP_400_BAD_REQUEST)
        return _created(
            lambda: assistance.record_need(
                user=request.user,
                party=party,
                source=data["source"],
                kind=data["kind"],
                description=data["description"],
                language=data["language"],
                articles=articles,
                crime_types=_topics(data["crime_types"]),
                publish=data["publish"],
            ),
            ConferenceNeedSerializer,
            self.get_queryset(),
        )


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance activities (public), the latest first; the needs each meets are not listed (a State's need
    is shown only where it agreed: see the needs endpoint)."""

    serializer_class = ConferenceActivitySerializer
    queryset = AssistanceActivity.objects.prefetch_related(
        "beneficiaries", "articles__instrument", "crime_types"
    ).order_by("-starts", "-id")


class ConferenceOfferBody(serializers.Serializer):
    provider_kind = serializers.ChoiceField(
        choices=Provider.choices,
        required=False,
        help_text="The secretariat only; a focal point offers its State's",
    )
    provider = serializers.CharField(max_length=200, required=False, default="")
    state = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3 of the offering State")
    kind = serializers.ChoiceField(choices=AssistanceKind.choices)
    description = serializers.CharField(max_length=5000)
    language = serializers.CharField(max_length=10)
    articles = serializers.ListField(
        child=serializers.CharField(max_length=20), default=list, help_text='As "UNTOC 7"', max_length=50
    )
    crime_types = serializers.ListField(
        child=serializers.SlugField(max_length=80), default=list, max_length=20
    )
    regions = serializers.ListField(
        child=serializers.ChoiceField(choices=RegionalGroup.choices), default=list, max_length=10
    )
    until = serializers.DateField(required=False, allow_null=True, default=None)


class OfferViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Offers of technical assistance (public), the latest first. One offer lists the needs it can meet among
    those the caller may see. POST records one (a focal point: its own State's)."""

    queryset = (
        AssistanceOffer.objects.select_related("party")
        .prefetch_related("articles__instrument", "crime_types")
        .order_by("-recorded", "-id")
    )

    def get_serializer_class(self):
        return ConferenceOfferDetailSerializer if self.action == "retrieve" else ConferenceOfferSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve":
            context["needs"] = list(
                dashboard.visible_needs(self.request.user).prefetch_related(
                    "articles__instrument", "crime_types"
                )
            )
        return context

    @extend_schema(request=ConferenceOfferBody, responses={201: ConferenceOfferSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return Response({"detail": "Sign in first."}, status=status.HTTP_403_FORBIDDEN)
        data = body(ConferenceOfferBody, request)
        party = (
            Party.objects.filter(pk=data["state"]).first() if data.get("state") else own_party(request.user)
        )
        if data.get("state") and party is None:
            return Response({"errors": {"state": ["No such State"]}}, status=status.HTTP_400_BAD_REQUEST)
        articles, missing = _articles(data["articles"])
        if missing:
            return Response({"errors": {"articles": missing}}, status=status.HTTP_400_BAD_REQUEST)
        return _created(
            lambda: offers.record_offer(
                user=request.user,
                provider_kind=data.get("provider_kind", Provider.STATE),
                provider=data["provider"],
                party=party,
                kind=data["kind"],
                description=data["description"],
                language=data["language"],
                articles=articles,
                crime_types=_topics(data["crime_types"]),
                regions=data["regions"],
                until=data["until"],
            ),
            ConferenceOfferSerializer,
            self.get_queryset(),
        )
