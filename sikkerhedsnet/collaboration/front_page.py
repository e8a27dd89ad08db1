"""Collaboration's panel on the front page: her next dialogue meetings and cross-disciplinary
meetings.

Dialogue meetings with the parents (Barnets Lov § 11's early preventive work with the family)
are those her units booked for a child enrolled there today, as their page lets her see them
(`collaboration.view_dialoguemeeting`: the staff of the unit that booked it); they name children,
so each unit shown is logged as the unit's lists log it. Cross-disciplinary meetings are those of
the series she may see (`visible_meetings`: a standing member, such as a PPR psychologist, or
staff of the series' unit or district); the panel names no child of their agendas.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.collaboration.access import visible_meetings
from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.lib.front_page import PANEL_ITEMS, FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today, user_unit_ids
from sikkerhedsnet.people.models import Enrolment, current_on


def _dialogue_meetings(request: AuthedRequest) -> list[DialogueMeeting]:
    """Planned meetings from now on, booked by her units for a child enrolled there today."""
    if not request.user.has_perm("people.work_in_unit"):
        return []
    day = today()
    enrolled = Enrolment.objects.filter(
        current_on(day), child_id=OuterRef("child_id"), unit_id=OuterRef("unit_id")
    )
    return list(
        DialogueMeeting.objects.filter(
            status=DialogueStatus.PLANNED,
            starts_at__gte=timezone.now(),
            unit_id__in=user_unit_ids(request.user, day),
        )
        .filter(Exists(enrolled))
        .select_related("child", "unit")
        .order_by("starts_at", "pk")[:PANEL_ITEMS]
    )


def render_meetings(request: AuthedRequest) -> SafeString | None:
    sees_meeting_list = request.user.has_perm("collaboration.view_collaborationmeeting")
    if not sees_meeting_list and not request.user.has_perm("people.work_in_unit"):
        return None
    dialogues = _dialogue_meetings(request)
    meetings = list(
        visible_meetings(request.user)
        .filter(starts_at__gte=timezone.now())
        .select_related("series")
        .order_by("starts_at", "pk")[:PANEL_ITEMS]
    )
    for unit in sorted({meeting.unit for meeting in dialogues}, key=lambda u: u.pk):
        access_log_record_unit(
            user=request.user,
            unit=unit,
            shown=_("Forside"),
            basis=_("Børn i enheden, som du har adgang til"),
        )
    context = {
        "dialogues": dialogues,
        "meetings": meetings,
        "sees_meeting_list": sees_meeting_list,
    }
    return render_to_string("collaboration/front_page/panel.html", context, request=request)


MEETINGS_PANEL = FrontPanel(name="collaboration_meetings", render=render_meetings)
