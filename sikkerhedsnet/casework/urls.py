from django.urls import path

from sikkerhedsnet.casework import views_assessment, views_plan, views_safety

app_name = "casework"

CASE = "sager/<int:case_id>/"

urlpatterns = [
    path(f"{CASE}undersoegelse/", views_assessment.assessment, name="assessment"),
    path(
        f"{CASE}undersoegelse/tekster/",
        views_assessment.assessment_texts,
        name="assessment_texts",
    ),
    path(
        f"{CASE}undersoegelse/foreloebig-vurdering/",
        views_assessment.assessment_interim,
        name="assessment_interim",
    ),
    path(
        f"{CASE}undersoegelse/konklusion/",
        views_assessment.assessment_conclusion,
        name="assessment_conclusion",
    ),
    path(f"{CASE}signs-of-safety/", views_safety.safety, name="safety"),
    path(f"{CASE}signs-of-safety/nyt-moede/", views_safety.meeting_new, name="safety_meeting_new"),
    path(
        f"{CASE}signs-of-safety/moeder/<int:meeting_id>/",
        views_safety.meeting,
        name="safety_meeting",
    ),
    path(
        f"{CASE}signs-of-safety/moeder/<int:meeting_id>/skala/",
        views_safety.score_add,
        name="safety_score_add",
    ),
    path(f"{CASE}signs-of-safety/netvaerk/", views_safety.network_add, name="network_add"),
    path(
        f"{CASE}signs-of-safety/netvaerk/<int:member_id>/stop/",
        views_safety.network_end,
        name="network_end",
    ),
    path(f"{CASE}barnets-plan/", views_plan.child_plan, name="child_plan"),
    path(f"{CASE}barnets-plan/maal/", views_plan.goal_add, name="goal_add"),
    path(f"{CASE}barnets-plan/maal/<int:goal_id>/", views_plan.goal_edit, name="goal_edit"),
]
