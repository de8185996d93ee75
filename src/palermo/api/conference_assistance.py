"""Technical assistance through the API, with the pages' rules: the needs a caller may see (published ones;
their own State's too; all for the secretariat), each with whether it is met; a focal point records its
State's needs (the secretariat any State's); the assistance activities (public)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from palermo.api.conference import ConferenceArticleField
from palermo.api.inputs import body
from palermo.conference import assistance_dashboard as dashboard
from palermo.conference.domain import assistance
from palermo.conference.domain.records import RecordError
from palermo.conference.interfaces.forms import own_party
from palermo.conference.models import AssistanceActivity, AssistanceNeed, NeedSource
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party


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
            "description",
            "language",
            "articles",
            "crime_types",
            "publish",
            "met",
            "is_demo",
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
            "is_demo",
        ]


class ConferenceNeedBody(serializers.Serializer):
    state = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3; the secretariat only")
    source = serializers.ChoiceField(choices=NeedSource.choices, default=NeedSource.DIRECT)
    description = serializers.CharField(max_length=5000)
    language = serializers.CharField(max_length=10)
    articles = serializers.ListField(
        child=serializers.CharField(max_length=20), default=list, help_text='As "UNTOC 7"', max_length=50
    )
    crime_types = serializers.ListField(
        child=serializers.SlugField(max_length=80), default=list, max_length=20
    )
    publish = serializers.BooleanField(default=False)


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
        articles = []
        for given in data["articles"]:
            code, _space, number = given.partition(" ")
            found = Article.objects.filter(instrument_id=code, number=number).first()
            if found is None:
                return Response(
                    {"errors": {"articles": [f"No article {given}"]}}, status=status.HTTP_400_BAD_REQUEST
                )
            articles.append(found)
        terms = list(Term.objects.current().filter(slug__in=data["crime_types"], parent=None))
        try:
            need = assistance.record_need(
                user=request.user,
                party=party,
                source=data["source"],
                description=data["description"],
                language=data["language"],
                articles=articles,
                crime_types=terms,
                publish=data["publish"],
            )
        except PermissionDenied:
            return Response({"detail": "Not allowed."}, status=status.HTTP_403_FORBIDDEN)
        except RecordError as problem:
            return Response(
                {"errors": {key: [message] for key, message in problem.problems}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            ConferenceNeedSerializer(self.get_queryset().get(pk=need.pk)).data, status=status.HTTP_201_CREATED
        )


class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance activities (public), the latest first; the needs each meets are not listed (a State's need
    is shown only where it agreed: see the needs endpoint)."""

    serializer_class = ConferenceActivitySerializer
    queryset = AssistanceActivity.objects.prefetch_related(
        "beneficiaries", "articles__instrument", "crime_types"
    ).order_by("-starts", "-id")
