"""The plan rules at their edges (due today: quiet; due yesterday: flagged), and the plans'
answer to "yellow/red without a unit plan"."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from sikkerhedsnet.collaboration.models import UnitPlan
from sikkerhedsnet.collaboration.tests.factories import PlanActionFactory, UnitPlanFactory
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

CPH = ZoneInfo("Europe/Copenhagen")


def rows(code: str, day: date) -> list[dict[str, object]]:
    rule = worklist_rule(code)
    return [rule.present(row) for row in rule.find(day)]


def _plan(world: World, review_due: date = date(2026, 12, 28), **extra: Any) -> UnitPlan:
    return UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.colleague,
        created_on=date(2026, 11, 2),
        review_due=review_due,
        **extra,
    )


# plan_action_overdue ----------------------------------------------------------------------------


def test_an_action_due_today_is_not_flagged(world: World) -> None:
    PlanActionFactory.create(plan=_plan(world), due_on=date(2026, 11, 20))
    assert rows("plan_action_overdue", date(2026, 11, 20)) == []


def test_an_action_due_yesterday_is_flagged_from_the_day_after(world: World) -> None:
    plan = _plan(world)
    PlanActionFactory.create(
        plan=plan, due_on=date(2026, 11, 20), description="Ring til mor", owner="Bob"
    )
    [row] = rows("plan_action_overdue", date(2026, 11, 21))
    assert (row["child_id"], row["unit_id"], row["plan_id"]) == (
        world.child.pk,
        world.unit.pk,
        plan.pk,
    )
    assert row["since"] == date(2026, 11, 21)
    assert row["user_id"] is None
    text = worklist_rule("plan_action_overdue").explain(row)
    assert "»Ring til mor«" in text
    assert "Bob" in text
    assert "20.11.2026" in text


def test_a_done_action_and_one_in_an_ended_plan_are_not_flagged(world: World) -> None:
    PlanActionFactory.create(
        plan=_plan(world), due_on=date(2026, 11, 20), done_on=date(2026, 11, 22)
    )
    ended = _plan(world, status="closed", ended_on=date(2026, 11, 25))
    PlanActionFactory.create(plan=ended, due_on=date(2026, 11, 20))
    assert rows("plan_action_overdue", date(2026, 12, 1)) == []


def test_each_overdue_action_is_its_own_row(world: World) -> None:
    plan = _plan(world)
    PlanActionFactory.create(plan=plan, due_on=date(2026, 11, 10))
    PlanActionFactory.create(plan=plan, due_on=date(2026, 11, 12))
    found = rows("plan_action_overdue", date(2026, 12, 1))
    assert sorted(row["since"] for row in found) == [date(2026, 11, 11), date(2026, 11, 13)]  # type: ignore[type-var]


# plan_review_overdue ----------------------------------------------------------------------------


def test_a_review_due_today_is_not_flagged(world: World) -> None:
    _plan(world, review_due=date(2026, 12, 28))
    assert rows("plan_review_overdue", date(2026, 12, 28)) == []


def test_a_review_due_yesterday_is_flagged(world: World) -> None:
    plan = _plan(world, review_due=date(2026, 12, 28))
    [row] = rows("plan_review_overdue", date(2026, 12, 29))
    assert (row["plan_id"], row["since"]) == (plan.pk, date(2026, 12, 29))
    assert "28.12.2026" in worklist_rule("plan_review_overdue").explain(row)


def test_an_ended_plan_is_never_due_for_review(world: World) -> None:
    _plan(world, status="escalated", ended_on=date(2026, 12, 1))
    assert rows("plan_review_overdue", date(2027, 6, 1)) == []


# The worklist shows the rows to the unit with a link to the plan ----------------------------


def test_the_worklist_links_to_the_plan_for_unit_staff_only(world: World) -> None:
    plan = _plan(world, review_due=date(2026, 12, 28))
    PlanActionFactory.create(plan=plan, due_on=date(2026, 12, 1))
    with time_machine.travel(datetime(2026, 12, 29, 9, tzinfo=CPH), tick=False):
        page = client_for(world.owner).get("/opgaver/").content.decode()
        other: Client = client_for(world.outsider)
        outsider_page = other.get("/opgaver/").content.decode()
    link = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
    assert page.count(link) == 2
    assert "Åbn handleplanen" in page
    assert link not in outsider_page


# concern_without_plan is satisfied by a plan made on or after the concern -------------------------


def test_a_plan_since_the_concern_satisfies_the_screening_rule(world: World) -> None:
    ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=Position.RED
    )
    ScreeningFactory.create(
        child=world.other_child,
        unit=world.other_unit,
        screened_on=date(2026, 11, 1),
        position=Position.RED,
    )
    UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.owner,
        created_on=date(2026, 11, 1),
        review_due=date(2026, 12, 1),
    )
    # A plan from before the concern answers an earlier concern, not this one.
    UnitPlanFactory.create(
        child=world.other_child,
        unit=world.other_unit,
        created_by=world.outsider,
        created_on=date(2026, 10, 31),
        review_due=date(2026, 12, 1),
    )
    flagged = {
        row["child_id"] for row in worklist_rule("concern_without_plan").find(date(2026, 12, 1))
    }
    assert flagged == {world.other_child.pk}
