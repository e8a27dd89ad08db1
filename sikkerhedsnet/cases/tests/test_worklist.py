from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from sikkerhedsnet.cases.selectors import cases_without_caseworker
from sikkerhedsnet.cases.services.assignment import case_assign
from sikkerhedsnet.cases.tests.factories import (
    CaseFactory,
    TeamWorld,
    make_team,
    make_team_world,
)
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import User
from sikkerhedsnet.safetynet.selectors import flags_for_user

DAY = date(2026, 6, 1)


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _over_cap(at: date) -> dict[int, dict[str, object]]:
    return {row["caseworker_id"]: row for row in worklist_rule("caseworker_over_cap").find(at)}


def test_25_open_cases_is_not_over_the_cap(tw: TeamWorld) -> None:
    CaseFactory.create_batch(24, team=tw.team, caseworker=tw.owner)  # and the world's case
    assert tw.owner.pk not in _over_cap(DAY)


def test_26_is_one_row_for_the_caseworker_with_her_team(tw: TeamWorld) -> None:
    CaseFactory.create_batch(25, team=tw.team, caseworker=tw.owner)
    row = _over_cap(DAY)[tw.owner.pk]
    assert (row["open_cases"], row["unit_id"], row["child_id"]) == (26, tw.team.pk, None)
    explanation = worklist_rule("caseworker_over_cap").explain(row)
    assert "Rikke" in explanation
    assert "26" in explanation
    assert "Familieteam Nord" in explanation


def test_closed_cases_and_cases_opened_later_do_not_count(tw: TeamWorld) -> None:
    CaseFactory.create_batch(24, team=tw.team, caseworker=tw.owner)
    CaseFactory.create(team=tw.team, caseworker=tw.owner, status="closed")
    CaseFactory.create(team=tw.team, caseworker=tw.owner, opened_on=date(2026, 6, 2))
    assert tw.owner.pk not in _over_cap(DAY)
    assert tw.owner.pk in _over_cap(date(2026, 6, 2))


def test_over_cap_since_the_assignment_that_took_her_over(tw: TeamWorld) -> None:
    CaseFactory.create_batch(24, team=tw.team, caseworker=tw.owner)
    free = CaseFactory.create(team=tw.team)
    at = datetime(2026, 5, 20, 22, 30, tzinfo=UTC)  # 21 May in Copenhagen
    case_assign(
        actor=tw.leader,
        case=free,
        caseworker=tw.owner,
        expected_version=1,
        over_cap_reason="Søskendesag",
        now=at,
    )
    assert _over_cap(DAY)[tw.owner.pk]["since"] == date(2026, 5, 21)


def test_the_faglig_leder_gets_the_over_cap_flag_and_the_caseworker_does_not(
    tw: TeamWorld,
) -> None:
    CaseFactory.create_batch(25, team=tw.team, caseworker=tw.owner)
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=UTC)):
        at = datetime(2026, 6, 1, 12, tzinfo=UTC)
        leader_codes = [flag.rule.code for flag in flags_for_user(user=tw.leader, at=at)]
        owner_codes = [flag.rule.code for flag in flags_for_user(user=tw.owner, at=at)]
        other_codes = [flag.rule.code for flag in flags_for_user(user=tw.other_leader, at=at)]
    assert "caseworker_over_cap" in leader_codes
    assert "caseworker_over_cap" not in owner_codes
    assert "caseworker_over_cap" not in other_codes  # another team's leader


def _without(at: date) -> set[int]:
    return {row["case_id"] for row in worklist_rule("case_without_caseworker").find(at)}


def test_an_open_case_without_caseworker_is_a_gap_since_it_was_opened(tw: TeamWorld) -> None:
    free = CaseFactory.create(team=tw.team, opened_on=date(2026, 5, 4))
    assert free.pk not in _without(date(2026, 5, 3))
    rows = list(worklist_rule("case_without_caseworker").find(DAY))
    row = next(row for row in rows if row["case_id"] == free.pk)
    assert (row["since"], row["child_id"]) == (date(2026, 5, 4), free.child_id)
    assert tw.case.pk not in _without(DAY)


