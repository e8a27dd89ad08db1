"""The generated casework: an assessment per case, mostly in time, decisions in realistic shares,
Signs of Safety scores that move, safety networks, child's plans; rows the models accept."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Count, Model

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.casework.deadlines import child_plan_due_on
from sikkerhedsnet.casework.ics import DIMENSION_CODES
from sikkerhedsnet.casework.models import (
    PLACEMENT_DECISIONS,
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
    NetworkMember,
    ParticipantRole,
    PlanGoal,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.safetynet.selectors import rule_counts
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import TODAY

CHILDREN = 4000
NOW = datetime.combine(TODAY, time.min, COPENHAGEN)
MODELS: tuple[type[Model], ...] = (
    Assessment,
    InterimAssessment,
    SafetyMeeting,
    SafetyScore,
    NetworkMember,
    ChildPlan,
    PlanGoal,
)


# First in the module: it needs an empty database, before the module's municipality is made.
def test_the_same_seed_makes_the_same_casework(db: None) -> None:
    assert generated(seed=4) == generated(seed=4)


class _Undo(Exception):
    pass


def generated(seed: int) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with transaction.atomic():
            generate(children=600, seed=seed, today=TODAY, history_years=1)
            found = {
                "assessments": sorted(
                    Assessment.objects.values_list(
                        "case__child__cpr", "decision", "decided_on", "conclusion"
                    ),
                    key=str,
                ),
                "scores": sorted(
                    SafetyScore.objects.values_list(
                        "meeting__case__child__cpr",
                        "meeting__held_on",
                        "participant_role",
                        "participant_name",
                        "score",
                    ),
                    key=str,
                ),
                "goals": sorted(
                    PlanGoal.objects.values_list("plan__case__child__cpr", "text", "agreed_on"),
                    key=str,
                ),
            }
            raise _Undo
    except _Undo:
        pass
    assert found["assessments"]
    assert found["scores"]
    return found


@pytest.fixture(scope="module")
def _generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[SynthContext]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(children=CHILDREN, seed=5, today=TODAY, history_years=1)
        transaction.set_rollback(True)


@pytest.fixture
def municipality(_generated: SynthContext, db: None) -> SynthContext:
    return _generated


def notification_assessments() -> list[Assessment]:
    """The assessments of the cases intake's decisions opened."""
    found = Assessment.objects.filter(case__source_notification__isnull=False)
    return list(found.select_related("case"))


def test_every_case_has_one_assessment(municipality: SynthContext) -> None:
    assert Case.objects.count() == Assessment.objects.count() > 50
    for assessment in Assessment.objects.all():
        assert set(assessment.dimensions) <= DIMENSION_CODES
        if not assessment.is_open:
            assert set(assessment.dimensions) == DIMENSION_CODES
            assert assessment.conclusion


def test_most_assessments_end_within_the_deadline(municipality: SynthContext) -> None:
    concluded = [a for a in notification_assessments() if a.decided_on is not None]
    in_time = [
        a.case
        for a in concluded
        if a.decided_on is not None and a.decided_on <= Case.assessment_due(a.case.became_aware_on)
    ]
    assert 0.72 <= len(in_time) / len(concluded) <= 0.92
    interims = {
        i.assessment.case_id: i for i in InterimAssessment.objects.select_related("assessment")
    }
    late = [a.case for a in concluded if a.case not in in_time]
    assert late
    assert 0.55 <= sum(c.pk in interims for c in late) / len(late) <= 0.9
    for case_id, interim in interims.items():
        due = Case.assessment_due(Case.objects.get(pk=case_id).became_aware_on)
        assert due - timedelta(days=10) <= interim.recorded_on <= due < interim.expected_done_on


def test_the_newest_cases_are_still_being_assessed(municipality: SynthContext) -> None:
    assessments = notification_assessments()
    recent = [a for a in assessments if a.case.opened_on > TODAY - timedelta(days=25)]
    assert recent
    assert all(a.is_open for a in recent)
    for assessment in assessments:
        if assessment.decided_on is not None:
            assert assessment.decided_on < TODAY
            assert assessment.decided_by_id is not None
    open_cases = Case.objects.filter(status=CaseStatus.OPEN).count()
    assert rule_counts(at=NOW)["assessment_overdue_without_interim"] <= 0.05 * open_cases


