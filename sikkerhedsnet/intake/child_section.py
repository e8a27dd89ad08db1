"""The notification part of the child's page: "Underret kommunen" and her own notifications.

Shown to the roles that notify from the child's page (NOTIFIER_ROLES). She sees only the
notifications she sent herself, never other people's, nor intake's assessment.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.intake.views_receiving import may_notify_from_child_page
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.sections import ChildSection, register_child_section

OWN_SHOWN = 5


def render_notification_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    if not may_notify_from_child_page(request.user):
        return None
    own = Notification.objects.filter(notifier_user=request.user, child=access.child).order_by(
        "-received_at"
    )[:OWN_SHOWN]
    context = {"child": access.child, "own": list(own)}
    return render_to_string("intake/_child_section.html", context, request=request)


NOTIFICATION_SECTION = register_child_section(
    ChildSection(name="notification", order=40, render=render_notification_section)
)
