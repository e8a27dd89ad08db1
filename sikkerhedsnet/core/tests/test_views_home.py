"""The front page: each role sees the panels of her work (lib/front_page.py), in a bounded
number of queries, and no role sees another's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from sikkerhedsnet.cases.tests.factories import make_team
from sikkerhedsnet.collaboration.tests.factories import at, make_meetings
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.front_page import FrontPanel
from sikkerhedsnet.lib.plugins import load
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f

HEADINGS = {
    "round": "Trivselsrunden",
    "meetings": "Dine næste møder",
    "intake": "Underretninger, der venter",
    "deadlines": "Dine frister de næste 14 dage",
    "teams": "Dine teams",
    "key_figures": "Nøgletal",
    "access_log": "Seneste opslag i adgangsloggen",
}
# Each role's panels, and the queries her front page may take at most (the key figures count
# every safety-net rule: one query each).
EXPECTED: dict[str, tuple[set[str], int]] = {
    Role.PROFESSIONAL: ({"round", "meetings"}, 25),
    Role.UNIT_LEADER: ({"round", "meetings"}, 25),
    Role.INTAKE: ({"intake", "meetings"}, 20),
    Role.CASEWORKER: ({"deadlines"}, 20),
    Role.TEAM_LEADER: ({"teams"}, 20),
    Role.PPR: ({"meetings"}, 20),
    Role.MANAGEMENT: ({"key_figures"}, 45),
    Role.DATA_PROTECTION: ({"access_log"}, 20),
    Role.ADMINISTRATOR: ({"key_figures", "meetings"}, 45),
}


def test_every_panel_is_a_front_panel() -> None:
    names = [panel.name for panel in load("front_page_panels", FrontPanel)]
    assert len(names) == len(set(names)) >= 8


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_her_panels_only(
    world: World, role: str, django_assert_max_num_queries: Any
) -> None:
    make_meetings(world, at(2026, 11, 9))
    f.MembershipFactory.create(
        user=world.role_users[Role.TEAM_LEADER], unit=make_team("Familieteam Nord")
    )
    panels, max_queries = EXPECTED[role]
    user = world.role_users[role]
    client = client_for(user)
    with (
        time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=UTC), tick=False),
        django_assert_max_num_queries(max_queries),
    ):
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    for name, heading in HEADINGS.items():
        assert (heading in page) == (name in panels), (role, name)
