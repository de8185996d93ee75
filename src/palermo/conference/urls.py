from django.urls import path

from palermo.conference.views import follow_up, pages, secretariat

app_name = "conference"
urlpatterns = [
    path("", pages.meeting_list, name="meetings"),
    path("meetings/new/", secretariat.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/documents/new/", secretariat.document_new, name="document_new"),
    path("meetings/<int:pk>/decisions/new/", secretariat.decision_new, name="decision_new"),
    path("documents/<int:pk>/files/", secretariat.document_file_new, name="document_file_new"),
    path("documents/<int:pk>/<str:language>.pdf", pages.document_file, name="document_file"),
    path("decisions/<int:pk>/", pages.decision_detail, name="decision"),
    path("paragraphs/<int:pk>/follow-up/", follow_up.record, name="follow_up"),
    path("follow-up/", pages.follow_up_page, name="follow_up_overview"),
]
