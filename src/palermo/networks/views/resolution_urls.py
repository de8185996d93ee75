"""Paths of entity resolution (composed in networks/urls.py): candidates, their review, judgements, hits."""

from django.urls import path

from palermo.networks.views import resolution, resolution_hits, resolution_judgements, resolution_review

BASE = "investigations/<int:pk>/"

urlpatterns: list = [
    path(f"{BASE}candidates/", resolution.candidates, name="candidates"),
    path(f"{BASE}candidates/search/", resolution.resolve_start, name="resolve_start"),
    path(f"{BASE}candidates/search/<int:run_id>/", resolution.resolve_progress, name="resolve_progress"),
    path(f"{BASE}candidates/<int:candidate_id>/", resolution_review.candidate, name="candidate"),
    path(
        f"{BASE}candidates/<int:candidate_id>/judge/",
        resolution_review.candidate_judge,
        name="candidate_judge",
    ),
    path(f"{BASE}judgements/", resolution_judgements.judgements, name="judgements"),
    path(
        f"{BASE}judgements/<int:judgement_id>/undo/",
        resolution_judgements.judgement_undo,
        name="judgement_undo",
    ),
    path(f"{BASE}hits/", resolution_hits.hits, name="hits"),
]
