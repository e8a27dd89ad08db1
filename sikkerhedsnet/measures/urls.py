from django.urls import include, path

app_name = "measures"

urlpatterns = [
    path("", include("sikkerhedsnet.measures.urls_catalogue")),
    path("", include("sikkerhedsnet.measures.urls_follow_up")),
]
