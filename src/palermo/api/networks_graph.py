"""The graph of an investigation through the API, under /api/v1/networks/ (same rules as the pages; 404
outside): the neighbourhood of entities through a filter, the paths between two, the latest analysis of the
network and starting a new one, following the money from an entity, and the measures against assets. Answers are the link chart's own
elements (nodes and edges with plain values) and the analysis job's result."""

from dataclasses import asdict
from datetime import date

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from palermo.api.inputs import query_parameters
from palermo.api.networks_investigations import Problem
from palermo.networks.domain.analysis import latest_analysis, latest_result, start_analysis
from palermo.networks.graph.assets import asset_measures, totals
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import elements
from palermo.networks.graph.explore import EdgeFilter, edges_among, neighbourhood, path_edges
from palermo.networks.graph.money import follow
from palermo.networks.graph.money_load import money_for, rate_table, rates_are_demo
from palermo.networks.graph.paths import find_paths
from palermo.networks.graph.rates import date_of, day_number
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.graph import MAX_CHART, MAX_PATHS
from palermo.networks.views.graph_money import start_nodes

EDIT = "networks.edit_entities"
NOT_FOUND = OpenApiResponse(description="No such investigation or entity for the caller")
INVESTIGATION = "investigations/<int:pk>/graph/"

Elements = inline_serializer(
    "NetworksGraphElements",
    {
        "nodes": serializers.ListField(
            child=serializers.JSONField(), help_text="{data: {id, label, schema, …}}"
        ),
        "edges": serializers.ListField(
            child=serializers.JSONField(), help_text="{data: {id, source, target, …}}"
        ),
        "left_out": serializers.IntegerField(required=False),
        "paths": serializers.ListField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)


class NeighbourhoodQuery(serializers.Serializer):
    id = serializers.ListField(child=serializers.CharField(max_length=128), min_length=1, max_length=50)
    depth = serializers.IntegerField(min_value=1, max_value=3, default=1)
    kind = serializers.ListField(child=serializers.CharField(max_length=64), required=False)
    country = serializers.ListField(child=serializers.CharField(max_length=8), required=False)
    since = serializers.RegexField(r"^\d{4}(-\d{2}(-\d{2})?)?$", required=False)
    until = serializers.RegexField(r"^\d{4}(-\d{2}(-\d{2})?)?$", required=False)
    min_sources = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_CHART, default=500)


