from django.urls import URLPattern, URLResolver, path

from sikkerhedsnet.collaboration import views_plans as views

PLAN = "boern/<int:child_id>/handleplaner/<int:plan_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("boern/<int:child_id>/dialogmoeder/ny/", views.dialogue_new, name="dialogue_new"),
    path(
        "boern/<int:child_id>/dialogmoeder/<int:meeting_id>/",
        views.dialogue_detail,
        name="dialogue_detail",
    ),
    path("boern/<int:child_id>/handleplaner/ny/", views.plan_new, name="plan_new"),
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(f"{PLAN}rediger/", views.plan_edit, name="plan_edit"),
    path(f"{PLAN}handlinger/", views.action_add, name="plan_action_add"),
    path(
        f"{PLAN}handlinger/<int:action_id>/udfoert/",
        views.action_complete,
        name="plan_action_complete",
    ),
    path(f"{PLAN}evaluering/", views.review, name="plan_review"),
]
