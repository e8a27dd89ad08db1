from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from sikkerhedsnet.cases.models import Case, CaseRefused
from sikkerhedsnet.cases.selectors import default_team
from sikkerhedsnet.cases.services.opening import case_open, case_open_by_leader
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.tests import factories as f


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        (date(2026, 3, 1), date(2026, 7, 1)),
        (date(2026, 10, 31), date(2027, 2, 28)),  # a shorter month: its last day
        (date(2027, 10, 31), date(2028, 2, 29)),
    ],
)
def test_the_assessment_is_due_four_months_after_the_municipality_knew(
    aware: date, due: date
) -> None:
    assert Case.assessment_due(aware) == due


def test_a_leader_opens_a_case_in_her_team(tw: TeamWorld) -> None:
    child = f.ChildFactory.create()
    with time_machine.travel(date(2026, 5, 4)):
        case = case_open_by_leader(
            actor=tw.leader,
            child=child,
            team=tw.team,
            became_aware_on=date(2026, 5, 1),
            today=date(2026, 5, 4),
        )
    assert (case.team, case.opened_on, case.caseworker) == (tw.team, date(2026, 5, 4), None)
    # The assessment's deadline is stored when the case opens, four months from awareness.
    case.refresh_from_db()
    assert case.assessment_due_on == date(2026, 9, 1)


def test_a_leader_cannot_open_a_case_in_another_team(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_open_by_leader(
            actor=tw.leader,
            child=f.ChildFactory.create(),
            team=tw.other_team,
            became_aware_on=date(2026, 5, 1),
            today=date(2026, 5, 4),
        )


def test_a_radgiver_cannot_open_a_case(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_open_by_leader(
            actor=tw.owner,
            child=f.ChildFactory.create(),
            team=tw.team,
            became_aware_on=date(2026, 5, 1),
            today=date(2026, 5, 4),
        )


def test_a_second_open_case_in_the_team_is_refused(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_open_by_leader(
            actor=tw.leader,
            child=tw.child,
            team=tw.team,
            became_aware_on=date(2026, 5, 1),
            today=date(2026, 5, 4),
        )


def test_default_team_follows_the_child_earlier_case(tw: TeamWorld) -> None:
    assert default_team(tw.child, date(2026, 5, 4)) == tw.team


def test_default_team_is_the_district_team(db: None) -> None:
    north, south = make_team("Nord"), make_team("Syd")
    north.district, south.district = "Nord", "Syd"
    north.save()
    south.save()
    school = f.UnitFactory.create(district="Syd")
    child = f.EnrolmentFactory.create(unit=school).child
    assert default_team(child, date(2026, 5, 4)) == south


def test_default_team_else_the_least_loaded(db: None) -> None:
    busy, quiet = make_team("Travl"), make_team("Stille")
    CaseFactory.create(team=busy)
    assert default_team(f.ChildFactory.create(), date(2026, 5, 4)) == quiet


def test_a_case_never_goes_to_a_team_nobody_leads(tw: TeamWorld) -> None:
    # The intake team is a family-department unit with no faglig leder and no cases: the least
    # loaded team, but no one there would give the case a caseworker.
    intake_team = make_team("Familieafdelingen, Visitationen")
    assert default_team(f.ChildFactory.create(), date(2026, 5, 4)) in {tw.team, tw.other_team}
    assert not Case.objects.filter(team=intake_team).exists()


def test_an_earlier_case_in_a_team_nobody_leads_does_not_take_the_new_one(tw: TeamWorld) -> None:
    unled = make_team("Familieteam Vest")
    child = f.ChildFactory.create()
    CaseFactory.create(child=child, team=unled)
    assert default_team(child, date(2026, 5, 4)) in {tw.team, tw.other_team}


def test_a_team_whose_faglig_leder_has_left_takes_no_new_case(tw: TeamWorld) -> None:
    tw.other_leader.memberships.update(until=date(2026, 4, 30))
    CaseFactory.create_batch(3, team=tw.team)  # team A is busier; team B has no leader now
    assert default_team(f.ChildFactory.create(), date(2026, 5, 4)) == tw.team


def test_a_case_intake_opens_is_on_the_faglig_leders_list_at_once(tw: TeamWorld) -> None:
    make_team("Familieafdelingen, Visitationen")  # the least loaded, and no one leads it
    child = f.ChildFactory.create()
    notification = make_notification(
        child=child, at=datetime(2026, 5, 4, 9, 0, tzinfo=UTC), user=tw.fagperson
    )
    case = case_open(
        actor=tw.intake,
        child=child,
        opened_on=date(2026, 5, 4),
        became_aware_on=date(2026, 5, 4),
        source_notification=notification,
    )
    leaders = {tw.team: tw.leader, tw.other_team: tw.other_leader}
    assert case.team in leaders
    page = client_for(leaders[case.team]).get("/sager/team/").content.decode()
    assert f"/sager/{case.pk}/fordel/" in page
