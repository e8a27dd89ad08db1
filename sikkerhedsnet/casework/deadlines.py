"""The date rules of casework, each once. The assessment's own deadline is the case's
(`Case.assessment_due_on`, months from policy); the child's plan's is here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sikkerhedsnet.cases.models import assessment_due_on
from sikkerhedsnet.casework.models import AssessmentDecision
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.policy import get_policy

ONE_DAY = timedelta(days=1)


def child_plan_due_on(decision: str, decided_on: date) -> date | None:
    """The last day for the child's plan after a placement decision; None for other decisions.

    A placement without consent needs the plan before the decision, so its plan is due the
    day the decision is made; a placement with consent within the policy's months after it.
    """
    if decision == AssessmentDecision.PLACEMENT_WITHOUT_CONSENT:
        return decided_on
    if decision == AssessmentDecision.PLACEMENT_WITH_CONSENT:
        return add_months(decided_on, get_policy().child_plan_after_placement_months)
    return None


def child_plan_with_consent_due_on(decided_on: date) -> date:
    due = child_plan_due_on(AssessmentDecision.PLACEMENT_WITH_CONSENT, decided_on)
    assert due is not None  # noqa: S101 - a placement with consent always has a due day
    return due


def last_start_overdue_on(day: date, due_on: Callable[[date], date]) -> date:
    """The latest start date whose deadline (`due_on(start)`) lies before `day`.

    Lets a rule compare a stored start date in the database instead of computing month
    arithmetic in SQL: the deadline has passed exactly when start <= this date. `due_on` only
    ever moves forward with its start, so stepping from a first guess a few days either way
    finds the boundary, whatever the month lengths.
    """
    guess = day - (due_on(day) - day)
    while due_on(guess) >= day:
        guess -= ONE_DAY
    while due_on(guess + ONE_DAY) < day:
        guess += ONE_DAY
    return guess


def assessment_overdue_if_aware_on_or_before(day: date) -> date:
    return last_start_overdue_on(day, assessment_due_on)


def plan_overdue_if_decided_on_or_before(day: date) -> date:
    return last_start_overdue_on(day, child_plan_with_consent_due_on)
