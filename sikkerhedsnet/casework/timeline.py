"""Casework on the child's timeline: the assessment's conclusion and interim assessments, the
Signs of Safety meetings with each participant's score, and the child's plan.

The same people see these as may open the case (`visible_cases`): the case's team and the
rådgiver who has it. A fagperson or leder of a daycare or school never sees them.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.cases.timeline import child_cases, short
from sikkerhedsnet.casework.models import (
    Assessment,
    ChildPlan,
    InterimAssessment,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, User


def assessment_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    concluded = Assessment.objects.filter(
        case__in=child_cases(viewer, child).values("pk"), decided_on__isnull=False
    ).order_by("-decided_on", "-id")[:limit]
    return [
        TimelineEntry(
            when=assessment.decided_on,
            kind=_("Børnefaglig undersøgelse"),
            title=_("Undersøgelsen er afsluttet: %(decision)s")
            % {"decision": assessment.get_decision_display()},
            summary=short(assessment.conclusion),
            url=reverse("casework:assessment", args=[assessment.case_id]),
        )
        for assessment in concluded
        if assessment.decided_on is not None
    ]


def interim_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    interims = (
        InterimAssessment.objects.filter(
            assessment__case__in=child_cases(viewer, child).values("pk")
        )
        .select_related("assessment")
        .order_by("-recorded_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=interim.recorded_on,
            kind=_("Børnefaglig undersøgelse"),
            title=_("Foreløbig vurdering, forventes færdig %(day)s")
            % {"day": f"{interim.expected_done_on:%d.%m.%Y}"},
            summary=short(interim.text),
            url=reverse("casework:assessment", args=[interim.assessment.case_id]),
        )
        for interim in interims
    ]


def safety_meeting_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    scores = Prefetch("scores", queryset=SafetyScore.objects.order_by("pk"))
    meetings = (
        SafetyMeeting.objects.filter(case__in=child_cases(viewer, child).values("pk"))
        .prefetch_related(scores)
        .order_by("-held_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=meeting.held_on,
            kind=_("Signs of Safety"),
            title=_("Signs of Safety-møde"),
            summary=_scores_summary(list(meeting.scores.all())),
            url=reverse("casework:safety_meeting", args=[meeting.case_id, meeting.pk]),
        )
        for meeting in meetings
    ]


def _scores_summary(scores: list[SafetyScore]) -> str:
    if not scores:
        return _("Ingen scoringer på sikkerhedsskalaen")
    each = ", ".join(f"{score.participant_name} {score.score}" for score in scores)
    return _("Sikkerhedsskala: %(scores)s") % {"scores": each}


def child_plan_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    plans = (
        ChildPlan.objects.filter(case__in=child_cases(viewer, child).values("pk"))
        .annotate(goal_count=Count("goals"))
        .order_by("-adopted_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=plan.adopted_on,
            kind=_("Barnets plan"),
            title=_("Barnets plan er lavet"),
            summary=ngettext("%(count)d mål", "%(count)d mål", plan.goal_count)
            % {"count": plan.goal_count},
            url=reverse("casework:child_plan", args=[plan.case_id]),
        )
        for plan in plans
    ]
