"""The plan lifecycle with frozen time, compare-and-set, and refusals in Danish."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.collaboration.models import PlanStatus, ReviewOutcome, UnitPlan
from sikkerhedsnet.collaboration.services.plans import (
    PlanConflict,
    PlanRefused,
    default_review_due,
    plan_action_add,
    plan_action_complete,
    plan_review_record,
    unit_plan_create,
    unit_plan_update,
)
from sikkerhedsnet.conftest import World

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=CPH), tick=False)


def _create(world: World, **kwargs: object) -> UnitPlan:
    values: dict[str, object] = {
        "actor": world.colleague,
        "child": world.child,
        "unit": world.unit,
        "goals": "Emil leger med de andre.",
        "review_due": date(2026, 12, 1),
        **kwargs,
    }
    return unit_plan_create(**values)  # type: ignore[arg-type]


def test_the_default_review_date_follows_policy(settings: object) -> None:
    assert default_review_due(date(2026, 11, 2)) == date(2026, 12, 28)  # 8 weeks


def test_a_plan_lives_from_creation_through_actions_to_a_continued_and_a_closing_review(
    world: World,
) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        assert (plan.created_on, plan.status, plan.version) == (date(2026, 11, 2), "active", 1)
        action = plan_action_add(
            actor=world.colleague,
            plan=plan,
            description="Samtale med mor",
            owner="Bob",
            due_on=date(2026, 11, 16),
        )
    with at(date(2026, 11, 10)):
        done = plan_action_complete(actor=world.owner, action=action)
        assert done.done_on == date(2026, 11, 10)
    with at(date(2026, 12, 1)):
        plan.refresh_from_db()
        assert plan.version == 3  # the action added and completed
        plan_review_record(
            actor=world.owner,
            plan=plan,
            expected_version=3,
            note="Bedre, men ikke nok.",
            outcome=ReviewOutcome.CONTINUE,
            next_review_due=date(2027, 1, 26),
        )
        plan.refresh_from_db()
        assert (plan.status, plan.review_due, plan.ended_on) == ("active", date(2027, 1, 26), None)
    with at(date(2027, 1, 20)):
        plan_review_record(
            actor=world.owner,
            plan=plan,
            expected_version=4,
            note="Emil trives nu.",
            outcome=ReviewOutcome.CLOSE,
            next_review_due=None,
        )
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on, plan.version) == ("closed", date(2027, 1, 20), 5)
    assert [r.outcome for r in plan.reviews.all()] == ["close", "continue"]
    assert plan.history.count() == 5
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"unit_plan.created", "plan_action.added", "unit_plan.reviewed"} <= events


def test_escalating_ends_the_plan_as_escalated(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
    with at(date(2026, 11, 20)):
        plan_review_record(
            actor=world.owner,
            plan=plan,
            expected_version=1,
            note="Bekymringen er vokset.",
            outcome=ReviewOutcome.ESCALATE,
            next_review_due=None,
        )
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.ESCALATED, date(2026, 11, 20))


def test_an_ended_plan_takes_no_more_changes(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        plan_review_record(
            actor=world.owner,
            plan=plan,
            expected_version=1,
            note="Slut.",
            outcome=ReviewOutcome.CLOSE,
            next_review_due=None,
        )
        with pytest.raises(PlanRefused, match=r"afsluttet den 02.11.2026"):
            plan_action_add(
                actor=world.owner, plan=plan, description="x", owner="y", due_on=date(2026, 12, 1)
            )
        with pytest.raises(PlanRefused, match="afsluttet"):
            unit_plan_update(
                actor=world.owner,
                plan=plan,
                expected_version=2,
                goals="Nye mål",
                review_due=date(2026, 12, 1),
            )


def test_the_second_of_two_concurrent_edits_is_refused(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        unit_plan_update(
            actor=world.owner,
            plan=plan,
            expected_version=1,
            goals="Alices mål",
            review_due=date(2026, 12, 10),
        )
        with pytest.raises(PlanConflict) as raised:
            unit_plan_update(
                actor=world.colleague,
                plan=plan,
                expected_version=1,
                goals="Bobs mål",
                review_due=date(2026, 12, 12),
            )
    assert raised.value.current.goals == "Alices mål"
    plan.refresh_from_db()
    assert (plan.goals, plan.review_due, plan.version) == ("Alices mål", date(2026, 12, 10), 2)


def test_an_added_action_makes_an_edit_from_an_older_page_conflict(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        plan_action_add(
            actor=world.owner, plan=plan, description="x", owner="y", due_on=date(2026, 11, 20)
        )
        with pytest.raises(PlanConflict):
            plan_review_record(
                actor=world.colleague,
                plan=plan,
                expected_version=1,
                note="n",
                outcome=ReviewOutcome.CLOSE,
                next_review_due=None,
            )


def test_an_action_is_completed_once(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        action = plan_action_add(
            actor=world.owner, plan=plan, description="x", owner="y", due_on=date(2026, 11, 20)
        )
        plan_action_complete(actor=world.owner, action=action)
        with pytest.raises(PlanRefused, match=r"allerede markeret som udført den 02.11.2026"):
            plan_action_complete(actor=world.colleague, action=action)


@pytest.mark.parametrize(
    ("review_due", "message"),
    [
        (date(2026, 11, 1), "skal ligge efter 02.11.2026"),
        (date(2026, 11, 2), "skal ligge efter 02.11.2026"),
        (date(2028, 1, 1), "mere end et år"),
    ],
)
def test_a_review_date_must_come_after_creation_and_within_a_year(
    world: World, review_due: date, message: str
) -> None:
    with at(date(2026, 11, 2)), pytest.raises(PlanRefused, match=message):
        _create(world, review_due=review_due)
    assert not UnitPlan.objects.exists()


def test_goals_cannot_be_empty(world: World) -> None:
    with at(date(2026, 11, 2)), pytest.raises(PlanRefused, match="Skriv planens mål"):
        _create(world, goals="   ")


def test_an_action_due_in_the_past_is_refused(world: World) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
        with pytest.raises(PlanRefused, match="før i dag"):
            plan_action_add(
                actor=world.owner, plan=plan, description="x", owner="y", due_on=date(2026, 11, 1)
            )


@pytest.mark.parametrize(
    ("outcome", "next_due", "message"),
    [
        (ReviewOutcome.CONTINUE, None, "næste evaluering"),
        (ReviewOutcome.CONTINUE, date(2026, 11, 20), "skal ligge efter 20.11.2026"),
        (ReviewOutcome.CLOSE, date(2026, 12, 20), "Fjern datoen"),
    ],
)
def test_a_review_needs_a_next_date_exactly_when_the_plan_continues(
    world: World, outcome: ReviewOutcome, next_due: date | None, message: str
) -> None:
    with at(date(2026, 11, 2)):
        plan = _create(world)
    with at(date(2026, 11, 20)), pytest.raises(PlanRefused, match=message):
        plan_review_record(
            actor=world.owner,
            plan=plan,
            expected_version=1,
            note="n",
            outcome=outcome,
            next_review_due=next_due,
        )
    assert not plan.reviews.exists()
