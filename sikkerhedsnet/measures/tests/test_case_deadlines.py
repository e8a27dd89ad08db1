"""What is due next on a case's measures: follow-up, supervision, the adult-services coordinator.

The supervision visit's deadline must agree with the worklist's rule to the day: on the due date
the placement is not flagged, the day after it is.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.fixtures import Settings

from sikkerhedsnet.cases.hooks import next_due
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.casework.models import Assessment, AssessmentDecision
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.measures.cadence import supervision_visit_due
from sikkerhedsnet.measures.case_deadlines import measure_deadlines
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    Measure,
    MeasureStatus,
    SupervisionVisit,
)
from sikkerhedsnet.measures.tests.factories import MeasureFactory
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.tests import factories as f

DAY = date(2026, 11, 25)
ONE_DAY = timedelta(days=1)
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _decided_without_placement(case: Case, owner: User) -> None:
    """The child assessment is done and led to support: casework has nothing due."""
    Assessment.objects.create(
        case=case,
        updated_at=NOON,
        updated_by=owner,
        decision=AssessmentDecision.SUPPORT,
        decided_on=date(2026, 3, 20),
    )


def _dues(case: Case) -> list[tuple[date, str]]:
    with time_machine.travel(NOON, tick=False):
        found = measure_deadlines([Case.objects.get(pk=case.pk)])
    return sorted((due.on, str(due.label)) for due in found.get(case.pk, []))


def _visit(measure: Measure, on: date) -> None:
    assert measure.case.caseworker is not None
    SupervisionVisit.objects.create(
        measure=measure, visited_on=on, visited_by=measure.case.caseworker, spoke_with_child=True
    )


# The supervision visit's deadline (pure) -------------------------------------------------------


def test_the_first_visit_is_due_six_months_after_the_start() -> None:
    start = date(2026, 1, 1)
    assert supervision_visit_due(start_date=start, visits=[], day=date(2026, 3, 1)) == date(
        2026, 7, 1
    )


def test_a_placement_short_of_visits_was_due_when_it_first_fell_short() -> None:
    start = date(2026, 1, 1)
    assert supervision_visit_due(start_date=start, visits=[], day=date(2026, 9, 1)) == date(
        2026, 7, 1
    )


def test_after_one_visit_the_second_is_due_a_year_after_the_start() -> None:
    start = date(2026, 1, 1)
    due = supervision_visit_due(start_date=start, visits=[date(2026, 5, 15)], day=date(2026, 9, 1))
    assert due == date(2027, 1, 1)


def test_with_both_visits_the_next_is_due_when_the_older_leaves_the_year() -> None:
    visits = [date(2026, 5, 15), date(2026, 12, 10)]
    due = supervision_visit_due(start_date=date(2026, 1, 1), visits=visits, day=date(2027, 2, 1))
    assert due == date(2027, 5, 15)


def test_no_visits_asked_for_no_deadline(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"supervision_visits_per_year": 0}
    assert supervision_visit_due(start_date=date(2026, 1, 1), visits=[], day=DAY) is None


@pytest.mark.parametrize(
    ("start", "visits"),
    [
        (date(2026, 3, 31), []),
        (date(2025, 8, 31), [date(2026, 2, 28)]),
        (date(2024, 2, 29), [date(2025, 2, 28), date(2025, 8, 31)]),
        (date(2025, 1, 10), [date(2026, 2, 1)]),
    ],
)
def test_the_due_date_is_the_last_day_the_rule_is_quiet(
    tw: TeamWorld, start: date, visits: list[date]
) -> None:
    measure = MeasureFactory.create(case=tw.case, kind=MeasureKind.FOSTER_FAMILY, start_date=start)
    for visit in visits:
        _visit(measure, visit)
    rule = worklist_rule("placement_supervision_missing")
    due = supervision_visit_due(start_date=start, visits=visits, day=DAY)
    assert due is not None
    assert not rule.find(due).exists()
    assert rule.find(due + ONE_DAY).exists()


# The provider -----------------------------------------------------------------------------------


def test_a_measure_in_progress_is_due_for_its_next_follow_up(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, next_follow_up_due=date(2026, 12, 1))
    MeasureFactory.create(case=tw.case, status=MeasureStatus.DECIDED, start_date=None)
    MeasureFactory.create(
        case=tw.case, status=MeasureStatus.ENDED, next_follow_up_due=date(2026, 1, 1)
    )
    assert _dues(tw.case) == [(date(2026, 12, 1), "Opfølgning (Familiebehandling)")]


def test_a_placement_is_due_for_its_follow_up_and_its_supervision_visit(tw: TeamWorld) -> None:
    placement = MeasureFactory.create(
        case=tw.case,
        kind=MeasureKind.FOSTER_FAMILY,
        start_date=date(2026, 1, 10),
        next_follow_up_due=date(2027, 1, 20),
    )
    _visit(placement, date(2026, 5, 1))
    assert _dues(tw.case) == [
        (date(2027, 1, 10), "Tilsynsbesøg (Almen plejefamilie)"),
        (date(2027, 1, 20), "Opfølgning (Almen plejefamilie)"),
    ]


def test_a_young_person_on_the_transition_list_is_due_a_coordinator(tw: TeamWorld) -> None:
    child = f.ChildFactory.create(birth_date=date(2009, 3, 1))  # 17 years, 17½ on 01.09.2026
    case = CaseFactory.create(child=child, team=tw.team, caseworker=tw.owner)
    MeasureFactory.create(case=case, status=MeasureStatus.WAITING, start_date=None)
    assert _dues(case) == [(date(2026, 9, 1), "Koordinator fra voksenområdet")]
    AdultServicesCoordinator.objects.create(
        child=child, name="Karin", named_on=date(2026, 8, 1), named_by=tw.owner
    )
    assert _dues(case) == []


def test_a_closed_case_has_nothing_due(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, next_follow_up_due=date(2026, 12, 1))
    Case.objects.filter(pk=tw.case.pk).update(status="closed")
    assert _dues(tw.case) == []


def test_the_case_shows_the_earliest_of_every_areas_deadlines(tw: TeamWorld) -> None:
    _decided_without_placement(tw.case, tw.owner)
    MeasureFactory.create(case=tw.case, next_follow_up_due=date(2026, 11, 20))
    with time_machine.travel(NOON, tick=False):
        due = next_due([Case.objects.get(pk=tw.case.pk)])[tw.case.pk]
    assert (due.on, str(due.label)) == (date(2026, 11, 20), "Opfølgning (Familiebehandling)")
