"""API of the directory of competent authorities: which States designated which kinds of authority
(public), and the authorities themselves (only for the secretariat and the verified users of competent
authorities: an empty list and 404 for anyone else, as the pages)."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.routers import SimpleRouter

from palermo.api.inputs import query_parameters
from palermo.cooperation.domain.authority_format import authority_data
from palermo.cooperation.models import AuthorityKind, Channel, Designation
from palermo.cooperation.queries import public_designations, search_authorities


def one_of(values) -> dict:
    """A string that is one of `values`, as a pattern: an `enum` here would be extracted by drf-spectacular
    into a component named after the field ("kind"), which collides with the other "kind" choice sets.
    With ENUM_NAME_OVERRIDES["AuthorityKindEnum"] in the settings these could be plain ChoiceFields."""
    return {"type": "string", "pattern": "^(" + "|".join(values) + ")$", "description": ", ".join(values)}


@extend_schema_field(one_of(AuthorityKind.values))
class AuthorityKindField(serializers.ChoiceField):
    """A kind of authority."""

    def __init__(self, **kwargs):
        super().__init__(choices=AuthorityKind.choices, **kwargs)


@extend_schema_field(one_of(Channel.values))
class ChannelField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Channel.choices, **kwargs)


class DesignationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="authority.party_id", help_text="ISO alpha-3 code of the State")
    instrument = serializers.CharField(source="instrument_id")
    kind = AuthorityKindField()
    notification = serializers.IntegerField(
        source="notification_id", allow_null=True, help_text="Id of the notification in /api/v1/declarations/"
    )

    class Meta:
        model = Designation
        fields = ["state", "kind", "instrument", "article", "notification"]


class DesignationFilters(serializers.Serializer):
    state = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3 code of the State")
    kind = AuthorityKindField(required=False)


@extend_schema_view(list=extend_schema(parameters=[DesignationFilters]))
class DesignationViewSet(viewsets.ReadOnlyModelViewSet):
    """Which State designated which kind of competent authority, on which article, with its notification
    in the register. Public."""

    serializer_class = DesignationSerializer

    def get_queryset(self):
        designations = public_designations().order_by("authority__party_id", "kind", "pk")
        if self.action == "list":
            filters = query_parameters(DesignationFilters, self.request)
            if "state" in filters:
                designations = designations.filter(authority__party_id=filters["state"].upper())
            if "kind" in filters:
                designations = designations.filter(kind=filters["kind"])
        return designations


class DesignationOut(serializers.Serializer):
    kind = AuthorityKindField()
    instrument = serializers.CharField()
    article = serializers.CharField()


class AuthoritySerializer(serializers.Serializer):
    """An authority in the directory's exchange format (docs/cooperation.md, "Directory"), with its id."""

    id = serializers.IntegerField()
    state = serializers.CharField(help_text="ISO alpha-3 code of the State")
    name = serializers.CharField(help_text="In the original language")
    name_en = serializers.CharField()
    designations = DesignationOut(many=True)
    postal_address = serializers.CharField()
    phones = serializers.ListField(child=serializers.CharField())
    emails = serializers.ListField(child=serializers.CharField())
    office_hours = serializers.CharField()
    time_zone = serializers.CharField()
    channels = serializers.ListField(child=ChannelField())
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1 codes")
    accepts_oral_urgent_requests = serializers.BooleanField(allow_null=True)
    urgent_confirmation_days = serializers.IntegerField(allow_null=True)
    urgent_procedure = serializers.CharField()
    requires_treaty_for_extradition = serializers.BooleanField(allow_null=True)
    dual_criminality_for_coercive_measures = serializers.BooleanField(allow_null=True)
    requires_authentication = serializers.BooleanField(allow_null=True)
    requires_legalisation = serializers.BooleanField(allow_null=True)
    accepts_electronic_signature = serializers.BooleanField(allow_null=True)
    requires_encryption = serializers.BooleanField(allow_null=True)
    requirements = serializers.CharField()
    records = serializers.ListField(child=serializers.IntegerField(), help_text="Knowledge-base record ids")
    verified_on = serializers.DateField(allow_null=True)
    verified_by = serializers.CharField()
    is_demo = serializers.BooleanField()

    def to_representation(self, instance):
        return {"id": instance.pk, **authority_data(instance)}


class AuthorityFilters(serializers.Serializer):
    q = serializers.CharField(max_length=200, required=False, help_text="Words in either name")
    state = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3 code of the State")
    kind = AuthorityKindField(required=False)
    language = serializers.CharField(
        max_length=3, required=False, help_text="A language accepted (ISO 639-1)"
    )
    channel = ChannelField(required=False)


@extend_schema_view(list=extend_schema(parameters=[AuthorityFilters]))
class AuthorityViewSet(viewsets.ReadOnlyModelViewSet):
    """Competent authorities with their contacts, channels, languages and requirements: for the secretariat
    and the verified users of competent authorities; an empty list for anyone else."""

    serializer_class = AuthoritySerializer

    def get_queryset(self):
        filters = query_parameters(AuthorityFilters, self.request) if self.action == "list" else {}
        return (
            search_authorities(
                self.request.user,
                q=filters.get("q", ""),
                party=filters.get("state", ""),
                kind=filters.get("kind", ""),
                language=filters.get("language", ""),
                channel=filters.get("channel", ""),
            )
            .prefetch_related("records")
            .select_related("verified_by")
        )

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


router = SimpleRouter()
router.register("authorities", AuthorityViewSet, basename="cooperation-authority")
router.register("designations", DesignationViewSet, basename="cooperation-designation")
urlpatterns: list = router.urls
