"""The child's page: dialogue meetings and unit plans of the viewer's units, with links to record
new ones. Shown to the staff of a unit where the child is enrolled, the people who may act."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.collaboration.access import acting_units
from sikkerhedsnet.collaboration.selectors.plans import (
    dialogue_meetings_of,
    latest_concern,
    planned_dialogue_meetings,
    unit_plans_of,
)
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import ChildSection

SHOWN = 5


def render_plans_section(request: AuthedRequest, access: ChildAccess) -> SafeString | None:
    child = access.child
    units = acting_units(request.user, child.pk)
    if not units:
        return None
    meetings = list(dialogue_meetings_of(child=child, units=units)[: SHOWN + 1])
    plans = list(unit_plans_of(child=child, units=units)[: SHOWN + 1])
    context = {
        "child": child,
        "shown": SHOWN,
        "planned": list(planned_dialogue_meetings(child=child, units=units)),
        "meetings": meetings[:SHOWN],
        "more_meetings": len(meetings) > SHOWN,
        "plans": plans[:SHOWN],
        "more_plans": len(plans) > SHOWN,
        "concern": latest_concern(child=child, units=units),
    }
    return render_to_string("collaboration/plans/_child_section.html", context, request=request)


PLANS_SECTION = ChildSection(name="dialogue_and_plans", render=render_plans_section)