def test_decisions_come_in_realistic_shares(municipality: SynthContext) -> None:
    decisions = Counter(a.decision for a in notification_assessments() if not a.is_open)
    total = sum(decisions.values())
    share = {kind: decisions[kind] / total for kind in AssessmentDecision}
    assert 0.35 <= share[AssessmentDecision.SUPPORT] <= 0.57
    assert 0.15 <= share[AssessmentDecision.NO_MEASURE] <= 0.35
    placed = sum(share[kind] for kind in PLACEMENT_DECISIONS)
    assert 0.08 <= placed <= 0.22
    assert (
        share[AssessmentDecision.PLACEMENT_WITHOUT_CONSENT]
        < share[AssessmentDecision.PLACEMENT_WITH_CONSENT]
    )


def test_signs_of_safety_scores_move_mostly_upward(municipality: SynthContext) -> None:
    cases = Case.objects.annotate(meetings=Count("safety_meetings"))
    old_enough = [c for c in cases if c.opened_on < TODAY - timedelta(days=60)]
    assert 0.75 <= sum(c.meetings > 0 for c in old_enough) / len(old_enough) <= 0.95
    series: dict[int, list[int]] = defaultdict(list)
    scores = SafetyScore.objects.filter(participant_role=ParticipantRole.CASEWORKER).order_by(
        "meeting__held_on"
    )
    for case_id, score in scores.values_list("meeting__case_id", "score"):
        series[case_id].append(score)
    moved = [s for s in series.values() if len(s) >= 4]
    up = sum(s[-1] > s[0] for s in moved) / len(moved)
    down = sum(s[-1] < s[0] for s in moved) / len(moved)
    assert 0.5 <= up <= 0.85
    assert 0.03 <= down <= 0.3
    roles = Counter(SafetyScore.objects.values_list("participant_role", flat=True))
    assert roles[ParticipantRole.MOTHER]
    assert roles[ParticipantRole.CHILD]
    assert roles["network"]
    for meeting in SafetyMeeting.objects.prefetch_related("scores")[:300]:
        assert meeting.held_on < TODAY
        assert meeting.held_on >= meeting.case.opened_on
        assert ParticipantRole.CASEWORKER in {s.participant_role for s in meeting.scores.all()}


def test_most_families_have_a_safety_network(municipality: SynthContext) -> None:
    with_meetings = set(SafetyMeeting.objects.values_list("case_id", flat=True))
    networks = set(NetworkMember.objects.values_list("case_id", flat=True))
    assert 0.65 <= len(networks & with_meetings) / len(with_meetings) <= 0.92
    per_case = Counter(NetworkMember.objects.values_list("case_id", flat=True))
    assert set(per_case.values()) <= {1, 2, 3, 4}
    assert NetworkMember.objects.filter(left_on__isnull=False).exists()


def test_a_case_with_a_measure_decision_gets_a_plan(municipality: SynthContext) -> None:
    measure_decisions = (AssessmentDecision.SUPPORT, *PLACEMENT_DECISIONS)
    decided = Assessment.objects.filter(decision__in=measure_decisions, decided_on__lt=TODAY)
    plans = {plan.case_id: plan for plan in ChildPlan.objects.all()}
    assert set(plans) <= set(decided.values_list("case_id", flat=True))
    assert len(plans) / decided.count() >= 0.85
    goals = Counter(PlanGoal.objects.values_list("plan_id", flat=True))
    assert set(goals.values()) == {1, 2, 3}
    placements = decided.filter(decision__in=PLACEMENT_DECISIONS)
    on_time = 0
    for assessment in placements:
        plan = plans.get(assessment.case_id)
        assert assessment.decided_on is not None
        due = child_plan_due_on(assessment.decision, assessment.decided_on)
        on_time += plan is not None and due is not None and plan.adopted_on <= due
    assert 0.8 <= on_time / placements.count() < 1
    assert 0 < rule_counts(at=NOW)["placement_without_child_plan"] <= 0.12 * placements.count()


def test_rows_satisfy_the_models_and_the_foreign_keys(municipality: SynthContext) -> None:
    connection.check_constraints(table_names=[model._meta.db_table for model in MODELS])
    for model in MODELS:
        rows = list(model._default_manager.order_by("pk")[:150])
        assert rows, model
        for row in rows:
            row.full_clean(validate_unique=False)


def test_the_whole_rule_set_runs_over_it(municipality: SynthContext) -> None:
    counts = rule_counts(at=NOW)
    assert counts["assessment_overdue_without_interim"] >= 0
    assert counts["caseworker_over_cap"] <= max(2, 0.2 * municipality.plan.caseworkers)
