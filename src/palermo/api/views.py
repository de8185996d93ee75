from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

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
from palermo.register.models import Article, Declaration, Instrument, Participation, Party


class PartyViewSet(viewsets.ReadOnlyModelViewSet):
    """States and organisations in the register, with their participation in each instrument."""

    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        parties = Party.objects.visible_to(self.request.user)
        group = self.request.query_params.get("regional_group")
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


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    """Signature, consent and entry into force, one row per party and instrument. Filter by instrument, party."""

    serializer_class = ParticipationSerializer

    def get_queryset(self):
        rows = Participation.objects.order_by("instrument__position", "party__name")
        for parameter in ("instrument", "party"):
            value = self.request.query_params.get(parameter)
            if value:
                rows = rows.filter(**{f"{parameter}_id": value.upper()})
        return rows

    @extend_schema(
        parameters=[
            OpenApiParameter("instrument", OpenApiTypes.STR, description="UNTOC, TIP, SOM or FIREARMS"),
            OpenApiParameter("party", OpenApiTypes.STR, description="ISO 3166-1 alpha-3 code"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


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
