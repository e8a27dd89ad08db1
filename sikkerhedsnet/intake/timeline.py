"""Notifications on the child's timeline, as intake's own rules let each viewer see them.

The intake team sees every notification on the child (it handles them); a professional who
notifies from the child's page sees the notifications she sent herself, as on the child's page,
never other people's. Everyone else sees none.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.access import can_handle_notifications, may_notify_from_child_page
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, User


def notification_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    notifications = Notification.objects.filter(child=child).order_by("-received_at", "-id")
    if can_handle_notifications(viewer):
        found = notifications[:limit]
        return [_entry(n, reverse("intake:notification", args=[n.pk])) for n in found]
    if may_notify_from_child_page(viewer):
        own = notifications.filter(notifier_user=viewer)[:limit]
        return [_entry(n, reverse("intake:my_notification", args=[n.pk])) for n in own]
    return []


def _entry(notification: Notification, url: str) -> TimelineEntry:
    return TimelineEntry(
        when=notification.received_at,
        kind=_("Underretning"),
        title=_("Underretning %(reference)s") % {"reference": notification.reference},
        summary=f"{notification.get_source_kind_display()}, {notification.get_status_display()}",
        url=url,
    )
