"""The generated dialogue meetings, unit plans and cross-disciplinary meetings: realistic shares,
dates that follow the policy, rows the models' constraints accept, the same for a seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Count, Model

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    DialogueMeeting,
    MeetingOutcome,
    MeetingSeries,
    PlanAction,
    PlanReview,
    PlanStatus,
    ReviewOutcome,
    UnitPlan,
)
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.lib.plugins import overridden
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import Role, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.safetynet.selectors import rule_counts
from sikkerhedsnet.screening import hooks
from sikkerhedsnet.screening.models import CONCERN_POSITIONS, Instrument, Screening
from sikkerhedsnet.synth.collaboration import ACTED, ITEMS_PER_MEETING
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import TODAY

CHILDREN = 3000
NOW = datetime.combine(TODAY, time.min, COPENHAGEN)
MODELS: tuple[type[Model], ...] = (
    DialogueMeeting,
    UnitPlan,
    PlanAction,
    PlanReview,
    MeetingSeries,
    CollaborationMeeting,
    AgendaItem,
)


# First in the module: it needs an empty database, before the module's municipality is made.
def test_the_same_seed_makes_the_same_plans_and_meetings(db: None) -> None:
    assert generated(seed=4) == generated(seed=4)


class _Undo(Exception):
    pass


def generated(seed: int) -> dict[str, list[tuple[Any, ...]]]:
    """The step's rows of a small town, read back, then rolled back."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with transaction.atomic():
            generate(children=600, seed=seed, today=TODAY, history_years=2)
            found = {
                "plans": list(
                    UnitPlan.objects.order_by("child__cpr", "created_on").values_list(
                        "child__cpr", "unit__code", "created_on", "status", "ended_on", "goals"
                    )
                ),
                "actions": sorted(
                    PlanAction.objects.values_list(
                        "plan__child__cpr", "description", "owner", "due_on", "done_on"
                    )
                ),
                "items": sorted(
                    AgendaItem.objects.values_list(
                        "meeting__starts_at", "child__cpr", "consent", "outcome", "minutes_at"
                    ),
                    key=str,
                ),
            }
            raise _Undo
    except _Undo:
        pass
    return found


