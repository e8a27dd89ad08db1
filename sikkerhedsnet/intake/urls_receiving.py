from django.urls import URLPattern, path

from sikkerhedsnet.intake import views_receiving as views

urlpatterns: list[URLPattern] = [
    path("underretning/", views.public_notify, name="public_notify"),
    path("underretning/kvittering/", views.public_receipt, name="public_receipt"),
    path("boern/<int:child_id>/underret/", views.notify_child, name="notify_child"),
    path("underretninger/mine/", views.my_notifications, name="my_notifications"),
    path(
        "underretninger/mine/<int:notification_id>/",
        views.my_notification,
        name="my_notification",
    ),
    path("visitation/registrer/", views.register, name="register"),
]
