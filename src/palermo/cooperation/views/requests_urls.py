"""The paths of requests: the list, a new request, the writer's steps, a request's page and its actions,
the letter, attachments, and the secretariat's statistics."""

from django.urls import path

from palermo.cooperation.views import (
    requests,
    requests_actions,
    requests_incoming,
    requests_statistics,
    requests_writer,
)

urlpatterns = [
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/", requests.new_request, name="request_new"),
    path("requests/record/", requests_incoming.record_request, name="request_record"),
    path("requests/statistics/", requests_statistics.request_statistics, name="request_statistics"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/write/<str:step>/", requests_writer.request_step, name="request_step"),
    path("requests/<int:pk>/ready/", requests_actions.mark_ready, name="request_ready"),
    path("requests/<int:pk>/move/<str:to_state>/", requests_actions.move, name="request_move"),
    path("requests/<int:pk>/messages/", requests_actions.post_message, name="request_message"),
    path("requests/<int:pk>/annexes/", requests_actions.attach_annex, name="request_annex"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        requests_actions.attachment,
        name="request_attachment",
    ),
    path(
        "requests/<int:pk>/letter/<str:language>.<str:file_format>",
        requests_actions.letter,
        name="request_letter",
    ),
]
