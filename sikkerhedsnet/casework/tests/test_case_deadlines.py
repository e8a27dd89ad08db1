from __future__ import annotations

from datetime import date

from django.utils import timezone

from sikkerhedsnet.cases.hooks import next_due
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.models import (
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
)


def _due(case: Case) -> tuple[date, str] | None:
    due = next_due([Case.objects.get(pk=case.pk)]).get(case.pk)
    return (due.on, str(due.label)) if due else None


def test_an_open_assessment_is_due_four_months_after_awareness(tw: TeamWorld) -> None:
    assert _due(tw.case) == (date(2026, 7, 1), "Børnefaglig undersøgelse")


def test_an_interim_assessment_moves_what_is_due_to_its_expected_end(tw: TeamWorld) -> None:
    assessment = Assessment.objects.create(
        case=tw.case, updated_at=timezone.now(), updated_by=tw.owner
    )
    InterimAssessment.objects.create(
        assessment=assessment,
        text="x",
        expected_done_on=date(2026, 8, 15),
        recorded_on=date(2026, 7, 2),
        recorded_by=tw.owner,
    )
    assert _due(tw.case) == (date(2026, 8, 15), "Undersøgelse (foreløbig vurdering)")


def test_after_a_placement_the_child_plan_is_due_until_it_exists(tw: TeamWorld) -> None:
    Assessment.objects.create(
        case=tw.case,
        updated_at=timezone.now(),
        updated_by=tw.owner,
        decision=AssessmentDecision.PLACEMENT_WITH_CONSENT,
        decided_on=date(2026, 5, 4),
    )
    assert _due(tw.case) == (date(2026, 8, 4), "Barnets plan")
    ChildPlan.objects.create(case=tw.case, adopted_on=date(2026, 5, 20), created_by=tw.owner)
    assert _due(tw.case) is None
