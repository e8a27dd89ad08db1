"""Reads for the casework pages and the case-page section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.casework.deadlines import child_plan_due_on
from sikkerhedsnet.casework.ics import Dimension, Side, dimensions_by_side
from sikkerhedsnet.casework.models import (
    Assessment,
    ChildPlan,
    InterimAssessment,
    NetworkMember,
    SafetyMeeting,
    SafetyScore,
)


def assessment_of(case: Case) -> Assessment | None:
    return Assessment.objects.filter(case=case).select_related("decided_by").first()


@dataclass(frozen=True)
class AssessmentClock:
    due_on: date
    overdue: bool
    has_interim: bool

    @property
    def needs_interim(self) -> bool:
        return self.overdue and not self.has_interim


def assessment_clock(case: Case, assessment: Assessment | None) -> AssessmentClock | None:
    """Where the open assessment stands against its deadline; None once it is decided."""
    if assessment is not None and not assessment.is_open:
        return None
    due = case.assessment_due_on
    has_interim = bool(assessment) and interims_of(assessment).exists()
    return AssessmentClock(due, timezone.localdate() > due, has_interim)


def interims_of(assessment: Assessment | None) -> QuerySet[InterimAssessment]:
    if assessment is None:
        return InterimAssessment.objects.none()
    return assessment.interim_assessments.select_related("recorded_by")


def triangle(assessment: Assessment | None) -> list[tuple[Side, list[tuple[Dimension, str]]]]:
    """The three sides with each dimension's text (empty when not written yet)."""
    texts = assessment.dimensions if assessment else {}
    return [
        (side, [(d, texts.get(d.code, "")) for d in dimensions])
        for side, dimensions in dimensions_by_side()
    ]


# Signs of Safety ----------------------------------------------------------------------------------


def safety_meetings(case: Case) -> list[SafetyMeeting]:
    return list(SafetyMeeting.objects.filter(case=case).prefetch_related("scores"))


@dataclass(frozen=True)
class ScalePoint:
    held_on: date
    participant: str
    role: str
    score: int

    @property
    def who(self) -> str:
        return f"{self.participant} ({self.role})"


def scale_points(case: Case) -> list[ScalePoint]:
    """Every score of every meeting, oldest meeting first: the chart's and the table's data."""
    rows = (
        SafetyScore.objects.filter(meeting__case=case)
        .select_related("meeting")
        .order_by("meeting__held_on", "meeting_id", "pk")
    )
    return [
        ScalePoint(
            row.meeting.held_on, row.participant_name, row.get_participant_role_display(), row.score
        )
        for row in rows
    ]


def scale_table(points: list[ScalePoint]) -> tuple[list[date], list[tuple[str, list[int | None]]]]:
    """The same numbers as a table: a column per meeting day, a row per participant."""
    days = sorted({point.held_on for point in points})
    people: dict[str, dict[date, int]] = {}
    for point in points:
        people.setdefault(point.who, {})[point.held_on] = point.score
    return days, [(who, [scores.get(day) for day in days]) for who, scores in people.items()]


def safety_network(case: Case) -> list[NetworkMember]:
    return list(NetworkMember.objects.filter(case=case))


# The child's plan ---------------------------------------------------------------------------------


def child_plan_of(case: Case) -> ChildPlan | None:
    return ChildPlan.objects.filter(case=case).prefetch_related("goals").first()


def child_plan_due(assessment: Assessment | None) -> date | None:
    """When the child's plan must exist, after the assessment's placement decision."""
    if assessment is None or assessment.decided_on is None:
        return None
    return child_plan_due_on(assessment.decision, assessment.decided_on)
