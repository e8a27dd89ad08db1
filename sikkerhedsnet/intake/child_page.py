"""The notification part of the child's page: "Underret kommunen" and her own notifications.

Shown to the roles that notify from the child's page (NOTIFIER_ROLES). She sees only the
notifications she sent herself, never other people's, nor intake's assessment.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.intake.access import may_notify_from_child_page
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import ChildSection

OWN_SHOWN = 5


def render_notification_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    if not may_notify_from_child_page(request.user):
        return None
    own = Notification.objects.filter(notifier_user=request.user, child=access.child).order_by(
        "-received_at"
    )[:OWN_SHOWN]
    context = {"child": access.child, "own": list(own)}
    return render_to_string("intake/notify/_child_section.html", context, request=request)


NOTIFICATION_SECTION = ChildSection(name="notification", render=render_notification_section)
