"""Compare-and-set on a version: the second of two writers who read the same version gets a
Conflict with the row as it is now; every write leaves a history row."""

from __future__ import annotations

import pytest
from django.db.models import Q

from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.errors import Conflict
from sikkerhedsnet.lib.versions import bump, check_version, compare_and_set
from sikkerhedsnet.screening.models import Position, Screening
from sikkerhedsnet.screening.tests.factories import ScreeningFactory


class _StaleScreening(Conflict):
    pass


@pytest.fixture
def screening(world: World) -> Screening:
    return ScreeningFactory.create(child=world.child, unit=world.unit, position=Position.GREEN)


def _history_count(screening: Screening) -> int:
    count: int = Screening.history.filter(id=screening.pk).count()
    return count


def test_a_write_on_the_version_read_succeeds_and_leaves_history(
    world: World, screening: Screening
) -> None:
    before = _history_count(screening)
    now = compare_and_set(
        Screening, pk=screening.pk, expected_version=1, actor=world.owner, position=Position.YELLOW
    )
    assert (now.version, now.position) == (2, Position.YELLOW)
    assert _history_count(screening) == before + 1


def test_the_second_writer_of_the_same_version_gets_the_row_as_it_is(
    world: World, screening: Screening
) -> None:
    compare_and_set(
        Screening, pk=screening.pk, expected_version=1, actor=world.owner, position=Position.RED
    )
    with pytest.raises(_StaleScreening) as raised:
        compare_and_set(
            Screening,
            pk=screening.pk,
            expected_version=1,
            actor=world.colleague,
            conflict=_StaleScreening,
            position=Position.YELLOW,
        )
    current = raised.value.current
    assert isinstance(current, Screening)
    assert (current.position, current.version) == (Position.RED, 2)
    assert Screening.objects.get(pk=screening.pk).position == Position.RED


def test_a_row_that_no_longer_matches_the_condition_is_a_conflict(
    world: World, screening: Screening
) -> None:
    with pytest.raises(Conflict):
        compare_and_set(
            Screening,
            pk=screening.pk,
            expected_version=1,
            actor=world.owner,
            only_if=Q(position=Position.RED),
            position=Position.YELLOW,
        )
    assert Screening.objects.get(pk=screening.pk).version == 1


def test_check_version_refuses_a_stale_page_before_any_rule(
    world: World, screening: Screening
) -> None:
    assert check_version(screening, 1).pk == screening.pk
    bump(screening, actor=world.owner)
    with pytest.raises(Conflict):
        check_version(screening, 1)
