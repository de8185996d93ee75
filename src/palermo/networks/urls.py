"""The networks app's pages: investigations, their sources and entities, entity resolution, the graph,
screening against watch lists (each area lists its own paths)."""

from palermo.networks.views import (
    entities_urls,
    graph_urls,
    investigations_urls,
    resolution_urls,
    screening_urls,
    sources_urls,
)

app_name = "networks"
urlpatterns = [
    *investigations_urls.urlpatterns,
    *sources_urls.urlpatterns,
    *entities_urls.urlpatterns,
    *resolution_urls.urlpatterns,
    *graph_urls.urlpatterns,
    *screening_urls.urlpatterns,
]
