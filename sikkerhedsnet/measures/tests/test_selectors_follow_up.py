from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus, SupervisionVisit
from sikkerhedsnet.measures.selectors.follow_up import (
    supervision_summary,
    transition_agenda,
    transition_list,
    transition_rows,
)
from sikkerhedsnet.measures.tests.factories import MeasureFactory
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.tests import factories as f

DAY = date(2026, 11, 25)


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _caseworker(measure: Measure) -> User:
    caseworker = measure.case.caseworker
    assert caseworker is not None
    return caseworker


def _visit(measure: Measure, on: date, *, spoke: bool) -> None:
    SupervisionVisit.objects.create(
        measure=measure, visited_on=on, visited_by=_caseworker(measure), spoke_with_child=spoke
    )


def test_supervision_counts_visits_speaking_with_the_child_in_the_last_12_months(
    tw: TeamWorld,
) -> None:
    measure = MeasureFactory.create(
        case=tw.case, kind=MeasureKind.FOSTER_FAMILY, start_date=date(2024, 1, 1)
    )
    _visit(measure, date(2025, 11, 24), spoke=True)  # a day too old
    _visit(measure, date(2025, 11, 25), spoke=True)  # twelve months ago today
    _visit(measure, date(2026, 5, 1), spoke=False)
    _visit(measure, date(2026, 11, 26), spoke=True)  # after the day
    summary = supervision_summary(measure, DAY)
    assert (len(summary.visits), summary.counted, summary.owed, summary.missing) == (2, 1, 2, 1)


def test_a_new_placement_owes_no_visit_yet(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(
        case=tw.case, kind=MeasureKind.FOSTER_FAMILY, start_date=date(2026, 9, 1)
    )
    assert supervision_summary(measure, DAY).missing == 0


def _young(tw: TeamWorld, birth: date, status: str = MeasureStatus.ACTIVE) -> Measure:
    child = f.ChildFactory.create(birth_date=birth)
    case = CaseFactory.create(child=child, team=tw.team, caseworker=tw.owner)
    return MeasureFactory.create(case=case, status=status)


def _listed(user: Any, day: date = DAY) -> set[date]:
    return {person.child.birth_date for person in transition_list(user, day)}


def test_the_list_starts_at_17_exactly_and_ends_at_18(tw: TeamWorld) -> None:
    for birth in (date(2009, 11, 25), date(2009, 11, 26), date(2008, 11, 26), date(2008, 11, 25)):
        _young(tw, birth)
    assert _listed(tw.owner) == {date(2009, 11, 25), date(2008, 11, 26)}


def test_only_open_measures_put_a_young_person_on_the_list(tw: TeamWorld) -> None:
    _young(tw, date(2009, 1, 1), status=MeasureStatus.ENDED)
    _young(tw, date(2009, 1, 2), status=MeasureStatus.DECIDED)
    _young(tw, date(2009, 1, 3), status=MeasureStatus.WAITING)
    assert _listed(tw.owner) == {date(2009, 1, 2), date(2009, 1, 3)}


def test_17_and_a_half_exactly_is_due_today_not_overdue(tw: TeamWorld) -> None:
    _young(tw, date(2009, 5, 25))
    _young(tw, date(2009, 5, 24))
    rows = transition_rows(transition_list(tw.owner, DAY), day=DAY, until=date(2026, 12, 25))
    by_birth = {row.person.child.birth_date: row for row in rows}
    today, yesterday = by_birth[date(2009, 5, 25)], by_birth[date(2009, 5, 24)]
    assert (today.years, today.months, today.soon, today.overdue) == (17, 6, "half", False)
    assert (yesterday.years, yesterday.months, yesterday.soon, yesterday.overdue) == (
        17,
        6,
        "",
        True,
    )


def test_the_agenda_holds_everyone_on_the_list_some_day_in_the_month(tw: TeamWorld) -> None:
    _young(tw, date(2009, 12, 31))  # 17 on the month's last day
    _young(tw, date(2010, 1, 1))  # 17 next month
    _young(tw, date(2008, 12, 1))  # 18 on the first: off the list the whole month
    _young(tw, date(2008, 12, 2))  # 18 on the 2nd
    people = transition_agenda(tw.owner, date(2026, 12, 1))
    assert [p.child.birth_date for p in people] == [date(2008, 12, 2), date(2009, 12, 31)]
