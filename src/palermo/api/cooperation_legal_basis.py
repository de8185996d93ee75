"""GET /api/v1/cooperation/legal-basis/: the legal basis between two States on a date (public register
facts), as `LegalBasis.to_json()`. Bad input: 400 with the errors keyed by parameter."""

from datetime import date

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from palermo.cooperation.domain.legal_basis import KINDS, LegalBasisError, Snapshot, legal_basis

LANGUAGES = [code for code, _name in settings.LANGUAGES]

INSTRUMENT_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "enum": ["UNTOC", "TIP", "SOM", "FIREARMS"]},
        "title": {"type": "string"},
        "applies": {
            "type": "boolean",
            "description": "In force between the two States and covers the offence",
        },
        "in_force": {
            "type": "boolean",
            "description": "In force between the two States, whatever the offence",
        },
        "reasons": {"type": "array", "items": {"type": "string"}, "description": "Why, in words"},
        "articles": {"type": "array", "items": {"type": "string"}, "description": "Article numbers cited"},
    },
}
LEGAL_BASIS_SCHEMA = {
    "type": "object",
    "properties": {
        "requesting": {"type": "string", "description": "ISO 3166 alpha-3 code"},
        "requesting_name": {"type": "string"},
        "requested": {"type": "string", "description": "ISO 3166 alpha-3 code"},
        "requested_name": {"type": "string"},
        "on": {"type": "string", "format": "date"},
        "offence": {"type": "string", "nullable": True},
        "offence_label": {"type": "string", "nullable": True},
        "kind": {"type": "string", "nullable": True, "enum": [*KINDS, None]},
        "applies": {"type": "boolean", "description": "At least one instrument applies"},
        "instruments": {"type": "array", "items": INSTRUMENT_SCHEMA},
        "consequences": {"type": "array", "items": {"type": "string"}, "description": "What follows"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "register_as_of": {"type": "string", "format": "date", "nullable": True},
        "articles": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["requesting", "requested", "on", "applies", "instruments", "consequences"],
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    },
}


@extend_schema(
    operation_id="cooperation_legal_basis",
    parameters=[
        OpenApiParameter(
            "requesting",
            OpenApiTypes.STR,
            required=True,
            description="Requesting State: ISO 3166 alpha-3 (ITA) or alpha-2 (IT), any case",
        ),
        OpenApiParameter(
            "requested",
            OpenApiTypes.STR,
            required=True,
            description="Requested State: ISO 3166 alpha-3 (BRA) or alpha-2 (BR), any case",
        ),
        OpenApiParameter("on", OpenApiTypes.DATE, required=True, description="The date, YYYY-MM-DD"),
        OpenApiParameter(
            "offence", OpenApiTypes.STR, description="A crime type slug of the taxonomy (/api/v1/terms/)"
        ),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=list(KINDS), description="The kind of request"),
        OpenApiParameter(
            "language",
            OpenApiTypes.STR,
            enum=LANGUAGES,
            description="Language of names and reasons (default: the request's language)",
        ),
    ],
    responses={200: LEGAL_BASIS_SCHEMA, 400: ERROR_SCHEMA},
)
@api_view(["GET"])
def legal_basis_view(request):
    """Which of the Convention and its Protocols is in force between two States on a date, for an offence
    and a kind of request; what follows; and what does not hold, with reasons in words."""
    params = request.query_params
    errors: dict[str, list[str]] = {}
    for name in ("requesting", "requested", "on"):
        if not params.get(name, "").strip():
            errors[name] = [_("This parameter is required.")]
    language = params.get("language") or translation.get_language() or "en"
    if language not in LANGUAGES:
        errors["language"] = [
            _("Not a language of Palermo. Valid values: %(values)s.") % {"values": ", ".join(LANGUAGES)}
        ]
    on = None
    if "on" not in errors:
        try:
            on = date.fromisoformat(params["on"].strip())
        except ValueError:
            errors["on"] = [_("Give the date as YYYY-MM-DD, for example 2014-06-01.")]
    if errors:
        return Response({"errors": errors}, status=400)
    with translation.override(language):
        try:
            basis = legal_basis(
                requesting=params["requesting"],
                requested=params["requested"],
                on=on,
                offence=params.get("offence") or None,
                kind=params.get("kind") or None,
                snapshot=Snapshot(with_directory=request.user.has_perm("cooperation.view_directory")),
            )
        except LegalBasisError as exc:
            return Response({"errors": {exc.argument or "non_field_errors": [str(exc)]}}, status=400)
        return Response(basis.to_json())


urlpatterns = [
    path("legal-basis/", legal_basis_view, name="cooperation-legal-basis"),
]
