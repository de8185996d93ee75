from django.urls import path

from palermo.cooperation.views import legal_basis

urlpatterns = [
    path("legal-basis/", legal_basis.legal_basis_page, name="legal_basis"),
]