def _list_params(request, serializer_class):
    """Query parameters with repeated names as lists (?id=a&id=b)."""
    data = {}
    for name, field in serializer_class().fields.items():
        if isinstance(field, serializers.ListField):
            values = request.query_params.getlist(name)
            if values:
                data[name] = values
        elif name in request.query_params:
            data[name] = request.query_params[name]
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class NeighbourhoodView(APIView):
    """The entities within `depth` links of the given ones (`?id=` repeated), through the links the filter
    lets pass (kinds of link, States of the entities reached, dates, sources), with the links among them."""

    @extend_schema(
        operation_id="networks_graph_neighbourhood",
        parameters=[NeighbourhoodQuery],
        responses={200: Elements, 400: Problem, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        query = _list_params(request, NeighbourhoodQuery)
        built = graph_for(investigation)
        start = [v for v in (built.vertex_of(i) for i in query["id"]) if v is not None]
        if not start:
            return Response({"detail": "None of these entities is in the investigation's graph."}, status=404)
        rule = EdgeFilter(
            kinds=frozenset(query.get("kind", [])),
            countries=frozenset(c.lower() for c in query.get("country", [])),
            since=query.get("since", ""),
            until=query.get("until", ""),
            min_sources=query.get("min_sources", 1),
        )
        vertices, total = neighbourhood(built, start, depth=query["depth"], rule=rule, limit=query["limit"])
        result = elements(built, vertices, edges_among(built, set(vertices), rule), investigation.pk)
        result["left_out"] = total - (len(vertices) - len(set(start)))
        return Response(result)


class PathQuery(serializers.Serializer):
    source = serializers.CharField(max_length=128)
    target = serializers.CharField(max_length=128)
    k = serializers.IntegerField(min_value=1, max_value=MAX_PATHS, default=1)
    weighted = serializers.BooleanField(default=False)


class PathView(APIView):
    """The paths between two entities: all the shortest (k=1) or the k shortest; weighted, a link that more
    sources state counts as shorter."""

    @extend_schema(
        operation_id="networks_graph_paths",
        parameters=[PathQuery],
        responses={200: Elements, 400: Problem, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        query = query_parameters(PathQuery, request)
        built = graph_for(investigation)
        left, right = built.vertex_of(query["source"]), built.vertex_of(query["target"])
        if left is None or right is None:
            return Response({"detail": "No such entity in the investigation's graph."}, status=404)
        paths = find_paths(built, left, right, k=query.get("k", 1), weighted=query.get("weighted", False))
        vertices = list(dict.fromkeys(v for p in paths for v in p))
        edges = sorted({e for p in paths for e in path_edges(built, p)})
        result = elements(built, vertices, edges, investigation.pk)
        result["paths"] = [[built.vertices[v].canonical_id for v in p] for p in paths]
        return Response(result)


class AnalysisView(APIView):
    """The latest finished analysis of the network (its figures, the most central entities per measure,
    communities, cohesion, disruption curves, States spanned); POST starts a new one (analysts, leads)."""

    @extend_schema(
        operation_id="networks_graph_analysis",
        responses={
            200: inline_serializer(
                "NetworksAnalysis",
                {
                    "state": serializers.CharField(
                        help_text="of the latest analysis: queued, running, done, failed"
                    ),
                    "result": serializers.JSONField(allow_null=True),
                    "current": serializers.BooleanField(
                        help_text="the result is of the network as it is now"
                    ),
                },
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        latest, done = latest_analysis(investigation), latest_result(investigation)
        version = graph_for(investigation).version
        return Response(
            {
                "state": latest.state if latest is not None else "none",
                "result": done.result if done is not None else None,
                "current": bool(done is not None and done.result.get("version") == version),
            }
        )

    @extend_schema(
        operation_id="networks_graph_analysis_start",
        request=None,
        responses={
            202: inline_serializer("NetworksAnalysisStarted", {"job": serializers.IntegerField()}),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk, EDIT)
        job = start_analysis(investigation=investigation, user=request.user, request=request)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class MoneyQuery(serializers.Serializer):
    source = serializers.CharField(max_length=128, help_text="the entity followed from")
    direction = serializers.ChoiceField(choices=["forward", "back"], default="forward")
    hops = serializers.IntegerField(min_value=1, max_value=10, default=5)
    since = serializers.DateField(required=False)
    until = serializers.DateField(required=False)
    per = serializers.ChoiceField(choices=["holder", "account"], default="holder")


class MoneyView(APIView):
    """Following the money from an entity: the payments of the flow with their step, amount and the amount
    converted with the installation's rate table, the entities reached, and the totals."""

    @extend_schema(
        operation_id="networks_graph_money",
        parameters=[MoneyQuery],
        responses={
            200: inline_serializer(
                "NetworksMoneyFlow",
                {
                    "reporting_currency": serializers.CharField(),
                    "total": serializers.FloatField(),
                    "not_converted": serializers.IntegerField(),
                    "payments": serializers.ListField(child=serializers.JSONField()),
                    "entities": serializers.ListField(child=serializers.JSONField()),
                },
            ),
            400: Problem,
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        query = query_parameters(MoneyQuery, request)
        if query.get("since") and query.get("until") and query["since"] > query["until"]:
            raise ValidationError({"until": ["The end of the period is before its start."]})
        built = graph_for(investigation)
        money = money_for(investigation, by_holder=query.get("per", "holder") == "holder")
        start = start_nodes(built, money, query["source"])
        if built.vertex_of(query["source"]) is None and not start:
            return Response({"detail": "No such entity in the investigation."}, status=404)
        flow = follow(
            money.payments,
            start,
            hops=query.get("hops", 5),
            direction=query.get("direction", "forward"),
            since_day=_day(query.get("since")),
            until_day=_day(query.get("until")),
            rates=rate_table(),
        )
        payments = money.payments
        rows = []
        for row, hop, converted in zip(flow.payment_rows, flow.payment_hop, flow.payment_amount, strict=True):
            currency = int(payments.currency[row])
            day = date_of(int(payments.day[row]))
            rows.append(
                {
                    "entity": money.payment_entities[int(payments.payment_index[row])],
                    "step": int(hop),
                    "date": day.isoformat() if day else None,
                    "payer": money.node_ids[int(payments.payer[row])],
                    "beneficiary": money.node_ids[int(payments.beneficiary[row])],
                    "amount": None
                    if payments.amount[row] != payments.amount[row]
                    else float(payments.amount[row]),
                    "currency": payments.currencies[currency] if currency >= 0 else None,
                    "converted": None if converted != converted else float(converted),
                }
            )
        entities = [
            {"id": money.node_ids[int(n)], "step": int(h), "in": float(i), "out": float(o)}
            for n, h, i, o in zip(flow.nodes, flow.node_hop, flow.node_in, flow.node_out, strict=True)
        ]
        return Response(
            {
                "reporting_currency": flow.reporting_currency,
                "total": flow.total,
                "not_converted": flow.not_converted,
                "payments": rows,
                "entities": entities,
            }
        )


class AssetsView(APIView):
    """Seizures, freezing and confiscation recorded against the investigation's assets: each measure with
    its amount converted to the rate table's currency, and the totals per measure, State, kind and case."""

    @extend_schema(
        operation_id="networks_graph_assets",
        responses={
            200: inline_serializer(
                "NetworksAssets",
                {
                    "reporting": serializers.CharField(help_text="the currency of the converted amounts"),
                    "demo_rates": serializers.BooleanField(help_text="converted with invented demo rates"),
                    "measures": serializers.ListField(child=serializers.JSONField()),
                    "totals": serializers.JSONField(help_text="{measure|state|kind|case: [{key, count, …}]}"),
                },
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        investigation = investigation_or_404(request.user, pk)
        built, rates = graph_for(investigation), rate_table()
        measures = asset_measures(built, investigation.pk, rates)
        return Response(
            {
                "reporting": rates.reporting,
                "demo_rates": rates_are_demo(),
                "measures": [asdict(measure) for measure in measures],
                "totals": {name: table.rows() for name, table in totals(built, measures).items()},
            }
        )


def _day(value: date | None) -> int | None:
    return day_number(value) if value else None


urlpatterns: list = [
    path(f"{INVESTIGATION}neighbourhood/", NeighbourhoodView.as_view(), name="networks-graph-neighbourhood"),
    path(f"{INVESTIGATION}paths/", PathView.as_view(), name="networks-graph-paths"),
    path(f"{INVESTIGATION}analysis/", AnalysisView.as_view(), name="networks-graph-analysis"),
    path(f"{INVESTIGATION}money/", MoneyView.as_view(), name="networks-graph-money"),
    path(f"{INVESTIGATION}assets/", AssetsView.as_view(), name="networks-graph-assets"),
]
