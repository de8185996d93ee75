"""Paths of investigations: the list, a new one, the overview, settings, members and shares."""

from django.urls import path

from palermo.networks.views import investigation_members, investigations

urlpatterns = [
    path("investigations/", investigations.investigation_list, name="investigations"),
    path("investigations/new/", investigations.investigation_new, name="investigation_new"),
    path("investigations/<int:pk>/", investigations.investigation_detail, name="investigation"),
    path("investigations/<int:pk>/settings/", investigations.investigation_edit, name="investigation_edit"),
    path("investigations/<int:pk>/members/", investigation_members.members, name="members"),
    path("investigations/<int:pk>/members/add/", investigation_members.member_add, name="member_add"),
    path(
        "investigations/<int:pk>/members/<int:membership_id>/role/",
        investigation_members.member_role,
        name="member_role",
    ),
    path(
        "investigations/<int:pk>/members/<int:membership_id>/remove/",
        investigation_members.member_remove,
        name="member_remove",
    ),
    path("investigations/<int:pk>/shares/add/", investigation_members.share_add, name="share_add"),
    path(
        "investigations/<int:pk>/shares/<int:share_id>/revoke/",
        investigation_members.share_revoke,
        name="share_revoke",
    ),
]
