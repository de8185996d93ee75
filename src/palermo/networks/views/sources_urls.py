"""Paths of this area of the networks app (composed in networks/urls.py): sources, imports, knowledge-base
cases and the downloads."""

from django.urls import path

from palermo.networks.views import sources, sources_cases, sources_exports

SOURCES = "investigations/<int:pk>/sources/"

urlpatterns: list = [
    path(SOURCES, sources.source_list, name="sources"),
    path(f"{SOURCES}upload/", sources.source_upload, name="source_upload"),
    path(f"{SOURCES}cases/", sources_cases.case_pick, name="source_cases"),
    path(f"{SOURCES}cases/<int:record>/add/", sources_cases.case_add, name="source_case_add"),
    path(f"{SOURCES}<int:source>/", sources.source_page, name="source"),
    path(f"{SOURCES}<int:source>/progress/", sources.source_progress, name="source_progress"),
    path(f"{SOURCES}<int:source>/remove/", sources.source_remove, name="source_remove"),
    path("investigations/<int:pk>/export/entities.ftm.json", sources_exports.export_ftm, name="export_ftm"),
    path("investigations/<int:pk>/export/entities-csv.zip", sources_exports.export_csv, name="export_csv"),
]
