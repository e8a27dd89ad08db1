"""The front page's key figures, for management: the rules' counts and the round statistics."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role, User


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


def test_management_sees_the_key_figures_and_the_round_statistics(world: World) -> None:
    # After the round with deadline 15.10.2026 both children are not screened.
    with time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=UTC), tick=False):
        page = home(world.role_users[Role.MANAGEMENT])
        assert "Nøgletal" in page
        assert f'href="{reverse("screening:statistics_units")}"' in page
        assert "Ikke vurderet i runden: 2" in page
        assert "intet barn er faldet igennem nettet" not in page
        assert str(world.child) not in page
        for user in (world.owner, world.outsider, world.role_users[Role.DATA_PROTECTION]):
            assert "Nøgletal" not in home(user)
