from django.urls import path

from palermo.conference.views import (
    assistance,
    follow_up,
    general_review,
    offers,
    pages,
    questionnaires,
    search,
    secretariat,
)

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
    path("search/", search.search_page, name="search"),
    path("general-review/", general_review.general_review_page, name="general_review"),
    path("assistance/", assistance.assistance_page, name="assistance"),
    path("assistance/needs/new/", assistance.need_new, name="need_new"),
    path("assistance/needs/<int:pk>/publication/", assistance.need_publication, name="need_publication"),
    path("assistance/activities/new/", assistance.activity_new, name="activity_new"),
    path("assistance/offers/new/", offers.offer_new, name="offer_new"),
    path("assistance/offers/<int:pk>/", offers.offer_detail, name="offer"),
    path("assistance/offers/<int:pk>/withdraw/", offers.offer_withdraw, name="offer_withdraw"),
    path("assistance/needs/from-reviews/", offers.needs_from_reviews, name="needs_from_reviews"),
    path("general-review.csv", general_review.general_review_csv, name="general_review_csv"),
    path("general-review.docx", general_review.general_review_docx, name="general_review_docx"),
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaires"),
    path("questionnaires/new/", questionnaires.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<int:pk>/send/", questionnaires.questionnaire_send, name="questionnaire_send"),
    path("questionnaires/<int:pk>/close/", questionnaires.questionnaire_close, name="questionnaire_close"),
    path(
        "questionnaires/<int:pk>/results/", questionnaires.questionnaire_results, name="questionnaire_results"
    ),
    path(
        "questionnaires/<int:pk>/report.docx",
        questionnaires.questionnaire_report,
        name="questionnaire_report",
    ),
    path("questionnaires/<int:pk>/replies/<str:code>/", questionnaires.reply_page, name="reply"),
    path(
        "questionnaires/<int:pk>/replies/<str:code>/questions/<int:number>/",
        questionnaires.answer_save,
        name="answer",
    ),
    path(
        "questionnaires/<int:pk>/replies/<str:code>/experts/",
        questionnaires.reply_experts,
        name="reply_experts",
    ),
    path(
        "questionnaires/<int:pk>/replies/<str:code>/submit/", questionnaires.reply_submit, name="reply_submit"
    ),
]
