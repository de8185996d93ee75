"""Paths of this area of the networks app (composed in networks/urls.py): entities and their forms."""

from django.urls import path

from palermo.networks.views import entities, entities_forms

ENTITIES = "investigations/<int:pk>/entities/"

urlpatterns: list = [
    path(ENTITIES, entities.entity_list, name="entities"),
    path(f"{ENTITIES}new/", entities_forms.entity_new, name="entity_new"),
    path(f"{ENTITIES}choices/", entities_forms.entity_field_choices, name="entity_choices"),
    path(f"{ENTITIES}<str:canonical_id>/", entities.entity_page, name="entity"),
    path(f"{ENTITIES}<str:canonical_id>/edit/", entities_forms.entity_edit, name="entity_edit"),
    path(
        f"{ENTITIES}<str:canonical_id>/values/<int:statement>/remove/",
        entities_forms.statement_remove,
        name="statement_remove",
    ),
]