@pytest.fixture(scope="module")
def _generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[SynthContext]:
    """One municipality for the whole module (generating it takes seconds), rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(children=CHILDREN, seed=5, today=TODAY, history_years=2)
        transaction.set_rollback(True)


@pytest.fixture
def municipality(_generated: SynthContext, db: None) -> SynthContext:
    return _generated


def concern_positions() -> list[Screening]:
    settled = TODAY - timedelta(days=30)  # old enough for the meeting and the plan to be made
    return list(
        Screening.objects.filter(
            instrument=Instrument.TRAFFIC_LIGHT,
            position__in=CONCERN_POSITIONS,
            screened_on__lt=settled,
        )
    )


def test_most_concern_leads_to_a_dialogue_meeting_and_a_plan(municipality: SynthContext) -> None:
    positions = concern_positions()
    dialogues = dict(DialogueMeeting.objects.values_list("screening_id", "held_on"))
    plans = dict(UnitPlan.objects.values_list("screening_id", "created_on"))
    with_dialogue = [p for p in positions if p.pk in dialogues]
    assert ACTED - 0.06 <= len(with_dialogue) / len(positions) <= ACTED + 0.06
    assert 0.65 <= sum(p.pk in plans for p in positions) / len(positions) <= 0.85
    for position in with_dialogue:
        held_on = dialogues[position.pk]
        assert held_on is not None  # the generator writes held meetings only
        assert 2 <= (held_on - position.screened_on).days <= 9
    days = get_policy().unit_plan_days
    late = [p for p in positions if p.pk in plans and (plans[p.pk] - p.screened_on).days > days]
    assert 0 < len(late) / len(plans) <= 0.15


def test_a_plan_follows_its_dialogue_meeting_in_the_same_unit(municipality: SynthContext) -> None:
    for plan in UnitPlan.objects.select_related("dialogue_meeting", "screening"):
        assert plan.dialogue_meeting is not None
        assert plan.screening is not None
        held_on = plan.dialogue_meeting.held_on
        assert held_on is not None
        assert held_on <= plan.created_on < TODAY
        assert plan.unit_id == plan.dialogue_meeting.unit_id == plan.screening.unit_id
        assert plan.child_id == plan.dialogue_meeting.child_id == plan.screening.child_id


def test_the_safety_net_finds_a_minority_without_a_plan(municipality: SynthContext) -> None:
    rule = worklist_rule("concern_without_plan")
    found = rule.find(NOW).count()
    # With no unit plan sources, every concern counts as one without a plan.
    with overridden("unit_plan_sources", []):
        without_plans = rule.find(NOW).count()
    assert 0 < found <= 0.35 * without_plans


def test_plans_have_actions_with_owners_and_reviews_in_order(municipality: SynthContext) -> None:
    plans = {plan.pk: plan for plan in UnitPlan.objects.all()}
    per_plan = Counter(PlanAction.objects.values_list("plan_id", flat=True))
    assert set(per_plan.values()) == {1, 2, 3}
    assert set(per_plan) == set(plans)
    owners = Counter(PlanAction.objects.values_list("owner", flat=True))
    assert owners["Forældrene"] > 0
    assert len(owners) > 10
    for action in PlanAction.objects.all():
        plan = plans[action.plan_id]
        assert action.due_on > plan.created_on
        if action.done_on is not None:
            assert plan.created_on <= action.done_on < TODAY
        if plan.ended_on is not None:
            assert action.done_on is not None
            assert action.done_on <= plan.ended_on
    for review in PlanReview.objects.all():
        plan = plans[review.plan_id]
        assert plan.created_on <= review.reviewed_on <= (plan.ended_on or TODAY)
        assert (review.next_review_due is not None) == (review.outcome == ReviewOutcome.CONTINUE)
    statuses = Counter(plan.status for plan in plans.values())
    assert statuses[PlanStatus.ACTIVE]
    assert statuses[PlanStatus.CLOSED]
    assert 0 < statuses[PlanStatus.ESCALATED] < statuses[PlanStatus.CLOSED]


def test_some_actions_and_reviews_are_overdue_but_few(municipality: SynthContext) -> None:
    counts = rule_counts(at=NOW)
    active = UnitPlan.objects.filter(status=PlanStatus.ACTIVE)
    open_actions = PlanAction.objects.filter(plan__in=active, due_on__lt=TODAY)
    assert 0 < counts["plan_action_overdue"] <= 0.2 * open_actions.count()
    weeks = timedelta(weeks=get_policy().unit_plan_review_weeks)
    reviewed = UnitPlan.objects.filter(created_on__lt=TODAY - weeks)  # a review has fallen due
    assert 0 < counts["plan_review_overdue"] <= 0.1 * reviewed.count()


def test_a_series_per_school_and_per_daycare_district(municipality: SynthContext) -> None:
    schools = [u for u in municipality.units if u.kind == UnitKind.SCHOOL]
    districts = {u.district for u in municipality.units if u.kind == UnitKind.DAYCARE}
    series = list(MeetingSeries.objects.prefetch_related("standing_members"))
    assert sorted(s.unit_id for s in series if s.unit_id) == sorted(u.pk for u in schools)
    assert {s.district for s in series if not s.unit_id} == districts
    for one in series:
        roles = Counter(member.role for member in one.standing_members.all())
        assert roles[Role.UNIT_LEADER] >= 1
        assert roles[Role.PPR] == roles[Role.INTAKE] == 1
        assert roles[Role.PROFESSIONAL] == 1  # the health visitor


def test_meetings_every_six_weeks_with_the_next_one_ahead(municipality: SynthContext) -> None:
    for series in MeetingSeries.objects.all():
        starts = sorted(series.meetings.values_list("starts_at", flat=True))
        gaps = {later - earlier for earlier, later in pairwise(starts)}
        # Six weeks of wall-clock time; a change to or from summer time moves it by an hour.
        assert gaps <= {timedelta(weeks=6) + timedelta(hours=h) for h in (-1, 0, 1)}
        assert starts[-1] > NOW >= starts[-2]
        assert len(starts) >= 2 * 52 // 6


def test_agendas_mostly_with_consent_and_never_a_name_without(municipality: SynthContext) -> None:
    items = list(AgendaItem.objects.select_related("meeting"))
    anonymous = [item for item in items if item.consent == Consent.NOT_GIVEN]
    assert 0.05 <= len(anonymous) / len(items) <= 0.3
    for item in items:
        named = item.consent == Consent.GIVEN
        assert (item.child_id is not None) == named
        assert bool(item.anonymous_description) != named
        assert item.put_forward_at < item.meeting.starts_at
    schools = AgendaItem.objects.filter(meeting__series__unit__isnull=False)
    per_meeting = schools.values("meeting_id").annotate(n=Count("id"))
    assert max(row["n"] for row in per_meeting) <= ITEMS_PER_MEETING


def test_past_meetings_have_minutes_except_a_few(municipality: SynthContext) -> None:
    past = list(AgendaItem.objects.filter(meeting__starts_at__lt=NOW).select_related("meeting"))
    with_minutes = [item for item in past if item.minutes]
    assert 0.85 <= len(with_minutes) / len(past) < 1
    for item in with_minutes:
        assert item.outcome
        assert item.minutes_by_id is not None
        assert item.minutes_at is not None
        assert item.meeting.starts_at < item.minutes_at < NOW
        if item.outcome == MeetingOutcome.NOTIFICATION:
            assert item.notification is not None
            assert item.notification.child_id == item.child_id
    future = AgendaItem.objects.filter(meeting__starts_at__gte=NOW)
    assert not future.exclude(minutes="").exists()
    assert 0 < rule_counts(at=NOW)["meeting_minutes_missing"] < 0.15 * len(past)


def test_rows_satisfy_the_models_and_the_foreign_keys(municipality: SynthContext) -> None:
    connection.check_constraints(table_names=[model._meta.db_table for model in MODELS])
    for model in MODELS:
        rows = list(model._default_manager.order_by("pk")[:150])
        assert rows, model
        for row in rows:
            row.full_clean(validate_unique=False)


def test_the_whole_rule_set_runs_over_it(municipality: SynthContext) -> None:
    counts = rule_counts(at=NOW)
    assert counts["concern_without_plan"] > 0
    assert counts["repeated_concern_not_escalated"] >= 0


@pytest.fixture(autouse=True)
def _no_leftover_hooks() -> Iterator[None]:
    before = (hooks.unit_plan_sources(), hooks.escalation_sources())
    yield
    assert (hooks.unit_plan_sources(), hooks.escalation_sources()) == before
