from django.urls import URLPattern, path

from sikkerhedsnet.screening.views import guide, health, rounds

app_name = "screening"
urlpatterns: list[URLPattern] = [
    # The round page and the overview of a unit's rounds.
    path("enheder/<int:unit_id>/runde/", rounds.round_page, name="round"),
    path("enheder/<int:unit_id>/runde/<int:child_id>/", rounds.round_child, name="round_child"),
    path("enheder/<int:unit_id>/overblik/", rounds.overview, name="overview"),
    path("trivselsrunder/", rounds.statistics_units, name="statistics_units"),
    # ADBB.
    path("boern/<int:child_id>/adbb/", health.adbb_new, name="adbb_new"),
    path("boern/<int:child_id>/adbb/<int:screening_id>/", health.adbb_detail, name="adbb_detail"),
    path(
        "boern/<int:child_id>/adbb/<int:screening_id>/opfoelgning/",
        health.adbb_follow_up,
        name="adbb_follow_up",
    ),
    # The concern guide, and the parents' consent.
    path("boern/<int:child_id>/bekymringsguide/", guide.guide_assess, name="guide_assess"),
    path(
        "boern/<int:child_id>/bekymringsguide/<int:assessment_id>/",
        guide.guide_assessment_detail,
        name="guide_assessment_detail",
    ),
    path("boern/<int:child_id>/samtykke/", health.consent, name="consent"),
    path("bekymringsguide/", guide.guide_read, name="guide"),
    path("bekymringsguide/rediger/", guide.guide_edit, name="guide_edit"),
]
