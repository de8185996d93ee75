from django.urls import path

from palermo.review.views import cycles, dashboard, documents, feedback, outcomes, questionnaire, reviews

SAQ = "reviews/<int:pk>/phases/<int:phase>/self_assessment/<str:party>/"

app_name = "review"
urlpatterns = [
    path("", cycles.cycle_list, name="cycles"),
    path("cycles/<int:number>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:number>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("cycles/<int:number>/dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("cycles/<int:number>/assistance-needs.csv", dashboard.needs_csv, name="needs_csv"),
    path("cycles/<int:number>/observations.csv", outcomes.observations_csv, name="observations_csv"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/appoint/", reviews.appoint, name="appoint"),
    path(
        "reviews/<int:pk>/appointment-requests/<int:request_id>/dismiss/",
        reviews.dismiss_request,
        name="dismiss_appointment_request",
    ),
    path(
        "reviews/<int:pk>/phases/<int:phase>/<slug:kind>/<str:party>/",
        documents.document_page,
        name="document",
    ),
    path(f"{SAQ}articles/<str:article>/", questionnaire.save_article, name="saq_article"),
    path(f"{SAQ}articles/<str:article>/needs/", questionnaire.add_need, name="saq_need"),
    path(f"{SAQ}articles/<str:article>/citations/", questionnaire.add_citation, name="saq_citation"),
    path(f"{SAQ}<slug:what>/<int:item_id>/remove/", questionnaire.remove_item, name="saq_remove"),
    path(f"{SAQ}export.<slug:file_format>", questionnaire.export, name="saq_export"),
    path(f"{SAQ}import/", questionnaire.import_filled, name="saq_import"),
    path(f"{SAQ}citations/<int:citation_id>/file/", questionnaire.cited_file, name="saq_cited_file"),
    path(
        "reviews/<int:pk>/phases/<int:phase>/feedback/<str:party>/articles/<str:article>/",
        feedback.save_comments,
        name="feedback_article",
    ),
    path(
        "reviews/<int:pk>/phases/<int:phase>/<slug:kind>/<str:party>/versions/<int:number>/",
        feedback.version,
        name="version",
    ),
    path("reviews/<int:pk>/phases/<int:phase>/dialogue/", feedback.dialogue, name="dialogue"),
    path(
        "reviews/<int:pk>/phases/<int:phase>/observations/<str:party>/add/",
        outcomes.add_observation,
        name="observation_add",
    ),
    path(
        "reviews/<int:pk>/phases/<int:phase>/observations/<str:party>/<int:observation_id>/remove/",
        outcomes.remove_observation,
        name="observation_remove",
    ),
    path(
        "reviews/<int:pk>/phases/<int:phase>/summary/<str:party>/translation/",
        outcomes.summary_translation,
        name="summary_translation",
    ),
    path(
        "reviews/<int:pk>/phases/<int:phase>/summary/<str:party>/publish/",
        outcomes.publish_summary,
        name="summary_publish",
    ),
    path("summaries/", outcomes.summary_list, name="summaries"),
    path("summaries/<int:document_id>/", outcomes.summary_detail, name="summary"),
    path("summaries/<int:document_id>/<str:language>.pdf", outcomes.summary_file, name="summary_file"),
    path("reviews/<int:pk>/participants/<int:participant_id>/end/", reviews.end, name="end_participation"),
    path("cycles/<int:number>/clusters/<int:phase>/", cycles.cluster_edit, name="cluster_edit"),
    path("cycles/<int:number>/draw/", cycles.draw_lots, name="draw_lots"),
    path("cycles/<int:number>/redraw/", cycles.redraw, name="redraw"),
    path("cycles/<int:number>/draws/<int:draw_id>/", cycles.draw_detail, name="draw"),
    path("cycles/<int:number>/draws/<int:draw_id>/publish/", cycles.publish, name="publish"),
    path(
        "cycles/<int:number>/draws/<int:draw_id>/result.json",
        cycles.draw_download,
        {"part": "result"},
        name="draw_result",
    ),
    path(
        "cycles/<int:number>/draws/<int:draw_id>/participation.json",
        cycles.draw_download,
        {"part": "participation"},
        name="draw_participation",
    ),
]