def test_a_case_whose_caseworker_was_deactivated_is_a_case_without_caseworker(
    tw: TeamWorld,
) -> None:
    assert tw.case.pk not in _without(DAY)
    assert tw.case.caseworker is not None
    User.objects.filter(pk=tw.case.caseworker.pk).update(is_active=False)
    assert tw.case.pk in _without(DAY)
    assert tw.case in cases_without_caseworker(tw.team)


def test_assigning_ends_it(tw: TeamWorld) -> None:
    free = CaseFactory.create(team=tw.team, opened_on=date(2026, 5, 4))
    case_assign(actor=tw.leader, case=free, caseworker=tw.colleague, expected_version=1)
    assert free.pk not in _without(DAY)


def test_a_closed_case_needs_no_caseworker(tw: TeamWorld) -> None:
    closed = CaseFactory.create(team=tw.team, status="closed")
    assert closed.pk not in _without(DAY)


def test_only_the_team_leader_of_the_case_gets_it(tw: TeamWorld) -> None:
    free = CaseFactory.create(team=tw.team, opened_on=date(2026, 5, 4))
    at = datetime(2026, 6, 1, 12, tzinfo=UTC)
    with time_machine.travel(at):
        mine = flags_for_user(user=tw.leader, at=at)
        theirs = flags_for_user(user=tw.other_leader, at=at)
        colleague = flags_for_user(user=tw.colleague, at=at)
    assert any(f.rule.code == "case_without_caseworker" and f.child == free.child for f in mine)
    assert not any(f.rule.code == "case_without_caseworker" for f in theirs)
    assert not any(f.rule.code == "case_without_caseworker" for f in colleague)
    flag = next(f for f in mine if f.rule.code == "case_without_caseworker")
    assert flag.link is not None
    assert str(free.pk) in flag.link.url


def test_rows_have_the_keys_every_rule_has(tw: TeamWorld) -> None:
    CaseFactory.create_batch(25, team=tw.team, caseworker=tw.owner)
    CaseFactory.create(child=tw.child, team=tw.team, opened_on=DAY, became_aware_on=DAY)
    for code in ("caseworker_over_cap", "case_without_caseworker"):
        row = next(iter(worklist_rule(code).find(DAY)))
        assert {"child_id", "unit_id", "user_id", "since"} <= set(row)


def _in_unled_team(at: date) -> set[int]:
    return {row["case_id"] for row in worklist_rule("case_in_team_nobody_leads").find(at)}


def test_a_case_in_a_team_nobody_leads_is_a_gap(tw: TeamWorld) -> None:
    unled = make_team("Familieafdelingen, Visitationen")
    case = CaseFactory.create(team=unled, opened_on=date(2026, 5, 1))
    no_team = CaseFactory.create(team=None, opened_on=date(2026, 5, 1))
    assert _in_unled_team(DAY) == {case.pk, no_team.pk}
    row = next(
        r for r in worklist_rule("case_in_team_nobody_leads").find(DAY) if r["case_id"] == case.pk
    )
    text = worklist_rule("case_in_team_nobody_leads").explain(row)
    assert "01.05.2026" in text
    assert "Familieafdelingen, Visitationen" in text


def test_a_team_whose_faglig_leder_has_left_has_its_cases_flagged(tw: TeamWorld) -> None:
    tw.leader.memberships.update(until=date(2026, 5, 31))
    assert tw.case.pk not in _in_unled_team(date(2026, 5, 31))
    assert tw.case.pk in _in_unled_team(DAY)


def test_intake_is_told_of_the_case_it_can_see(tw: TeamWorld) -> None:
    unled = make_team("Familieafdelingen, Visitationen")
    notified = make_notification(
        child=tw.child, at=datetime(2026, 4, 30, 9, 0, tzinfo=UTC), user=tw.fagperson
    )
    CaseFactory.create(
        child=tw.child, team=unled, opened_on=date(2026, 5, 1), source_notification=notified
    )
    flags = flags_for_user(user=tw.intake, at=DAY)
    assert any(
        flag.rule.code == "case_in_team_nobody_leads" and flag.child == tw.child for flag in flags
    )
    assert not any(
        f.rule.code == "case_in_team_nobody_leads" for f in flags_for_user(user=tw.leader, at=DAY)
    )
