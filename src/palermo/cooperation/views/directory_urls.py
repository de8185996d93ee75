from django.urls import path

from palermo.cooperation.views import directory

urlpatterns: list = [
    path("", directory.directory, name="directory"),
    path("authorities/", directory.authority_list, name="authorities"),
    path("authorities/new/", directory.authority_new, name="authority_new"),
    path("authorities/import/", directory.authorities_import, name="authorities_import"),
    path("authorities/<int:pk>/", directory.authority_detail, name="authority"),
    path("authorities/<int:pk>/edit/", directory.authority_edit, name="authority_edit"),
    path("authorities/<int:pk>/verify/", directory.authority_verify, name="authority_verify"),
    path("proposals/", directory.proposal_list, name="proposals"),
    path("proposals/<int:pk>/confirm/", directory.proposal_confirm, name="proposal_confirm"),
    path("proposals/<int:pk>/reject/", directory.proposal_reject, name="proposal_reject"),
    path("upkeep/", directory.directory_upkeep, name="directory_upkeep"),
]
