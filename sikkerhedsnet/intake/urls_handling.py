from django.urls import URLPattern, path

from sikkerhedsnet.intake import views_handling as views

urlpatterns: list[URLPattern] = [
    path("visitation/", views.queue, name="queue"),
    path("visitation/<int:notification_id>/", views.notification_detail, name="notification"),
    path("visitation/<int:notification_id>/vurdering/", views.assess, name="assess"),
    path("visitation/<int:notification_id>/afgoerelse/", views.decide, name="decide"),
    path("visitation/<int:notification_id>/tilfoejelse/", views.add_addendum, name="addendum"),
    path("visitation/<int:notification_id>/barn/", views.match_child, name="match_child"),
    path(
        "visitation/<int:notification_id>/samlet-vurdering/",
        views.review_pattern,
        name="pattern_review",
    ),
    path("visitation/<int:notification_id>/kvittering.pdf", views.receipt_pdf, name="receipt_pdf"),
    path(
        "visitation/<int:notification_id>/kvittering/sendt/",
        views.mark_receipt_sent,
        name="receipt_sent",
    ),
    path("visitation/<int:notification_id>/besked/", views.give_feedback, name="feedback"),
    path("visitation/<int:notification_id>/besked.pdf", views.feedback_pdf, name="feedback_pdf"),
]
