from django.urls import path

from sikkerhedsnet.measures import views_follow_up as views

MEASURE = "sager/<int:case_id>/foranstaltninger/<int:measure_id>/"

urlpatterns = [
    path(f"{MEASURE}opfoelgning/", views.follow_up, name="follow_up"),
    path(f"{MEASURE}opfoelgning/interval/", views.follow_up_interval, name="follow_up_interval"),
    path(f"{MEASURE}tilsyn/", views.supervision, name="supervision"),
    path("sager/<int:case_id>/koordinator/", views.coordinator, name="coordinator"),
    path("overgang/", views.transition_list, name="transition_list"),
    path("overgang/dagsorden/", views.transition_agenda, name="transition_agenda"),
]
