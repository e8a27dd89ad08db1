"""Notifications on the child's timeline: intake sees all; a notifier her own; others none."""

from __future__ import annotations

from datetime import datetime

import pytest

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.intake.timeline import notification_entries
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, Role, User

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


def seen(viewer: User, child: Child) -> list[TimelineEntry]:
    access = ChildAccess(child=child, basis="test", can_see_full_cpr=False)
    return notification_entries(viewer, child, access, limit=50)


@pytest.fixture
def notifications(world: World) -> tuple[Notification, Notification, Notification]:
    own = make_notification(
        child=world.child, at=datetime(2026, 10, 1, 9, 0, tzinfo=CPH), user=world.owner
    )
    other = make_notification(
        child=world.child, at=datetime(2026, 11, 2, 9, 0, tzinfo=CPH), name="Ole"
    )
    anonymous = make_notification(
        child=world.child,
        at=datetime(2026, 11, 10, 9, 0, tzinfo=CPH),
        anonymous=True,
        professional=False,
    )
    return own, other, anonymous


def test_intake_sees_every_notification_newest_first(
    world: World, notifications: tuple[Notification, ...]
) -> None:
    own, other, anonymous = notifications
    entries = seen(world.role_users[Role.INTAKE], world.child)
    assert [e.title for e in entries] == [
        f"Underretning {anonymous.reference}",
        f"Underretning {other.reference}",
        f"Underretning {own.reference}",
    ]
    assert entries[0].url == f"/visitation/{anonymous.pk}/"
    assert entries[0].when == anonymous.received_at


def test_the_notifier_sees_only_her_own(
    world: World, notifications: tuple[Notification, ...]
) -> None:
    own = notifications[0]
    entries = seen(world.owner, world.child)
    assert [e.title for e in entries] == [f"Underretning {own.reference}"]
    assert entries[0].url == f"/underretninger/mine/{own.pk}/"


def test_colleagues_and_other_roles_see_none(
    world: World, notifications: tuple[Notification, ...]
) -> None:
    assert seen(world.colleague, world.child) == []  # her colleague notified, not she
    assert seen(world.outsider, world.child) == []
    for role in (Role.PPR, Role.CASEWORKER, Role.MANAGEMENT, Role.DATA_PROTECTION):
        assert seen(world.role_users[role], world.child) == []


def test_intake_finds_them_on_the_child_page(
    world: World, notifications: tuple[Notification, ...]
) -> None:
    response = client_for(world.role_users[Role.INTAKE]).get(f"/boern/{world.child.pk}/")
    page = response.content.decode()
    assert page.count("<td>Underretning</td>") == 3
    assert "10.11.2026 09:00" in page
