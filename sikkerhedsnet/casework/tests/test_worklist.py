from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.casework.models import (
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
)
from sikkerhedsnet.casework.worklist import ASSESSMENT_OVERDUE, PLACEMENT_WITHOUT_PLAN
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.lib.worklist import Rule
from sikkerhedsnet.safetynet.selectors import flags_for_user

# The case's child became known on 01.03.2026: the assessment is due 01.07.2026.
DUE = date(2026, 7, 1)


def _rows(rule: Rule, day: date, case: Case | None = None) -> list[dict[str, Any]]:
    found = rule.find(day)
    if case is not None:
        found = found.filter(case_id=case.pk)
    return [rule.present(row) for row in found]


def _assessment(case: Case, **fields: Any) -> Assessment:
    assert case.caseworker is not None
    return Assessment.objects.create(
        case=case, updated_at=timezone.now(), updated_by=case.caseworker, **fields
    )


def test_an_assessment_on_its_last_day_is_not_overdue(tw: TeamWorld) -> None:
    assert _rows(ASSESSMENT_OVERDUE, DUE) == []


def test_the_day_after_the_deadline_the_caseworker_is_told(tw: TeamWorld) -> None:
    [row] = _rows(ASSESSMENT_OVERDUE, date(2026, 7, 2), tw.case)
    assert row["child_id"] == tw.child.pk
    assert row["user_id"] == tw.owner.pk
    assert row["unit_id"] is None
    assert (row["deadline"], row["since"]) == (DUE, date(2026, 7, 2))
    assert "01.07.2026" in ASSESSMENT_OVERDUE.explain(row)
    assert ASSESSMENT_OVERDUE.link_for(row).url == f"/sager/{tw.case.pk}/undersoegelse/"  # type: ignore[union-attr]


def test_the_deadline_runs_in_danish_time(tw: TeamWorld) -> None:
    late_on_the_last_day = datetime(2026, 7, 1, 23, 30, tzinfo=COPENHAGEN)
    just_after = datetime(2026, 7, 2, 0, 1, tzinfo=COPENHAGEN)
    assert ASSESSMENT_OVERDUE.find(late_on_the_last_day).count() == 0
    assert ASSESSMENT_OVERDUE.find(just_after).filter(case_id=tw.case.pk).count() == 1


def test_an_interim_assessment_or_a_decision_ends_the_gap(tw: TeamWorld) -> None:
    assessment = _assessment(tw.case)
    InterimAssessment.objects.create(
        assessment=assessment,
        text="Foreløbig",
        expected_done_on=date(2026, 8, 1),
        recorded_on=date(2026, 7, 3),
        recorded_by=tw.owner,
    )
    # Evaluated before the interim was written, the gap was there.
    assert len(_rows(ASSESSMENT_OVERDUE, date(2026, 7, 2), tw.case)) == 1
    assert _rows(ASSESSMENT_OVERDUE, date(2026, 7, 3), tw.case) == []
    other = tw.other_case
    _assessment(other, decision=AssessmentDecision.SUPPORT, decided_on=date(2026, 6, 1))
    assert _rows(ASSESSMENT_OVERDUE, date(2026, 7, 2), other) == []


def test_a_closed_case_is_not_flagged(tw: TeamWorld) -> None:
    Case.objects.update(status=CaseStatus.CLOSED)
    assert _rows(ASSESSMENT_OVERDUE, date(2026, 9, 1)) == []


def test_the_policy_months_move_the_deadline(db: None, settings: Any) -> None:
    # The deadline is stored when a case opens, with the months the policy has then.
    settings.SIKKERHEDSNET_POLICY = {"child_assessment_months": 5}
    make_team_world()
    assert _rows(ASSESSMENT_OVERDUE, date(2026, 8, 1)) == []
    assert len(_rows(ASSESSMENT_OVERDUE, date(2026, 8, 2))) == 2


# Placement without the child's plan -----------------------------------------------------------


def _placement(tw: TeamWorld, decision: AssessmentDecision, decided_on: date) -> Assessment:
    Case.objects.filter(pk=tw.case.pk).update(
        became_aware_on=date(2025, 12, 1), assessment_due_on=date(2026, 4, 1)
    )
    return _assessment(tw.case, decision=decision, decided_on=decided_on)


def test_a_placement_with_consent_has_three_months_for_the_plan(tw: TeamWorld) -> None:
    _placement(tw, AssessmentDecision.PLACEMENT_WITH_CONSENT, date(2026, 1, 31))
    assert _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 4, 30)) == []
    [row] = _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 1))
    assert (row["plan_due"], row["since"], row["user_id"]) == (
        date(2026, 4, 30),
        date(2026, 5, 1),
        tw.owner.pk,
    )
    assert "anbringelse med samtykke" in PLACEMENT_WITHOUT_PLAN.explain(row)
    ChildPlan.objects.create(case=tw.case, adopted_on=date(2026, 5, 2), created_by=tw.owner)
    assert len(_rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 1))) == 1
    assert _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 2)) == []


def test_a_placement_without_consent_needs_the_plan_by_the_decision(tw: TeamWorld) -> None:
    _placement(tw, AssessmentDecision.PLACEMENT_WITHOUT_CONSENT, date(2026, 5, 4))
    assert _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 3)) == []
    [row] = _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 4))
    assert (row["plan_due"], row["since"]) == (date(2026, 5, 4), date(2026, 5, 4))
    ChildPlan.objects.create(case=tw.case, adopted_on=date(2026, 5, 4), created_by=tw.owner)
    assert _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 5, 4)) == []


@pytest.mark.parametrize("decision", [AssessmentDecision.NO_MEASURE, AssessmentDecision.SUPPORT])
def test_other_decisions_need_no_plan(tw: TeamWorld, decision: AssessmentDecision) -> None:
    _placement(tw, decision, date(2026, 1, 31))
    assert _rows(PLACEMENT_WITHOUT_PLAN, date(2026, 12, 1)) == []


def test_the_worklist_shows_the_caseworker_her_gap_with_a_link(tw: TeamWorld) -> None:
    with time_machine.travel(datetime(2026, 7, 2, 9, 0, tzinfo=COPENHAGEN), tick=False):
        mine = flags_for_user(user=tw.owner, at=timezone.now())
        colleague = flags_for_user(user=tw.colleague, at=timezone.now())
    [flag] = [f for f in mine if f.rule is ASSESSMENT_OVERDUE]
    assert flag.since == date(2026, 7, 2)
    assert flag.link is not None
    assert "undersoegelse" in flag.link.url
    assert not [f for f in colleague if f.rule is ASSESSMENT_OVERDUE]
