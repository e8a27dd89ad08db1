from django.urls import path

from sikkerhedsnet.people import views, views_timeline

app_name = "people"
urlpatterns = [
    path("enheder/", views.unit_list, name="unit_list"),
    path("enheder/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("boern/<int:child_id>/", views.child_detail, name="child_detail"),
    path("boern/<int:child_id>/tidslinje/", views_timeline.child_timeline, name="child_timeline"),
]
