"""Plans, actions and dialogue meetings for the plan tests, written straight to the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.people.models import Child, Unit, User


def make_plan(
    *, child: Child, unit: Unit, by: User, created_on: date, review_due: date, **extra: Any
) -> UnitPlan:
    return UnitPlan.objects.create(
        child=child,
        unit=unit,
        created_by=by,
        created_on=created_on,
        review_due=review_due,
        goals=extra.pop("goals", "Emil leger med de andre børn."),
        **extra,
    )


def make_action(*, plan: UnitPlan, due_on: date, **extra: Any) -> PlanAction:
    return PlanAction.objects.create(
        plan=plan,
        description=extra.pop("description", "Samtale med mor"),
        owner=extra.pop("owner", "Pædagog Bob"),
        due_on=due_on,
        **extra,
    )


def make_meeting(*, child: Child, unit: Unit, by: User, held_on: date) -> DialogueMeeting:
    return DialogueMeeting.objects.create(
        child=child,
        unit=unit,
        held_on=held_on,
        participants="Mor, pædagog Bob",
        staff_view="Trækker sig fra legen.",
        parents_view="Sover dårligt.",
        agreed="Vi taler igen om fire uger.",
        recorded_by=by,
    )
