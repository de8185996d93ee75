"""The cooperation app's pages: the directory, the legal basis, requests (each area lists its own paths)."""

from palermo.cooperation.views import directory_urls, legal_basis_urls, requests_urls

app_name = "cooperation"
urlpatterns = [*directory_urls.urlpatterns, *legal_basis_urls.urlpatterns, *requests_urls.urlpatterns]
