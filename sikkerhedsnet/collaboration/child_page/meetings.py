"""The meetings part of the child's page: the child's named agenda items the viewer may see,
and "Sæt på tværfagligt møde" for those who put children forward.

Anonymous consultations are never linked to the child, so they never show here.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.collaboration import access as _access  # noqa: F401  (registers the scope)
from sikkerhedsnet.collaboration.access import PUT_FORWARD_ROLES
from sikkerhedsnet.collaboration.selectors.meetings import child_agenda_items
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import ChildSection


def render_meeting_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    user = request.user
    may_put_forward = user.role in PUT_FORWARD_ROLES
    items = child_agenda_items(access.child, user)
    if not items and not may_put_forward:
        return None
    context = {"child": access.child, "items": items, "may_put_forward": may_put_forward}
    return render_to_string("collaboration/meetings/_child_section.html", context, request=request)


MEETINGS_SECTION = ChildSection(name="collaboration_meetings", render=render_meeting_section)
