from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db.models import ManyToManyField

from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.casework.services.plan import child_plan_create, plan_goal_add, plan_goal_update
from sikkerhedsnet.lib.errors import Conflict, Refused

# Midnight UTC on 10.05.2026 (02.00 in Copenhagen), for the whole module.
TODAY = datetime(2026, 5, 10, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("today")


def _plan(tw: TeamWorld) -> ChildPlan:
    return child_plan_create(actor=tw.owner, case=tw.case, adopted_on=date(2026, 5, 1))


def _goal(plan: ChildPlan, tw: TeamWorld, **kwargs: object) -> PlanGoal:
    values: dict[str, object] = {
        "text": "Emma kommer i skole hver dag.",
        "agreed_with_child": True,
        "agreed_with_parents": True,
        "agreed_with_others": "",
        "agreed_on": date(2026, 5, 1),
        **kwargs,
    }
    return plan_goal_add(actor=tw.owner, plan=plan, **values)  # type: ignore[arg-type]


def test_a_case_has_one_plan(tw: TeamWorld) -> None:
    _plan(tw)
    with pytest.raises(Refused, match="allerede"):
        _plan(tw)


def test_a_plan_in_the_future_is_refused(tw: TeamWorld) -> None:
    with pytest.raises(Refused):
        child_plan_create(actor=tw.owner, case=tw.case, adopted_on=date(2026, 5, 11))


def test_a_goal_names_who_agreed_to_it(tw: TeamWorld) -> None:
    plan = _plan(tw)
    goal = _goal(plan, tw)
    assert (goal.agreed_with_child, goal.agreed_with_parents) == (True, True)
    with pytest.raises(Refused, match="hvem"):
        _goal(plan, tw, agreed_with_child=False, agreed_with_parents=False, agreed_with_others=" ")
    assert (
        _goal(
            plan,
            tw,
            agreed_with_child=False,
            agreed_with_parents=False,
            agreed_with_others="plejefamilien",
        ).agreed_with_others
        == "plejefamilien"
    )


def test_editing_a_goal_is_compare_and_set(tw: TeamWorld) -> None:
    goal = _goal(_plan(tw), tw)
    values: dict[str, Any] = {
        "agreed_with_child": True,
        "agreed_with_parents": False,
        "agreed_with_others": "",
        "agreed_on": date(2026, 5, 2),
    }
    plan_goal_update(actor=tw.leader, goal=goal, expected_version=1, text="Leder", **values)
    with pytest.raises(Conflict):
        plan_goal_update(actor=tw.owner, goal=goal, expected_version=1, text="Min", **values)
    assert PlanGoal.objects.get().text == "Leder"


def test_a_goal_knows_the_measures_that_serve_it() -> None:
    # measures.Measure declares goals = ManyToManyField(PlanGoal, related_name="measures").
    from sikkerhedsnet.measures.models import Measure  # noqa: PLC0415 - measures lies above

    field = Measure._meta.get_field("goals")
    assert isinstance(field, ManyToManyField)
    assert field.related_model is PlanGoal
    assert field.remote_field.related_name == "measures"
