"""The front page's meetings panel: her next dialogue meetings and cross-disciplinary meetings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.collaboration.models import DialogueStatus
from sikkerhedsnet.collaboration.tests.factories import DialogueMeetingFactory, at, make_meetings
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role, User

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


def test_ppr_sees_her_meeting_in_seven_days(world: World, frozen: None) -> None:
    meetings = make_meetings(world, at(2026, 11, 9))
    page = home(meetings.ppr)
    assert "Dine næste møder" in page
    assert "09.11.2026 kl. 13.00: Lokalisering Solsikken" in page
    assert reverse("collaboration:meeting_detail", args=[meetings.meeting.pk]) in page
    # Not a standing member, and no unit of the series: nothing.
    assert "Lokalisering Solsikken" not in home(meetings.non_member_ppr)
    assert "Lokalisering Solsikken" not in home(world.outsider)
    # A meeting that is over is not next.
    meetings.meeting.starts_at = at(2026, 10, 26)
    meetings.meeting.save()
    assert "Du har ingen planlagte møder." in home(meetings.ppr)


def test_the_units_staff_see_the_planned_dialogue_meeting(world: World, frozen: None) -> None:
    meeting = DialogueMeetingFactory.create(
        child=world.child,
        unit=world.unit,
        status=DialogueStatus.PLANNED,
        starts_at=at(2026, 11, 5, 10),
        place="Personalestuen",
    )
    url = reverse("collaboration:dialogue_detail", args=[world.child.pk, meeting.pk])
    for user in (world.owner, world.colleague):
        page = home(user)
        assert "05.11.2026 kl. 10.00: " + str(world.child) in page
        assert url in page
    assert AccessLog.objects.filter(user=world.colleague, unit=world.unit).count() == 1
    for user in (world.outsider, world.role_users[Role.PPR], world.role_users[Role.INTAKE]):
        page = home(user)
        assert url not in page
        assert str(world.child) not in page
    assert not AccessLog.objects.filter(user=world.outsider).exists()


def test_a_held_or_cancelled_dialogue_meeting_is_not_next(world: World, frozen: None) -> None:
    DialogueMeetingFactory.create(
        child=world.child,
        unit=world.unit,
        status=DialogueStatus.HELD,
        starts_at=at(2026, 11, 5, 10),
        held_on=date(2026, 11, 5),
        recorded_by=world.owner,
    )
    DialogueMeetingFactory.create(
        child=world.child,
        unit=world.unit,
        status=DialogueStatus.CANCELLED,
        starts_at=at(2026, 11, 6, 10),
        cancelled_at=NOW,
    )
    assert str(world.child) not in home(world.owner)


def test_roles_without_meetings_have_no_panel(world: World, frozen: None) -> None:
    for role in (Role.CASEWORKER, Role.MANAGEMENT, Role.DATA_PROTECTION):
        assert "Dine næste møder" not in home(world.role_users[role])
