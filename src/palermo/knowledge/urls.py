from django.urls import path

from palermo.knowledge.views import implementation, imports, records, saved, search, terms

app_name = "knowledge"
urlpatterns = [
    path("", search.knowledge_search, name="search"),
    path("search.csv", search.search_export, {"format": "csv"}, name="search_csv"),
    path("search.jsonl", search.search_export, {"format": "jsonl"}, name="search_jsonl"),
    path("saved/", saved.saved_searches, name="saved_searches"),
    path("saved/<int:pk>/delete/", saved.saved_search_delete, name="saved_search_delete"),
    path("feed/", search.SearchFeed(), name="feed"),
    path("records/", records.record_list, name="records"),
    path("import/", imports.import_records_page, name="import"),
    path("records/<int:pk>/", records.record_detail, name="record"),
    path("records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<int:pk>/versions/<int:number>/", records.record_version, name="record_version"),
    path("records/<int:pk>/transition/", records.record_transition, name="record_transition"),
    path("records/<int:pk>/attachments/", records.attachment_add, name="attachment_add"),
    path("records/<int:pk>/attachments/<int:attachment_id>/", records.attachment_download, name="attachment"),
    path("new/<slug:kind>/", records.record_new, name="record_new"),
    path("export.jsonl", records.export, {"format": "jsonl"}, name="export_jsonl"),
    path("export.csv", records.export, {"format": "csv"}, name="export_csv"),
    path(
        "articles/<str:code>/<str:number>/implementation/",
        implementation.implementation_map,
        name="implementation",
    ),
    path("terms/<slug:vocabulary>/<slug:slug>/", terms.term_detail, name="term"),
]
