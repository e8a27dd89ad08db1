from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.http import Http404

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.cases.access import access_case, case_access, visible_cases
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.access import access_child, visible_children
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def test_the_responsible_caseworker_sees_and_edits_her_case(tw: TeamWorld) -> None:
    access = access_case(tw.owner, tw.case.pk, shown="sag")
    assert access.can_edit
    assert access.basis == "egen sag"


def test_a_colleague_in_the_team_sees_it_read_only(tw: TeamWorld) -> None:
    access = access_case(tw.colleague, tw.case.pk, shown="sag")
    assert not access.can_edit
    assert access.basis == "sag i eget team"


def test_the_faglig_leder_of_the_team_sees_and_edits_it(tw: TeamWorld) -> None:
    access = access_case(tw.leader, tw.case.pk, shown="sag")
    assert access.can_edit
    assert access.basis == "faglig leder"


@pytest.mark.parametrize("who", ["other_worker", "other_leader", "fagperson", "intake"])
def test_anyone_else_gets_404(tw: TeamWorld, who: str) -> None:
    with pytest.raises(Http404):
        access_case(getattr(tw, who), tw.case.pk, shown="sag")


def test_a_fagperson_gets_404_on_every_case(tw: TeamWorld) -> None:
    for case in (tw.case, tw.other_case):
        with pytest.raises(Http404):
            access_case(tw.fagperson, case.pk, shown="sag")
    assert not visible_cases(tw.fagperson).exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r not in ("caseworker", "team_leader")])
def test_no_other_role_sees_a_case(tw: TeamWorld, role: str) -> None:
    user = f.staff(role, tw.team)
    with pytest.raises(Http404):
        access_case(user, tw.case.pk, shown="sag")


def test_missing_looks_like_forbidden(tw: TeamWorld) -> None:
    with pytest.raises(Http404):
        access_case(tw.leader, 999_999, shown="sag")


def test_a_read_is_logged_for_the_child(tw: TeamWorld) -> None:
    access_case(tw.colleague, tw.case.pk, shown="sagen")
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (tw.colleague, tw.child, "sagen")
    assert row.basis == "sag i eget team"


def test_a_refusal_is_not_logged(tw: TeamWorld) -> None:
    with pytest.raises(Http404):
        access_case(tw.other_worker, tw.case.pk, shown="sag")
    assert not AccessLog.objects.exists()


def test_visible_cases_per_role(tw: TeamWorld) -> None:
    assert set(visible_cases(tw.owner)) == {tw.case}
    assert set(visible_cases(tw.leader)) == {tw.case}
    assert set(visible_cases(tw.other_leader)) == {tw.other_case}


def test_a_caseworker_keeps_her_own_case_in_another_team(tw: TeamWorld) -> None:
    tw.other_case.caseworker = tw.owner
    tw.other_case.save()
    assert access_case(tw.owner, tw.other_case.pk, shown="sag").can_edit
    with pytest.raises(Http404):
        access_case(tw.colleague, tw.other_case.pk, shown="sag")


def test_a_caseworker_may_open_the_child_page_of_a_case_she_sees(tw: TeamWorld) -> None:
    assert tw.child in visible_children(tw.colleague)
    access = access_child(tw.colleague, tw.child.pk, shown="barn")
    assert "sag" in access.basis
    with pytest.raises(Http404):
        access_child(tw.other_worker, tw.child.pk, shown="barn")


def test_what_each_may_do_with_the_case(tw: TeamWorld) -> None:
    free = CaseFactory.create(team=tw.team)
    expected = {
        ("owner", "case"): (True, False, False),
        ("colleague", "case"): (False, False, False),
        ("leader", "case"): (True, True, False),
        ("colleague", "free"): (False, False, True),
        ("leader", "free"): (True, True, False),
    }
    for (who, which), capabilities in expected.items():
        user, case = getattr(tw, who), tw.case if which == "case" else free
        access = case_access(user, case)
        assert access is not None
        assert (access.can_edit, access.can_assign, access.can_take) == capabilities
        perms = ("cases.change_case", "cases.assign_case", "cases.take_case")
        assert tuple(user.has_perm(perm, case) for perm in perms) == capabilities
    assert case_access(tw.other_leader, tw.case) is None
    assert not tw.other_leader.has_perm("cases.change_case", tw.case)


def _opened_by_intake(tw: TeamWorld) -> Case:
    """A case intake's decision on a notification opened: in a team, no caseworker yet."""
    notification = make_notification(
        child=tw.child, at=datetime(2026, 4, 30, 9, 0, tzinfo=UTC), user=tw.fagperson
    )
    return CaseFactory.create(child=tw.child, team=tw.team, source_notification=notification)


def test_intake_sees_the_case_it_opened_read_only_until_it_has_a_caseworker(
    tw: TeamWorld,
) -> None:
    case = _opened_by_intake(tw)
    access = access_case(tw.intake, case.pk, shown="sag")
    assert (access.can_edit, access.can_assign, access.can_take) == (False, False, False)
    assert AccessLog.objects.filter(user=tw.intake, child=tw.child).exists()
    assert list(visible_cases(tw.intake)) == [case]
    case.caseworker = tw.owner
    case.save()
    with pytest.raises(Http404):
        access_case(tw.intake, case.pk, shown="sag")
    assert not visible_cases(tw.intake).exists()


def test_intake_does_not_see_a_case_a_faglig_leder_opened(tw: TeamWorld) -> None:
    case = CaseFactory.create(child=tw.child, team=tw.team)  # no notification behind it
    with pytest.raises(Http404):
        access_case(tw.intake, case.pk, shown="sag")


def test_intake_may_not_change_the_case_it_sees(tw: TeamWorld) -> None:
    case = _opened_by_intake(tw)
    client = client_for(tw.intake)
    assert client.get(f"/sager/{case.pk}/").status_code == 200
    assert client.get(f"/sager/{case.pk}/fordel/").status_code == 404
    assert client.post(f"/sager/{case.pk}/journal/ny/", {"text": "x"}).status_code == 404
