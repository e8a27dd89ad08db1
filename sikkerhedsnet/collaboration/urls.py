from django.urls import include, path

app_name = "collaboration"

urlpatterns = [
    path("", include("sikkerhedsnet.collaboration.urls_plans")),
    path("", include("sikkerhedsnet.collaboration.urls_meetings")),
]
