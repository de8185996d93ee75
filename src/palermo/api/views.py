from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.settings import api_settings

from palermo.api import catalogue
from palermo.api.inputs import BoundedPagination, query_parameters
from palermo.api.serializers import (
    ArticleSerializer,
    DeclarationSerializer,
    InstrumentDetailSerializer,
    InstrumentSerializer,
    ParticipationSerializer,
    PartyDetailSerializer,
    PartySerializer,
)
from palermo.core import csvsafe
from palermo.register.interfaces.export import register_csv, register_document
from palermo.register.models import Article, Declaration, Instrument, Participation, Party, RegionalGroup


class PartyFilters(serializers.Serializer):
    regional_group = serializers.ChoiceField(
        choices=[*RegionalGroup.values, "none"], required=False, help_text="none: parties in no group"
    )


@extend_schema_view(list=extend_schema(parameters=[PartyFilters]))
class PartyViewSet(viewsets.ReadOnlyModelViewSet):
    """States and organisations in the register, with their participation in each instrument."""

    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        parties = Party.objects.visible_to(self.request.user)
        if self.action == "list":
            group = query_parameters(PartyFilters, self.request).get("regional_group")
            if group:
                parties = parties.filter(regional_group="" if group == "none" else group)
        if self.action == "retrieve":
            parties = parties.prefetch_related("participation", "declarations")
        return parties

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())

    def get_serializer_class(self):
        return PartyDetailSerializer if self.action == "retrieve" else PartySerializer


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The Convention and its Protocols; the detail has every article's authentic English text."""

    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        instruments = Instrument.objects.visible_to(self.request.user)
        return instruments.prefetch_related("articles") if self.action == "retrieve" else instruments

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())

    def get_serializer_class(self):
        return InstrumentDetailSerializer if self.action == "retrieve" else InstrumentSerializer


@extend_schema(responses=ArticleSerializer)
@api_view(["GET"])
def article_detail(request, code: str, number: str):
    """One article of an instrument."""
    article = get_object_or_404(Article, instrument__code=code.upper(), number=number)
    return Response(ArticleSerializer(article).data)


class ParticipationFilters(serializers.Serializer):
    instrument = serializers.CharField(max_length=20, required=False, help_text="UNTOC, TIP, SOM or FIREARMS")
    party = serializers.CharField(max_length=3, required=False, help_text="ISO 3166-1 alpha-3 code")


@extend_schema_view(list=extend_schema(parameters=[ParticipationFilters]))
class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    """Signature, consent and entry into force, one row per party and instrument. Filter by instrument, party."""

    serializer_class = ParticipationSerializer

    def get_queryset(self):
        rows = Participation.objects.order_by("instrument__position", "party__name")
        if self.action == "list":
            for parameter, value in query_parameters(ParticipationFilters, self.request).items():
                rows = rows.filter(**{f"{parameter}_id": value.upper()})
        return rows


class DeclarationViewSet(viewsets.ReadOnlyModelViewSet):
    """Reservations, declarations and notifications."""

    serializer_class = DeclarationSerializer

    def get_queryset(self):
        return Declaration.objects.visible_to(self.request.user)


@extend_schema(responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
def register_export(request):
    """The whole register as one JSON document (the open data export)."""
    return Response(register_document())


@extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
@api_view(["GET"])
def register_export_csv(request):
    """The whole register as a flat CSV table, one row per party and instrument."""
    return csvsafe.download(register_csv())


def docs(request):
    """A page for people: every endpoint group (from the schema: it cannot go stale), pagination,
    authentication, errors and the data licence."""
    context = {
        "groups": catalogue.groups(),
        "page_size": api_settings.PAGE_SIZE,
        "max_limit": BoundedPagination.MAX_LIMIT,
        "data_licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
    }
    return render(request, "api/docs.html", context)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema (YAML, or JSON with ?format=json), generated one at a time (catalogue.GENERATING)."""

    @extend_schema(exclude=True)  # as drf-spectacular's own view: the schema does not describe itself
    def get(self, request, *args, **kwargs):
        with catalogue.GENERATING:
            return super().get(request, *args, **kwargs)


def interactive_docs(request):
    """Swagger UI on the API's schema, from the app's own files (no CDN; its start-up is a static script)."""
    context = {"schema_url": reverse("api:schema"), "overview_url": reverse("api:docs")}
    return render(request, "api/interactive.html", context)
