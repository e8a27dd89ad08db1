from django.urls import path

from sikkerhedsnet.people.views import children, timeline

app_name = "people"
urlpatterns = [
    path("enheder/", children.unit_list, name="unit_list"),
    path("enheder/<int:unit_id>/", children.unit_detail, name="unit_detail"),
    path("boern/<int:child_id>/", children.child_detail, name="child_detail"),
    path("boern/<int:child_id>/tidslinje/", timeline.child_timeline, name="child_timeline"),
]
