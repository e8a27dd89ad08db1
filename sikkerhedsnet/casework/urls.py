from django.urls import path

from sikkerhedsnet.casework.views import assessment, plan, safety

app_name = "casework"

CASE = "sager/<int:case_id>/"

urlpatterns = [
    path(f"{CASE}undersoegelse/", assessment.assessment, name="assessment"),
    path(
        f"{CASE}undersoegelse/tekster/",
        assessment.assessment_texts,
        name="assessment_texts",
    ),
    path(
        f"{CASE}undersoegelse/foreloebig-vurdering/",
        assessment.assessment_interim,
        name="assessment_interim",
    ),
    path(
        f"{CASE}undersoegelse/konklusion/",
        assessment.assessment_conclusion,
        name="assessment_conclusion",
    ),
    path(f"{CASE}signs-of-safety/", safety.safety, name="safety"),
    path(f"{CASE}signs-of-safety/nyt-moede/", safety.meeting_new, name="safety_meeting_new"),
    path(
        f"{CASE}signs-of-safety/moeder/<int:meeting_id>/",
        safety.meeting,
        name="safety_meeting",
    ),
    path(
        f"{CASE}signs-of-safety/moeder/<int:meeting_id>/skala/",
        safety.score_add,
        name="safety_score_add",
    ),
    path(f"{CASE}signs-of-safety/netvaerk/", safety.network_add, name="network_add"),
    path(
        f"{CASE}signs-of-safety/netvaerk/<int:member_id>/stop/",
        safety.network_end,
        name="network_end",
    ),
    path(f"{CASE}barnets-plan/", plan.child_plan, name="child_plan"),
    path(f"{CASE}barnets-plan/maal/", plan.goal_add, name="goal_add"),
    path(f"{CASE}barnets-plan/maal/<int:goal_id>/", plan.goal_edit, name="goal_edit"),
]
