from django.urls import path

from sikkerhedsnet.people.views import children, staff, timeline

app_name = "people"
urlpatterns = [
    path("enheder/", children.unit_list, name="unit_list"),
    path("enheder/<int:unit_id>/", children.unit_detail, name="unit_detail"),
    path("boern/<int:child_id>/", children.child_detail, name="child_detail"),
    path("boern/<int:child_id>/tidslinje/", timeline.child_timeline, name="child_timeline"),
    path("medarbejdere/", staff.staff_list, name="staff_list"),
    path("medarbejdere/ny/", staff.staff_new, name="staff_new"),
    path("medarbejdere/<int:user_id>/", staff.staff_detail, name="staff_detail"),
    path("medarbejdere/<int:user_id>/rediger/", staff.staff_edit, name="staff_edit"),
    path("medarbejdere/<int:user_id>/deaktiver/", staff.staff_deactivate, name="staff_deactivate"),
    path("medarbejdere/<int:user_id>/genaktiver/", staff.staff_reactivate, name="staff_reactivate"),
    path(
        "medarbejdere/<int:user_id>/nulstil-adgangskode/",
        staff.staff_password_reset,
        name="staff_password_reset",
    ),
    path(
        "medarbejdere/<int:user_id>/tilknytninger/ny/",
        staff.membership_add,
        name="membership_add",
    ),
    path(
        "medarbejdere/<int:user_id>/tilknytninger/<int:membership_id>/afslut/",
        staff.membership_end,
        name="membership_end",
    ),
    path("adgangskode/", staff.password_change, name="password_change"),
]
