from django.urls import URLPattern, path

from sikkerhedsnet.intake.views import handling, letters, receiving

app_name = "intake"
urlpatterns: list[URLPattern] = [
    # Receiving: the public form, the professional's form and list, intake's registration.
    path("underretning/", receiving.public_notify, name="public_notify"),
    path("underretning/kvittering/", receiving.public_receipt, name="public_receipt"),
    path("boern/<int:child_id>/underret/", receiving.notify_child, name="notify_child"),
    path("underretninger/mine/", receiving.my_notifications, name="my_notifications"),
    path(
        "underretninger/mine/<int:notification_id>/",
        receiving.my_notification,
        name="my_notification",
    ),
    path("visitation/registrer/", receiving.register, name="register"),
    # Handling: the queue and the notification's page.
    path("visitation/", handling.queue, name="queue"),
    path("visitation/<int:notification_id>/", handling.notification_detail, name="notification"),
    path("visitation/<int:notification_id>/vurdering/", handling.assess, name="assess"),
    path("visitation/<int:notification_id>/afgoerelse/", handling.decide, name="decide"),
    path("visitation/<int:notification_id>/tilfoejelse/", handling.add_addendum, name="addendum"),
    path("visitation/<int:notification_id>/barn/", handling.match_child, name="match_child"),
    path(
        "visitation/<int:notification_id>/samlet-vurdering/",
        handling.review_pattern,
        name="pattern_review",
    ),
    path(
        "visitation/<int:notification_id>/kvittering.pdf",
        letters.receipt_pdf,
        name="receipt_pdf",
    ),
    path(
        "visitation/<int:notification_id>/kvittering/send/",
        handling.send_receipt,
        name="receipt_send",
    ),
    path("visitation/<int:notification_id>/besked/", handling.give_feedback, name="feedback"),
    path("visitation/<int:notification_id>/besked.pdf", letters.feedback_pdf, name="feedback_pdf"),
]
