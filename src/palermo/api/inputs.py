"""What every API request is read with: bounded pages, JSON that cannot exhaust the stack, and query
parameters checked by a serializer. A bad value is a 400 that names the parameter, never a server error."""

import json

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser

from palermo.core.numbers import MAX_INT


class BoundedPagination(LimitOffsetPagination):
    """?limit= and ?offset= as whole numbers: a limit above MAX_LIMIT gives MAX_LIMIT rows; anything that
    is not a number in range is refused (DRF's own class passes any offset on to the database)."""

    MAX_LIMIT = 1000
    max_limit = MAX_LIMIT

    def get_limit(self, request) -> int:
        limit = self._number(request, self.limit_query_param, minimum=1, maximum=None)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request) -> int:
        return self._number(request, self.offset_query_param, minimum=0, maximum=MAX_INT) or 0

    def _number(self, request, name: str, *, minimum: int, maximum: int | None) -> int | None:
        value = request.query_params.get(name)
        if value in (None, ""):
            return None
        field = serializers.IntegerField(min_value=minimum, max_value=maximum)
        try:
            return field.run_validation(value)
        except ValidationError as error:
            raise ValidationError({name: error.detail}) from None

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_INT},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class SafeJSONParser(JSONParser):
    """JSON request bodies. Besides what DRF refuses, a 400 for a body nested deeper than Python's stack
    can read, and for text no database can store (a lone surrogate, "\\ud800")."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            json.dumps(data, ensure_ascii=False).encode()
        except RecursionError:
            raise ParseError(_("JSON parse error - nested more deeply than can be read")) from None
        except UnicodeEncodeError:
            raise ParseError(_("JSON parse error - text that is not valid Unicode")) from None
        return data


def body(serializer_class: type[serializers.Serializer], request) -> dict:
    """The request's body as the serializer reads it; a 400 naming each bad field (or the body itself
    when it is not a JSON object)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def query_parameters(serializer_class: type[serializers.Serializer], request) -> dict:
    """The request's query parameters as the serializer reads them, those given only; a 400 naming each
    bad one."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {name: value for name, value in serializer.validated_data.items() if value not in (None, "")}
