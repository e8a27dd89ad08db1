from django.urls import URLPattern, URLResolver, path

from sikkerhedsnet.collaboration import views_meetings as views

PREFIX = "tvaerfaglige-moeder/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(PREFIX, views.meeting_list, name="meeting_list"),
    path(f"{PREFIX}serier/ny/", views.series_create, name="series_create"),
    path(f"{PREFIX}serier/<int:series_id>/", views.series_detail, name="series_detail"),
    path(
        f"{PREFIX}serier/<int:series_id>/deltagere/",
        views.series_members,
        name="series_members",
    ),
    path(f"{PREFIX}<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path(
        f"{PREFIX}<int:meeting_id>/punkter/<int:item_id>/referat/",
        views.agenda_item_minutes,
        name="agenda_item_minutes",
    ),
    path(f"{PREFIX}<int:meeting_id>/<str:kind>.pdf", views.meeting_pdf, name="meeting_pdf"),
    path(f"{PREFIX}<int:meeting_id>/<str:kind>/", views.meeting_print, name="meeting_print"),
    path("boern/<int:child_id>/tvaerfagligt-moede/", views.put_forward, name="put_forward"),
]
