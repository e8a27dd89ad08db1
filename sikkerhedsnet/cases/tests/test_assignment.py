from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseConflict, CaseRefused
from sikkerhedsnet.cases.selectors import child_caseworker_count
from sikkerhedsnet.cases.services.assignment import OverCap, case_assign
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _load(tw: TeamWorld, n: int) -> None:
    CaseFactory.create_batch(n, team=tw.team, caseworker=tw.colleague)


def _free_case(tw: TeamWorld) -> Case:
    return CaseFactory.create(team=tw.team)


def test_the_25th_case_is_allowed(tw: TeamWorld) -> None:
    _load(tw, 24)
    case = _free_case(tw)
    case_assign(actor=tw.leader, case=case, caseworker=tw.colleague, expected_version=1)
    case.refresh_from_db()
    assert case.caseworker == tw.colleague
    assert case.version == 2


def test_the_26th_is_refused_without_a_reason(tw: TeamWorld) -> None:
    _load(tw, 25)
    case = _free_case(tw)
    with pytest.raises(OverCap) as refused:
        case_assign(actor=tw.leader, case=case, caseworker=tw.colleague, expected_version=1)
    assert "25" in str(refused.value)
    case.refresh_from_db()
    assert case.caseworker is None
    assert not CaseAssignment.objects.filter(case=case).exists()


def test_a_faglig_leder_may_go_over_with_a_written_reason(tw: TeamWorld) -> None:
    _load(tw, 25)
    case = _free_case(tw)
    case_assign(
        actor=tw.leader,
        case=case,
        caseworker=tw.colleague,
        expected_version=1,
        over_cap_reason="Søskende til en af Rasmus' sager",
    )
    assignment = CaseAssignment.objects.get(case=case)
    assert assignment.over_cap_reason == "Søskende til en af Rasmus' sager"
    event = AuditEvent.objects.get(event_type="case.assigned")
    assert event.extra["over_cap"] is True


def test_a_blank_reason_is_no_reason(tw: TeamWorld) -> None:
    _load(tw, 25)
    with pytest.raises(OverCap):
        case_assign(
            actor=tw.leader,
            case=_free_case(tw),
            caseworker=tw.colleague,
            expected_version=1,
            over_cap_reason="   ",
        )


def test_a_radgiver_cannot_override_the_cap(tw: TeamWorld) -> None:
    _load(tw, 25)
    with pytest.raises(OverCap):
        case_assign(
            actor=tw.colleague,
            case=_free_case(tw),
            caseworker=tw.colleague,
            expected_version=1,
            over_cap_reason="Jeg har tid",
        )


def test_a_radgiver_may_take_a_free_case_of_her_team(tw: TeamWorld) -> None:
    case = _free_case(tw)
    case_assign(actor=tw.colleague, case=case, caseworker=tw.colleague, expected_version=1)
    case.refresh_from_db()
    assert case.caseworker == tw.colleague


def test_a_radgiver_cannot_give_a_case_to_someone_else(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_assign(
            actor=tw.colleague, case=_free_case(tw), caseworker=tw.owner, expected_version=1
        )


def test_only_the_leader_of_the_case_team_assigns(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_assign(
            actor=tw.other_leader, case=_free_case(tw), caseworker=tw.colleague, expected_version=1
        )


def test_the_caseworker_must_be_in_the_team(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_assign(
            actor=tw.leader, case=_free_case(tw), caseworker=tw.other_worker, expected_version=1
        )


def test_a_reassignment_needs_a_reason(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused):
        case_assign(actor=tw.leader, case=tw.case, caseworker=tw.colleague, expected_version=1)


def test_a_reassignment_keeps_the_history_and_counts_continuity(tw: TeamWorld) -> None:
    t1 = datetime(2026, 3, 2, 9, tzinfo=UTC)
    t2 = datetime(2026, 5, 4, 9, tzinfo=UTC)
    case = _free_case(tw)
    case = case_assign(actor=tw.leader, case=case, caseworker=tw.owner, expected_version=1, now=t1)
    case = case_assign(
        actor=tw.leader,
        case=case,
        caseworker=tw.colleague,
        expected_version=2,
        reason="Rikke går på orlov",
        now=t2,
    )
    first, second = CaseAssignment.objects.filter(case=case)
    assert (first.caseworker, first.since, first.until) == (tw.owner, t1, t2)
    assert (second.caseworker, second.until, second.reason) == (
        tw.colleague,
        None,
        "Rikke går på orlov",
    )
    assert child_caseworker_count(case.child) == 2


def test_continuity_counts_every_case_of_the_child(tw: TeamWorld) -> None:
    first = _free_case(tw)
    second = CaseFactory.create(child=first.child, team=tw.team)
    case_assign(actor=tw.leader, case=first, caseworker=tw.owner, expected_version=1)
    case_assign(actor=tw.leader, case=second, caseworker=tw.colleague, expected_version=1)
    assert child_caseworker_count(first.child) == 2


def test_two_leaders_assigning_at_once_never_overwrite(tw: TeamWorld) -> None:
    second_leader = f.staff(Role.TEAM_LEADER, tw.team)
    case = _free_case(tw)
    case_assign(actor=tw.leader, case=case, caseworker=tw.owner, expected_version=1)
    with pytest.raises(CaseConflict) as conflict:
        case_assign(actor=second_leader, case=case, caseworker=tw.colleague, expected_version=1)
    assert conflict.value.current.caseworker == tw.owner
    assert CaseAssignment.objects.filter(case=case).count() == 1


def test_a_closed_case_is_not_assigned(tw: TeamWorld) -> None:
    case = CaseFactory.create(team=tw.team, status="closed")
    with pytest.raises(CaseRefused):
        case_assign(actor=tw.leader, case=case, caseworker=tw.owner, expected_version=1)
