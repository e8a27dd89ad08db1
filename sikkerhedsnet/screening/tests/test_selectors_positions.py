from datetime import date

from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.tests.factories import GuardianFactory, UnitFactory
from sikkerhedsnet.screening.models import Position, SharingConsent
from sikkerhedsnet.screening.selectors.positions import recent_positions
from sikkerhedsnet.screening.tests.factories import ScreeningFactory as S


def _history(world: World) -> None:
    daycare = UnitFactory.create(name="Børnehaven")
    for day, position in [
        (date(2025, 2, 1), Position.GREEN),
        (date(2025, 9, 1), Position.YELLOW),
        (date(2026, 2, 1), Position.RED),
    ]:
        S.create(child=world.child, unit=daycare, screened_on=day, position=position)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 9, 1))


def test_without_consent_only_the_units_own_positions_are_seen(world: World) -> None:
    _history(world)
    seen = recent_positions(child_ids=[world.child.pk], unit=world.unit)[world.child.pk]
    assert [s.screened_on for s in seen] == [date(2026, 9, 1)]


def test_with_consent_earlier_positions_follow_the_child(world: World) -> None:
    _history(world)
    SharingConsent.objects.create(
        child=world.child,
        given_by=GuardianFactory.create(),
        given_on=date(2026, 8, 1),
        recorded_by=world.owner,
    )
    seen = recent_positions(child_ids=[world.child.pk], unit=world.unit)[world.child.pk]
    assert [s.position for s in seen] == [Position.GREEN, Position.RED, Position.YELLOW]


def test_a_withdrawn_consent_stops_it(world: World) -> None:
    _history(world)
    SharingConsent.objects.create(
        child=world.child,
        given_by=GuardianFactory.create(),
        given_on=date(2026, 8, 1),
        withdrawn_on=date(2026, 9, 1),
        recorded_by=world.owner,
    )
    seen = recent_positions(child_ids=[world.child.pk], unit=world.unit)[world.child.pk]
    assert len(seen) == 1
