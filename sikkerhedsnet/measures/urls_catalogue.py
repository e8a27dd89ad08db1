from django.urls import URLPattern, URLResolver, path

from sikkerhedsnet.measures import views_catalogue as views

CASE = "sager/<int:case_id>/"
MEASURE = f"{CASE}foranstaltninger/<int:measure_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("foranstaltninger/tilbud/", views.offer_list, name="offer_list"),
    path("foranstaltninger/tilbud/nyt/", views.offer_new, name="offer_new"),
    path("foranstaltninger/tilbud/<int:offer_id>/", views.offer_edit, name="offer_edit"),
    path("foranstaltninger/kapacitet/", views.capacity, name="capacity"),
    path(f"{CASE}foranstaltninger/ny/", views.measure_new, name="measure_new"),
    path(f"{CASE}netvaerksafdaekning/ny/", views.network_search_new, name="network_search_new"),
    path(MEASURE, views.measure_detail, name="measure_detail"),
    path(f"{MEASURE}start/", views.measure_start_view, name="measure_start"),
    path(f"{MEASURE}afslut/", views.measure_end_view, name="measure_end"),
    path(f"{MEASURE}flyt/", views.measure_move_view, name="measure_move"),
    path(f"{MEASURE}traek-tilbage/", views.measure_withdraw_view, name="measure_withdraw"),
]
