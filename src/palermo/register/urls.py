from django.urls import path

from palermo.register.views import declarations, exports, imports, instruments, parties

app_name = "register"
urlpatterns = [
    path("parties/", parties.party_list, name="parties"),
    path("parties/<str:code>/", parties.party_detail, name="party"),
    path("parties/<str:code>/declarations/new/", declarations.declaration_add, name="declaration_add"),
    path("instruments/", instruments.instrument_list, name="instruments"),
    path("instruments/<str:code>/", instruments.instrument_detail, name="instrument"),
    path("instruments/<str:code>/articles/<str:number>/", instruments.article_detail, name="article"),
    path("status-imports/", imports.import_list, name="imports"),
    path("status-imports/new/", imports.import_new, name="import_new"),
    path("status-imports/<int:pk>/", imports.import_detail, name="import"),
    path("export.json", exports.export_json, name="export_json"),
    path("export.csv", exports.export_csv, name="export_csv"),
]
