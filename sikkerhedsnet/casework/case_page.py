"""The casework section of the case page: where the assessment, Signs of Safety and the
child's plan stand, with links to their pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.cases.hooks import CaseSection
from sikkerhedsnet.casework.models import NetworkMember, SafetyMeeting
from sikkerhedsnet.casework.selectors import (
    assessment_clock,
    assessment_of,
    child_plan_due,
    child_plan_of,
)
from sikkerhedsnet.lib.http import AuthedRequest


def _render(request: AuthedRequest, access: CaseAccess) -> SafeString:
    case = access.case
    assessment = assessment_of(case)
    plan = child_plan_of(case)
    meetings = SafetyMeeting.objects.filter(case=case)
    context = {
        "case": case,
        "assessment": assessment,
        "clock": assessment_clock(case, assessment),
        "plan": plan,
        "goal_count": plan.goals.count() if plan else 0,
        "plan_due": child_plan_due(assessment),
        "meeting_count": meetings.count(),
        "last_meeting": meetings.order_by("-held_on", "-pk").first(),
        "network_count": NetworkMember.objects.filter(case=case, left_on__isnull=True).count(),
    }
    return SafeString(render_to_string("casework/_case_section.html", context, request=request))


CASEWORK_SECTION = CaseSection(name="casework", render=_render)
