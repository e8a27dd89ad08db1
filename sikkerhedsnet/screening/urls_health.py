from django.urls import URLPattern, path

from sikkerhedsnet.screening import views_health as views

urlpatterns: list[URLPattern] = [
    path("boern/<int:child_id>/adbb/", views.adbb_new, name="adbb_new"),
    path("boern/<int:child_id>/adbb/<int:screening_id>/", views.adbb_detail, name="adbb_detail"),
    path(
        "boern/<int:child_id>/adbb/<int:screening_id>/opfoelgning/",
        views.adbb_follow_up,
        name="adbb_follow_up",
    ),
    path("boern/<int:child_id>/bekymringsguide/", views.guide_assess, name="guide_assess"),
    path(
        "boern/<int:child_id>/bekymringsguide/<int:assessment_id>/",
        views.guide_assessment_detail,
        name="guide_assessment_detail",
    ),
    path("boern/<int:child_id>/samtykke/", views.consent, name="consent"),
    path("bekymringsguide/", views.guide_read, name="guide"),
    path("bekymringsguide/rediger/", views.guide_edit, name="guide_edit"),
]
