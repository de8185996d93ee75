from django.urls import path

from palermo.conference.views import follow_up, pages

app_name = "conference"
urlpatterns = [
    path("", pages.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting"),
    path("decisions/<int:pk>/", pages.decision_detail, name="decision"),
    path("paragraphs/<int:pk>/follow-up/", follow_up.record, name="follow_up"),
]
