from django.urls import URLPattern, path

from sikkerhedsnet.screening import views_rounds

urlpatterns: list[URLPattern] = [
    path("enheder/<int:unit_id>/runde/", views_rounds.round_page, name="round"),
    path(
        "enheder/<int:unit_id>/runde/<int:child_id>/",
        views_rounds.round_child,
        name="round_child",
    ),
    path("enheder/<int:unit_id>/overblik/", views_rounds.overview, name="overview"),
]
