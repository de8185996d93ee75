from django.urls import path

from palermo.conference.views import pages

app_name = "conference"
urlpatterns = [
    path("", pages.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting"),
    path("decisions/<int:pk>/", pages.decision_detail, name="decision"),
]
