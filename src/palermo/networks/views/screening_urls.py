"""Paths of screening against watch lists (composed in networks/urls.py)."""

from django.urls import path

from palermo.networks.views import screening

BASE = "investigations/<int:pk>/screening/"

urlpatterns: list = [
    path("watch-lists/", screening.watch_lists, name="watch_lists"),
    path("watch-lists/<int:list_id>/progress/", screening.watch_list_progress, name="watch_list_progress"),
    path("watch-lists/<int:list_id>/delete/", screening.watch_list_delete, name="watch_list_delete"),
    path(BASE, screening.screening_page, name="screening"),
    path(f"{BASE}start/", screening.screening_start, name="screening_start"),
    path(f"{BASE}<int:job_id>/", screening.screening_progress, name="screening_progress"),
    path(f"{BASE}hits/<int:hit_id>/decide/", screening.screening_decide, name="screening_decide"),
]
