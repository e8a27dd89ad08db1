from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sikkerhedsnet.lib.errors import Conflict
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus
from sikkerhedsnet.measures.selectors.catalogue import measure_path, placement_mix
from sikkerhedsnet.measures.services.decisions import MeasureRefused
from sikkerhedsnet.measures.services.placements import measure_move
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
    make_plan_goal,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def _placed(cw: CatalogueWorld, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "kind": MeasureKind.FOSTER_FAMILY,
        "provider": "Plejefamilien Jensen",
        "legal_ground": "placement_with_consent",
        "siblings": "apart",
        "start_date": date(2026, 1, 1),
    }
    return make_measure(cw.tw, **(defaults | fields))


def move(cw: CatalogueWorld, placed: Measure, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "measure": placed,
        "expected_version": placed.version,
        "moved_on": date(2026, 4, 1),
        "kind": MeasureKind.KINSHIP_FOSTER_CARE,
        "offer": None,
        "provider": "Moster Lise",
        "monthly_cost": 12_000,
        "siblings": "together",
    }
    return measure_move(**(defaults | fields))


def test_a_move_ends_the_period_the_day_before_and_starts_the_next(cw: CatalogueWorld) -> None:
    goal = make_plan_goal(cw.tw)
    placed = _placed(cw)
    placed.goals.set([goal])
    moved = move(cw, placed)
    placed.refresh_from_db()
    assert (placed.status, placed.end_date) == (MeasureStatus.ENDED, date(2026, 3, 31))
    assert (moved.moved_from, moved.start_date, moved.status) == (
        placed,
        date(2026, 4, 1),
        MeasureStatus.ACTIVE,
    )
    assert (moved.legal_ground, moved.purpose, list(moved.goals.all())) == (
        placed.legal_ground,
        placed.purpose,
        [goal],
    )
    assert moved.next_follow_up_due is not None
    assert measure_path(placed) == [placed, moved] == measure_path(moved)


def test_the_child_is_counted_once_on_the_day_of_the_move(cw: CatalogueWorld) -> None:
    move(cw, _placed(cw))
    for day in (date(2026, 3, 31), date(2026, 4, 1)):
        assert placement_mix(day, suppressed=False).total == 1


def test_a_move_up_the_ladder_needs_a_reason(cw: CatalogueWorld) -> None:
    placed = _placed(cw)
    with pytest.raises(MeasureRefused, match="mere indgribende end det nuværende"):
        move(cw, placed, kind=MeasureKind.RESIDENTIAL_INSTITUTION, offer=cw.institution)
    # Down the ladder (to the network) needs none, though support offers fit the child.
    assert move(cw, _placed(cw)).intrusiveness_reason == ""
    moved = move(
        cw,
        placed,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        monthly_cost=None,
        intrusiveness_reason="Plejefamilien kan ikke rumme barnets udadreagerende adfærd.",
    )
    assert (moved.provider, moved.monthly_cost) == ("Kommunen", 95_000)


def test_a_full_offer_cannot_take_a_child_who_must_move(cw: CatalogueWorld) -> None:
    for _ in range(4):
        _placed(cw, kind=MeasureKind.RESIDENTIAL_INSTITUTION, offer=cw.institution)
    with pytest.raises(MeasureRefused, match="ingen ledig plads"):
        move(
            cw,
            _placed(cw),
            kind=MeasureKind.RESIDENTIAL_INSTITUTION,
            offer=cw.institution,
            intrusiveness_reason="Grund",
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"moved_on": date(2026, 1, 1)}, "efter anbringelsens start"),
        ({"moved_on": TODAY + timedelta(days=1)}, "fremtiden"),
        ({"kind": MeasureKind.FAMILY_TREATMENT}, "afslut anbringelsen"),
        ({"siblings": ""}, "søskende"),
        ({"provider": ""}, "hvor barnet flytter hen"),
    ],
)
def test_a_move_is_checked(cw: CatalogueWorld, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(MeasureRefused, match=message):
        move(cw, _placed(cw), **fields)


def test_only_an_active_placement_moves(cw: CatalogueWorld) -> None:
    with pytest.raises(MeasureRefused, match="Kun en anbringelse kan flyttes"):
        move(cw, make_measure(cw.tw))
    ended = _placed(cw, status=MeasureStatus.ENDED, end_date=date(2026, 2, 1))
    with pytest.raises(MeasureRefused, match="der er i gang"):
        move(cw, ended)


def test_a_move_is_compare_and_set(cw: CatalogueWorld) -> None:
    placed = _placed(cw)
    with pytest.raises(Conflict):
        move(cw, placed, expected_version=placed.version + 1)
    assert not Measure.objects.filter(moved_from=placed).exists()


def test_a_move_out_of_an_offer_starts_the_next_on_its_waiting_list(cw: CatalogueWorld) -> None:
    placed = [
        _placed(cw, kind=MeasureKind.RESIDENTIAL_INSTITUTION, offer=cw.institution)
        for _ in range(4)
    ]
    waiting = _placed(
        cw,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        status=MeasureStatus.WAITING,
        start_date=None,
        waiting_since=date(2026, 2, 1),
        decided_on=date(2026, 2, 1),
    )
    move(cw, placed[0], kind=MeasureKind.FOSTER_FAMILY, provider="Plejefamilien Holm")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.start_date) == (MeasureStatus.ACTIVE, date(2026, 4, 1))
