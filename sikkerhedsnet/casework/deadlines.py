"""The date rules of casework, each once. The assessment's own deadline is the case's, stored
when it opens (`Case.assessment_due_on`, months from policy); the child's plan's is here."""

from __future__ import annotations

from datetime import date

from sikkerhedsnet.casework.models import AssessmentDecision
from sikkerhedsnet.lib.dates import add_months, last_start_overdue_on
from sikkerhedsnet.policy import get_policy


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


def plan_overdue_if_decided_on_or_before(day: date) -> date:
    """The latest decision day whose plan (with consent) was due before `day`."""
    return last_start_overdue_on(day, child_plan_with_consent_due_on)
