"""The people area's own section of the child's page: the timeline, from every area's sources."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import ChildSection
from sikkerhedsnet.people.selectors import FIRST_SHOWN, MAX_SHOWN, child_timeline


def shown_limit(raw: str | None) -> int:
    """The number of entries asked for in the query string, within bounds; bad input: the first."""
    try:
        wanted = int(raw or FIRST_SHOWN)
    except ValueError:
        return FIRST_SHOWN
    return min(max(wanted, FIRST_SHOWN), MAX_SHOWN)


def render_timeline(request: AuthedRequest, access: ChildAccess, *, limit: int) -> SafeString:
    timeline = child_timeline(viewer=request.user, access=access, limit=limit)
    context = {
        "child": access.child,
        "timeline": timeline,
        "more": min(limit + FIRST_SHOWN, MAX_SHOWN),
        "can_show_more": timeline.has_more and limit < MAX_SHOWN,
    }
    return render_to_string("people/timeline_section.html", context, request=request)


def render_timeline_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    return render_timeline(request, access, limit=FIRST_SHOWN)


TIMELINE_SECTION = ChildSection(name="timeline", render=render_timeline_section)
