from django.urls import include, path
from rest_framework.routers import SimpleRouter

from palermo.api import (
    conference,
    conference_assistance,
    conference_questionnaires,
    cooperation_directory,
    cooperation_legal_basis,
    cooperation_requests,
    knowledge,
    networks_entities,
    networks_graph,
    networks_investigations,
    networks_resolution,
    networks_screening,
    review,
    saved_searches,
    views,
)

app_name = "api"
router = SimpleRouter()
router.register("parties", views.PartyViewSet, basename="party")
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("participation", views.ParticipationViewSet, basename="participation")
router.register("declarations", views.DeclarationViewSet, basename="declaration")
router.register("records", knowledge.RecordViewSet, basename="record")
router.register("terms", knowledge.TermViewSet, basename="term")
router.register("saved-searches", saved_searches.SavedSearchViewSet, basename="saved-search")
router.register("review/cycles", review.CycleViewSet, basename="review-cycle")
router.register("review/draws", review.DrawViewSet, basename="review-draw")
router.register("review/reviews", review.ReviewViewSet, basename="review-review")
router.register("review/documents", review.DocumentViewSet, basename="review-document")
router.register("review/summaries", review.SummaryViewSet, basename="review-summary")
router.register("conference/meetings", conference.MeetingViewSet, basename="conference-meeting")
router.register("conference/decisions", conference.DecisionViewSet, basename="conference-decision")
router.register("conference/assistance/needs", conference_assistance.NeedViewSet, basename="conference-need")
router.register(
    "conference/assistance/offers", conference_assistance.OfferViewSet, basename="conference-offer"
)
router.register(
    "conference/assistance/activities", conference_assistance.ActivityViewSet, basename="conference-activity"
)
router.register(
    "conference/questionnaires",
    conference_questionnaires.QuestionnaireViewSet,
    basename="conference-questionnaire",
)

urlpatterns = [
    path("", views.docs, name="docs"),
    path("docs/", views.interactive_docs, name="interactive"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("v1/", include(router.urls)),
    path("v1/instruments/<str:code>/articles/<str:number>/", views.article_detail, name="article"),
    path("v1/search/", knowledge.search_records, name="search"),
    path("v1/conference/search/", conference.search_record, name="conference-search"),
    path(
        "v1/conference/questionnaires/<int:pk>/replies/<str:code>/",
        conference_questionnaires.reply_detail,
        name="conference-reply",
    ),
    path(
        "v1/conference/questionnaires/<int:pk>/replies/<str:code>/answers/<int:number>/",
        conference_questionnaires.answer_save,
        name="conference-answer",
    ),
    path(
        "v1/conference/questionnaires/<int:pk>/replies/<str:code>/submit/",
        conference_questionnaires.reply_submit,
        name="conference-reply-submit",
    ),
    path("v1/register.json", views.register_export, name="register-json"),
    path("v1/register.csv", views.register_export_csv, name="register-csv"),
    path("v1/cooperation/", include(cooperation_directory.urlpatterns)),
    path("v1/cooperation/", include(cooperation_legal_basis.urlpatterns)),
    path("v1/cooperation/", include(cooperation_requests.urlpatterns)),
    path("v1/networks/", include(networks_investigations.urlpatterns)),
    path("v1/networks/", include(networks_entities.urlpatterns)),
    path("v1/networks/", include(networks_resolution.urlpatterns)),
    path("v1/networks/", include(networks_graph.urlpatterns)),
    path("v1/networks/", include(networks_screening.urlpatterns)),
]
