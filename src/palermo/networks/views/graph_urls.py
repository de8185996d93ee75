"""Paths of the link chart and the analysis of an investigation's graph (composed in networks/urls.py)."""

from django.urls import path

from palermo.networks.views import (
    graph,
    graph_analysis,
    graph_assets,
    graph_map,
    graph_money,
    graph_records,
    graph_timeline,
    graph_views,
)

CHART = "investigations/<int:pk>/chart/"

urlpatterns: list = [
    path(CHART, graph.chart, name="chart"),
    path(f"{CHART}search/", graph.chart_search, name="chart_search"),
    path(f"{CHART}elements/", graph.chart_elements, name="chart_elements"),
    path(f"{CHART}path/", graph.chart_path, name="chart_path"),
    path(f"{CHART}views/", graph_views.view_save, name="chart_view_save"),
    path(f"{CHART}views/<int:view_id>/", graph_views.view_state, name="chart_view"),
    path(f"{CHART}views/<int:view_id>/delete/", graph_views.view_delete, name="chart_view_delete"),
    path(f"{CHART}export/", graph_views.chart_export, name="chart_export"),
    path("investigations/<int:pk>/analysis/", graph_analysis.analysis, name="analysis"),
    path("investigations/<int:pk>/analysis/start/", graph_analysis.analysis_start, name="analysis_start"),
    path(
        "investigations/<int:pk>/analysis/<int:job_id>/",
        graph_analysis.analysis_progress,
        name="analysis_progress",
    ),
    path("investigations/<int:pk>/money/", graph_money.money_page, name="money"),
    path("investigations/<int:pk>/money/records/", graph_records.records_request, name="records_request"),
    path("investigations/<int:pk>/assets/", graph_assets.assets, name="assets"),
    path("investigations/<int:pk>/timeline/", graph_timeline.timeline, name="timeline"),
    path("investigations/<int:pk>/map/", graph_map.network_map, name="map"),
]
