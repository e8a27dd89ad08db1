"""The front page's screening panels: the round of her units, yellow/red without a plan, ADBB."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.collaboration.tests.factories import UnitPlanFactory
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import (
    AdbbScreeningFactory,
    ScreeningFactory,
    make_health,
)

NOW = datetime(2026, 10, 1, 10, tzinfo=UTC)  # the round with deadline 15.10.2026


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


def test_unit_staff_see_their_units_round_and_the_concern_without_a_plan(
    world: World, frozen: None
) -> None:
    ScreeningFactory.create(child=world.child, unit=world.unit, position=Position.YELLOW)
    for user in (world.owner, world.colleague):
        page = home(user)
        assert "Trivselsrunden" in page
        assert "Fristen er 15.10.2026, om 14 dage." in page
        assert f'href="{reverse("screening:round", args=[world.unit.pk])}"' in page
        assert "1 af 1 børn vurderet" in page
        assert str(world.child) in page
        assert reverse("collaboration:plan_new", args=[world.child.pk]) in page
    # Her unit's list of children was shown: logged as the round page logs it.
    logged = AccessLog.objects.filter(user=world.owner, unit=world.unit, shown="Forside")
    assert logged.count() == 1


def test_the_outsider_sees_her_own_unit_only_and_others_no_round(
    world: World, frozen: None
) -> None:
    ScreeningFactory.create(child=world.child, unit=world.unit, position=Position.RED)
    page = home(world.outsider)
    assert "0 af 1 børn vurderet" in page  # her own unit, Mælkebøtten
    assert str(world.child) not in page
    assert not AccessLog.objects.filter(user=world.outsider).exists()
    for role in (Role.INTAKE, Role.CASEWORKER, Role.PPR, Role.MANAGEMENT):
        assert "Trivselsrunden" not in home(world.role_users[role])


def test_a_plan_made_since_the_concern_takes_the_child_off_the_panel(
    world: World, frozen: None
) -> None:
    ScreeningFactory.create(child=world.child, unit=world.unit, position=Position.YELLOW)
    UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_on=date(2026, 9, 25),
        created_by=world.owner,
        review_due=date(2026, 12, 1),
    )
    page = home(world.owner)
    assert str(world.child) not in page
    assert "Alle børn med gul eller rød position har en handleplan." in page
    assert not AccessLog.objects.filter(user=world.owner, shown="Forside").exists()


def test_a_green_child_is_not_named(world: World, frozen: None) -> None:
    ScreeningFactory.create(child=world.child, unit=world.unit, position=Position.GREEN)
    page = home(world.colleague)
    assert "1 af 1 børn vurderet" in page
    assert str(world.child) not in page


def test_the_health_visitor_sees_the_adbb_follow_up_due(world: World, frozen: None) -> None:
    health = make_health()
    scoring = AdbbScreeningFactory.create(
        child=health.baby, unit=health.unit, screened_on=date(2026, 9, 20), adbb_total=9
    )
    colleague = f.staff(Role.PROFESSIONAL, health.unit, username="hanne")
    for user in (health.nurse, colleague):
        page = home(user)
        assert "Opfølgende ADBB-besøg" in page
        assert str(health.baby) in page
        url = reverse("screening:adbb_follow_up", args=[health.baby.pk, scoring.pk])
        assert url in page
        assert "Trivselsrunden" not in page  # the health visitors have no round
    assert AccessLog.objects.filter(user=health.nurse, unit=health.unit).count() == 1
    # A daycare's staff and everyone else: no ADBB panel.
    for user in (world.owner, world.outsider, world.role_users[Role.MANAGEMENT]):
        page = home(user)
        assert "Opfølgende ADBB-besøg" not in page
        assert str(health.baby) not in page


def test_an_adbb_below_the_cutoff_is_not_due(world: World, frozen: None) -> None:
    health = make_health()
    AdbbScreeningFactory.create(child=health.baby, unit=health.unit, adbb_total=2)
    page = home(health.nurse)
    assert "Ingen børn venter på et opfølgende ADBB-besøg." in page
