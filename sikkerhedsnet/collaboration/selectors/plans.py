"""Reads for dialogue meetings and unit plans: a child's records in the viewer's units."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from sikkerhedsnet.collaboration.models import (
    DialogueMeeting,
    DialogueStatus,
    PlanAgreement,
    PlanReview,
    UnitPlan,
)
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Child, Unit
from sikkerhedsnet.screening.models import CONCERN_POSITIONS, Instrument, Screening


def concern_position(
    *, child: Child, units: Sequence[Unit], raw_id: str | None
) -> Screening | None:
    """The yellow or red joint position a meeting or a plan follows up, if `raw_id` names one
    of the child's in the viewer's units; anything else is ignored (the record is still made)."""
    if not raw_id or not raw_id.isdigit():
        return None
    return (
        Screening.objects.filter(
            pk=int(raw_id),
            child=child,
            unit__in=units,
            instrument=Instrument.TRAFFIC_LIGHT,
            position__in=CONCERN_POSITIONS,
        )
        .select_related("unit")
        .first()
    )


def latest_concern(*, child: Child, units: Sequence[Unit]) -> Screening | None:
    """The child's newest joint position in the viewer's units, if it is yellow or red."""
    newest = (
        Screening.objects.filter(child=child, unit__in=units, instrument=Instrument.TRAFFIC_LIGHT)
        .order_by("-round_deadline", "-screened_on")
        .first()
    )
    return newest if newest is not None and newest.position in CONCERN_POSITIONS else None


def dialogue_meetings_of(*, child: Child, units: Sequence[Unit]) -> QuerySet[DialogueMeeting]:
    """Held and cancelled meetings, newest first (by the day held, else the day planned)."""
    return (
        DialogueMeeting.objects.filter(child=child, unit__in=units)
        .exclude(status=DialogueStatus.PLANNED)
        .select_related("unit", "recorded_by")
        .annotate(
            on=Coalesce(
                "held_on", TruncDate("starts_at", tzinfo=COPENHAGEN), output_field=DateField()
            )
        )
        .order_by("-on", "-id")
    )


def planned_dialogue_meetings(*, child: Child, units: Sequence[Unit]) -> QuerySet[DialogueMeeting]:
    """Meetings booked ahead and not yet recorded or cancelled, the first first."""
    return (
        DialogueMeeting.objects.filter(child=child, unit__in=units, status=DialogueStatus.PLANNED)
        .select_related("unit")
        .order_by("starts_at", "id")
    )


def unit_plans_of(*, child: Child, units: Sequence[Unit]) -> QuerySet[UnitPlan]:
    return (
        UnitPlan.objects.filter(child=child, unit__in=units)
        .select_related("unit")
        .annotate(open_actions=Count("actions", filter=Q(actions__done_on__isnull=True)))
    )


def plan_reviews(plan: UnitPlan) -> QuerySet[PlanReview]:
    return plan.reviews.select_related("reviewed_by")


def plan_agreements(plan: UnitPlan) -> QuerySet[PlanAgreement]:
    """The parents' answers, newest first; each names the edition of the plan it answered."""
    return plan.agreements.select_related("guardian", "recorded_by")
