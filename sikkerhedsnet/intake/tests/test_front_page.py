"""The front page's intake panel: the 24-hour clock of each open notification, receipts due."""

from __future__ import annotations

from datetime import datetime

import time_machine
from django.urls import reverse

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.people.models import Role, User


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


def test_intake_sees_the_clock_and_the_receipt_due(world: World) -> None:
    received = datetime(2026, 11, 2, 9, 0, tzinfo=CPH)
    notification = make_notification(child=world.child, at=received, user=world.colleague)
    intake = world.role_users[Role.INTAKE]
    with time_machine.travel(datetime(2026, 11, 2, 19, 40, tzinfo=CPH), tick=False):
        page = home(intake)
    assert "Underretninger, der venter" in page
    assert reverse("intake:notification", args=[notification.pk]) in page
    assert f"{notification.reference}</a>: 13 t 20 min tilbage" in page
    assert "kvittering senest 10.11.2026" in page
    with time_machine.travel(datetime(2026, 11, 3, 10, 0, tzinfo=CPH), tick=False):
        page = home(intake)
    assert "overskredet med 1 t 0 min" in page
    # Nobody else has the panel, and the child is named to no one through it.
    for user in (world.owner, world.colleague, world.role_users[Role.CASEWORKER]):
        page = home(user)
        assert "Underretninger, der venter" not in page
        assert notification.reference not in page


def test_a_sent_receipt_is_no_longer_due(world: World) -> None:
    received = datetime(2026, 11, 2, 9, 0, tzinfo=CPH)
    notification = make_notification(child=world.child, at=received, user=world.colleague)
    notification.receipt_sent_at = received
    notification.save()
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=CPH), tick=False):
        page = home(world.role_users[Role.INTAKE])
    assert "Ingen kvitteringer mangler." in page
