from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from palermo.api.inputs import query_parameters
from palermo.api.serializers import (
    ArticleSerializer,
    DeclarationSerializer,
    InstrumentDetailSerializer,
    InstrumentSerializer,
    ParticipationSerializer,
    PartyDetailSerializer,
    PartySerializer,
)
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
    return HttpResponse(register_csv(), content_type="text/csv; charset=utf-8")


def docs(request):
    """A page for people: what the API offers and where the schema is."""
    return render(request, "api/docs.html")
