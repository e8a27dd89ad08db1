"""access_meeting and the standing members' child scope: owner, colleague, outsider, members."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.http import Http404

from sikkerhedsnet.collaboration.access import (
    access_meeting,
    access_series,
    managed_series,
    visible_series,
)
from sikkerhedsnet.collaboration.models import MeetingSeries
from sikkerhedsnet.collaboration.selectors.meetings import member_candidates
from sikkerhedsnet.collaboration.tests.factories import at, make_agenda_item, make_meetings
from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.access import access_child, visible_children
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


def test_owner_colleague_and_standing_member_see_the_meeting(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    assert access_meeting(world.owner, m.meeting.pk).is_member
    colleague = access_meeting(world.colleague, m.meeting.pk)
    assert not colleague.is_member
    assert not colleague.can_manage
    assert access_meeting(m.ppr, m.meeting.pk).is_member
    assert access_meeting(world.owner, m.meeting.pk).can_manage


@pytest.mark.parametrize("who", ["outsider", "non_member_ppr", "intake", "administrator"])
def test_others_get_404_as_for_a_missing_meeting(world: World, who: str) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    user = {
        "outsider": world.outsider,
        "non_member_ppr": m.non_member_ppr,
        "intake": world.role_users[Role.INTAKE],
        "administrator": world.role_users[Role.ADMINISTRATOR],
    }[who]
    with pytest.raises(Http404):
        access_meeting(user, m.meeting.pk)
    with pytest.raises(Http404):
        access_meeting(world.owner, m.meeting.pk + 1000)


def test_a_district_series_is_seen_by_staff_of_the_districts_units(world: World) -> None:
    series = MeetingSeries.objects.create(name="Nord", district="Nord")
    world.other_unit.district = "Syd"
    world.other_unit.save()
    assert series in visible_series(world.colleague)
    assert series not in visible_series(world.outsider)


def test_the_administrator_manages_series_without_seeing_agendas(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    admin = world.role_users[Role.ADMINISTRATOR]
    series_access = access_series(admin, m.series.pk)
    assert series_access.can_manage
    assert not series_access.can_see
    assert m.series not in managed_series(world.colleague)
    with pytest.raises(Http404):
        access_series(world.outsider, m.series.pk)


# The standing member's window on a named child: 30 days before to 90 days after -------------


def _member_sees(m: object, world: World, day: date) -> bool:
    ppr = m.ppr  # type: ignore[attr-defined]
    return visible_children(ppr, day=day).filter(pk=world.child.pk).exists()


@pytest.mark.parametrize(
    ("day", "sees"),
    [
        (date(2026, 10, 20), False),
        (date(2026, 10, 21), True),  # 30 days before 20.11
        (date(2027, 2, 18), True),  # 90 days after
        (date(2027, 2, 19), False),
    ],
)
def test_a_standing_member_sees_a_named_child_in_the_window(
    world: World, day: date, sees: bool
) -> None:
    m = make_meetings(world, at(2026, 11, 20, 23))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    assert _member_sees(m, world, day) is sees


def test_an_anonymous_item_opens_no_child(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    make_agenda_item(m.meeting, None, world.colleague, world, anonymous="Pige, 5 år")
    assert not _member_sees(m, world, date(2026, 11, 20))


def test_the_scope_is_for_standing_members_only(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    assert not visible_children(m.non_member_ppr, day=date(2026, 11, 20)).exists()


def test_access_child_logs_the_members_basis(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    with time_machine.travel(at(2026, 11, 20, 9), tick=False):
        access = access_child(m.ppr, world.child.pk, shown="Barnets side")
    assert "fast deltager" in access.basis


def test_health_visitor_is_a_member_candidate(world: World) -> None:
    hv_unit = f.UnitFactory.create(kind="health_visiting")
    nurse = f.staff(Role.PROFESSIONAL, hv_unit, username="sundhed")
    candidates = set(member_candidates())
    assert nurse in candidates
    assert world.owner in candidates
    assert world.colleague not in candidates
    assert world.role_users[Role.INTAKE] in candidates
