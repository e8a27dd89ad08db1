"""Reads for dialogue meetings and unit plans: a child's records in the viewer's units."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet

from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanReview, UnitPlan
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
    return DialogueMeeting.objects.filter(child=child, unit__in=units).select_related(
        "unit", "recorded_by"
    )


def unit_plans_of(*, child: Child, units: Sequence[Unit]) -> QuerySet[UnitPlan]:
    return (
        UnitPlan.objects.filter(child=child, unit__in=units)
        .select_related("unit")
        .annotate(open_actions=Count("actions", filter=Q(actions__done_on__isnull=True)))
    )


def plan_reviews(plan: UnitPlan) -> QuerySet[PlanReview]:
    return plan.reviews.select_related("reviewed_by")
