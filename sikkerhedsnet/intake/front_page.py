"""Intake's panel on the front page: the 24-hour clock of each notification not yet assessed,
and the receipts to professional notifiers that are due.

For the intake team only (`can_handle_notifications`). A notification is assessed within 24
hours of its receipt (Barnets Lov § 137); a professional notifier gets a receipt within 6
working days (Barnets Lov). The panel names notifications by their reference, not the child, as the
queue's first column does; each links to the notification's page, where the work is done.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.intake.access import can_handle_notifications
from sikkerhedsnet.intake.models import Notification, Status
from sikkerhedsnet.intake.selectors import assessment_clock
from sikkerhedsnet.lib.front_page import PANEL_ITEMS, FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today


def render_notifications(request: AuthedRequest) -> SafeString | None:
    if not can_handle_notifications(request.user):
        return None
    now = timezone.now()
    waiting = Notification.objects.filter(status=Status.RECEIVED)
    open_ = list(waiting.order_by("assessment_due_at", "pk")[:PANEL_ITEMS])
    receipts_due = Notification.objects.filter(
        receipt_due_on__isnull=False, receipt_sent_at__isnull=True
    )
    receipts = list(receipts_due.order_by("receipt_due_on", "pk")[:PANEL_ITEMS])
    context = {
        "clocks": [(n, assessment_clock(n, now)) for n in open_],
        "waiting_count": waiting.count() if len(open_) == PANEL_ITEMS else len(open_),
        "receipts": receipts,
        "receipts_count": receipts_due.count() if len(receipts) == PANEL_ITEMS else len(receipts),
        "today": today(),
    }
    return render_to_string("intake/front_page/panel.html", context, request=request)


NOTIFICATIONS_PANEL = FrontPanel(name="intake_notifications", render=render_notifications)
