from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from palermo.core.language import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("palermo.api.urls", namespace="api")),
]
urlpatterns += i18n_patterns(
    path("", include("palermo.core.urls")),
    path("accounts/", include("palermo.accounts.urls")),
    path("register/", include("palermo.register.urls")),
    path("knowledge/", include("palermo.knowledge.urls")),
    path("review/", include("palermo.review.urls")),
    path("cooperation/", include("palermo.cooperation.urls")),
    path("networks/", include("palermo.networks.urls")),
    path("conference/", include("palermo.conference.urls")),
    prefix_default_language=True,
)
