from __future__ import annotations

from datetime import date, timedelta

import pytest

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.casework.deadlines import child_plan_due_on, plan_overdue_if_decided_on_or_before
from sikkerhedsnet.casework.models import AssessmentDecision as D
from sikkerhedsnet.lib.dates import last_start_overdue_on


def test_a_plan_after_placement_with_consent_is_due_three_months_later() -> None:
    assert child_plan_due_on(D.PLACEMENT_WITH_CONSENT, date(2026, 1, 15)) == date(2026, 4, 15)
    assert child_plan_due_on(D.PLACEMENT_WITH_CONSENT, date(2026, 11, 30)) == date(2027, 2, 28)


def test_a_plan_for_placement_without_consent_is_due_by_the_decision() -> None:
    assert child_plan_due_on(D.PLACEMENT_WITHOUT_CONSENT, date(2026, 5, 4)) == date(2026, 5, 4)


@pytest.mark.parametrize("decision", [D.NO_MEASURE, D.EARLY_HELP, D.SUPPORT])
def test_other_decisions_need_no_plan_by_a_date(decision: D) -> None:
    assert child_plan_due_on(decision, date(2026, 5, 4)) is None


def test_the_policy_months_move_the_plan_deadline(settings: object) -> None:
    settings.SIKKERHEDSNET_POLICY = {"child_plan_after_placement_months": 1}  # type: ignore[attr-defined]
    assert child_plan_due_on(D.PLACEMENT_WITH_CONSENT, date(2026, 1, 15)) == date(2026, 2, 15)


@pytest.mark.parametrize(
    "day",
    [date(2026, 7, 1), date(2026, 6, 30), date(2026, 7, 31), date(2027, 3, 1), date(2028, 2, 29)],
)
def test_the_overdue_boundary_is_exact_at_month_ends(day: date) -> None:
    # The boundary start is overdue on `day`; the next start date is not.
    boundary = last_start_overdue_on(day, Case.assessment_due)
    assert Case.assessment_due(boundary) < day
    assert Case.assessment_due(boundary + timedelta(days=1)) >= day
    plan_boundary = plan_overdue_if_decided_on_or_before(day)
    due = child_plan_due_on(D.PLACEMENT_WITH_CONSENT, plan_boundary)
    due_next = child_plan_due_on(D.PLACEMENT_WITH_CONSENT, plan_boundary + timedelta(days=1))
    assert due is not None
    assert due < day
    assert due_next is not None
    assert due_next >= day
