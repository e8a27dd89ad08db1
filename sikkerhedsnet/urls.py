from django.contrib.auth import views as auth_views
from django.urls import include, path

from sikkerhedsnet.api import api
from sikkerhedsnet.core import views as core_views
from sikkerhedsnet.people.views.language import set_language

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("tilgaengelighed/", core_views.accessibility_statement, name="accessibility"),
    path("persondata/", core_views.privacy, name="privacy"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("", include("sikkerhedsnet.people.urls")),
    path("", include("sikkerhedsnet.audit.urls")),
    path("", include("sikkerhedsnet.post.urls")),
    path("", include("sikkerhedsnet.imports.urls")),
    path("", include("sikkerhedsnet.safetynet.urls")),
    path("", include("sikkerhedsnet.screening.urls")),
    path("", include("sikkerhedsnet.intake.urls")),
    path("", include("sikkerhedsnet.collaboration.urls")),
    path("", include("sikkerhedsnet.measures.urls")),
    path("", include("sikkerhedsnet.cases.urls")),
    path("", include("sikkerhedsnet.casework.urls")),
]
