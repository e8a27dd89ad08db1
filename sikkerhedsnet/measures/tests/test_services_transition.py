from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.measures.models import AdultServicesCoordinator
from sikkerhedsnet.measures.services.transition import CoordinatorChanged, adult_coordinator_name

TODAY = date(2026, 6, 15)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _name(tw: TeamWorld, *, expected: str, name: str) -> AdultServicesCoordinator:
    return adult_coordinator_name(
        actor=tw.owner,
        child=tw.child,
        expected_name=expected,
        name=name,
        contact="Voksenhandicap, tlf. 1234 5678",
        named_on=TODAY,
    )


def test_a_coordinator_is_named_and_can_be_replaced(tw: TeamWorld) -> None:
    _name(tw, expected="", name="Karin Voksen")
    replaced = _name(tw, expected="Karin Voksen", name="Jens Jobcenter")
    assert AdultServicesCoordinator.objects.get(child=tw.child) == replaced
    assert replaced.name == "Jens Jobcenter"
    assert replaced.history.count() == 2


def test_naming_from_an_older_page_is_refused(tw: TeamWorld) -> None:
    _name(tw, expected="", name="Karin Voksen")
    with pytest.raises(CoordinatorChanged) as caught:
        _name(tw, expected="", name="Jens Jobcenter")
    assert caught.value.current is not None
    assert caught.value.current.name == "Karin Voksen"


def test_a_coordinator_needs_a_name_and_a_date_not_in_the_future(tw: TeamWorld) -> None:
    with pytest.raises(Refused, match="navn"):
        _name(tw, expected="", name="  ")
    with pytest.raises(Refused, match="fremtiden"):
        adult_coordinator_name(
            actor=tw.owner,
            child=tw.child,
            expected_name="",
            name="Karin",
            contact="",
            named_on=date(2026, 6, 16),
        )
