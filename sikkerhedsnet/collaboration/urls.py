from django.urls import URLPattern, URLResolver, path

from sikkerhedsnet.collaboration.views import dialogue, meetings, parents, plans

app_name = "collaboration"

PLAN = "boern/<int:child_id>/handleplaner/<int:plan_id>/"
DIALOGUE = "boern/<int:child_id>/dialogmoeder/<int:meeting_id>/"
MEETINGS = "tvaerfaglige-moeder/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Dialogue meetings with the parents and unit plans, under the child.
    path("boern/<int:child_id>/dialogmoeder/ny/", dialogue.dialogue_new, name="dialogue_new"),
    path(
        "boern/<int:child_id>/dialogmoeder/planlaeg/",
        dialogue.dialogue_book,
        name="dialogue_book",
    ),
    path(DIALOGUE, dialogue.dialogue_detail, name="dialogue_detail"),
    path(f"{DIALOGUE}flyt/", dialogue.dialogue_move, name="dialogue_move"),
    path(f"{DIALOGUE}aflys/", dialogue.dialogue_cancel, name="dialogue_cancel"),
    path(f"{DIALOGUE}referat/", dialogue.dialogue_record, name="dialogue_record"),
    path(
        f"{DIALOGUE}breve/<int:letter_id>.pdf",
        dialogue.dialogue_letter_pdf,
        name="dialogue_letter_pdf",
    ),
    path("boern/<int:child_id>/handleplaner/ny/", plans.plan_new, name="plan_new"),
    path(PLAN, plans.plan_detail, name="plan_detail"),
    path(f"{PLAN}rediger/", plans.plan_edit, name="plan_edit"),
    path(f"{PLAN}handlinger/", plans.action_add, name="plan_action_add"),
    path(
        f"{PLAN}handlinger/<int:action_id>/udfoert/",
        plans.action_complete,
        name="plan_action_complete",
    ),
    path(f"{PLAN}evaluering/", plans.review, name="plan_review"),
    # The plan for the parents: print, send, and their answer.
    path(f"{PLAN}foraeldre/", parents.plan_for_parents, name="plan_for_parents"),
    path(f"{PLAN}foraeldre.pdf", parents.plan_parents_pdf, name="plan_parents_pdf"),
    path(f"{PLAN}foraeldre/send/", parents.plan_send, name="plan_send"),
    path(f"{PLAN}foraeldre/svar/", plans.plan_answer, name="plan_answer"),
    path(f"{PLAN}breve/<int:letter_id>.pdf", parents.plan_letter_pdf, name="plan_letter_pdf"),
    # Cross-disciplinary meetings: series, the agenda with minutes, print.
    path(MEETINGS, meetings.meeting_list, name="meeting_list"),
    path(f"{MEETINGS}serier/ny/", meetings.series_create, name="series_create"),
    path(f"{MEETINGS}serier/<int:series_id>/", meetings.series_detail, name="series_detail"),
    path(
        f"{MEETINGS}serier/<int:series_id>/deltagere/",
        meetings.series_members,
        name="series_members",
    ),
    path(f"{MEETINGS}<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        f"{MEETINGS}<int:meeting_id>/punkter/<int:item_id>/referat/",
        meetings.agenda_item_minutes,
        name="agenda_item_minutes",
    ),
    path(f"{MEETINGS}<int:meeting_id>/<str:kind>.pdf", meetings.meeting_pdf, name="meeting_pdf"),
    path(f"{MEETINGS}<int:meeting_id>/<str:kind>/", meetings.meeting_print, name="meeting_print"),
    path("boern/<int:child_id>/tvaerfagligt-moede/", meetings.put_forward, name="put_forward"),
]
