from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position, Rating, Screening
from sikkerhedsnet.screening.selectors.positions import joint_in_round
from sikkerhedsnet.screening.services import positions
from sikkerhedsnet.screening.services.positions import (
    JointPositionConflict,
    JointPositionTakenElsewhere,
    PositionRefused,
    joint_position_set,
    rating_set,
)
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

CPH = ZoneInfo("Europe/Copenhagen")
NOV_22 = datetime(2026, 11, 22, 10, 0, tzinfo=CPH)
TODAY = NOV_22
NEXT_DEADLINE = date(2027, 3, 1)
pytestmark = pytest.mark.usefixtures("today")


def _joint(world: World, position: str = Position.GREEN, **kwargs: Any) -> Screening:
    values: dict[str, Any] = {
        "actor": world.colleague,
        "child": world.child,
        "unit": world.unit,
        "position": position,
        "reason": "",
        "expected_version": None,
    }
    return joint_position_set(**(values | kwargs))


# Own ratings -----------------------------------------------------------------------------


def test_a_rating_is_created_in_the_current_round(world: World) -> None:
    rating = rating_set(
        actor=world.colleague, child=world.child, unit=world.unit, position=Position.YELLOW
    )
    assert (rating.round_deadline, rating.position, rating.rater) == (
        NEXT_DEADLINE,
        Position.YELLOW,
        world.colleague,
    )
    event = AuditEvent.objects.get()
    assert (event.actor, event.event_type, event.subject_id) == (
        world.colleague,
        "screening.rating_set",
        rating.pk,
    )
    assert event.extra["position"] == "yellow"


def test_a_rating_is_changed_in_place_and_the_history_keeps_the_old_value(world: World) -> None:
    first = rating_set(
        actor=world.colleague, child=world.child, unit=world.unit, position=Position.GREEN
    )
    second = rating_set(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        position=Position.RED,
        reason="Trist i flere uger",
    )
    assert first.pk == second.pk
    assert Rating.objects.count() == 1
    history = list(second.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.position) for h in history] == [("+", "green"), ("~", "red")]
    assert all(h.history_user == world.colleague for h in history)


def test_each_professional_has_her_own_rating(world: World) -> None:
    for actor, position in ((world.colleague, Position.GREEN), (world.owner, Position.YELLOW)):
        rating_set(actor=actor, child=world.child, unit=world.unit, position=position)
    assert sorted(Rating.objects.values_list("position", flat=True)) == ["green", "yellow"]


def test_reason_none_keeps_the_ratings_reason(world: World) -> None:
    rating_set(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        position=Position.GREEN,
        reason="Glad",
    )
    rating = rating_set(
        actor=world.colleague, child=world.child, unit=world.unit, position=Position.YELLOW
    )
    assert rating.reason == "Glad"


def test_setting_the_same_rating_again_writes_nothing(world: World) -> None:
    for _ in range(2):
        rating_set(
            actor=world.colleague, child=world.child, unit=world.unit, position=Position.GREEN
        )
    assert AuditEvent.objects.count() == 1
    assert Rating.history.count() == 1


def test_the_round_turns_after_the_deadline(world: World) -> None:
    with time_machine.travel(datetime(2027, 3, 1, 23, 59, tzinfo=CPH), tick=False):
        on_deadline = rating_set(
            actor=world.colleague, child=world.child, unit=world.unit, position=Position.GREEN
        )
    with time_machine.travel(datetime(2027, 3, 2, 0, 1, tzinfo=CPH), tick=False):
        day_after = rating_set(
            actor=world.colleague, child=world.child, unit=world.unit, position=Position.GREEN
        )
    assert on_deadline.round_deadline == date(2027, 3, 1)
    assert day_after.round_deadline == date(2027, 10, 15)
    assert on_deadline.pk != day_after.pk


# Who may set positions -------------------------------------------------------------------


def test_staff_of_another_unit_is_refused(world: World) -> None:
    with pytest.raises(PositionRefused):
        rating_set(actor=world.outsider, child=world.child, unit=world.unit, position="green")
    with pytest.raises(PositionRefused):
        _joint(world, actor=world.outsider)
    assert not AuditEvent.objects.exists()


def test_a_child_not_enrolled_in_the_unit_is_refused(world: World) -> None:
    with pytest.raises(PositionRefused):
        _joint(world, child=world.other_child)


def test_a_child_who_has_left_the_unit_is_refused(world: World) -> None:
    world.child.enrolments.update(until=date(2026, 11, 1))
    with pytest.raises(PositionRefused):
        rating_set(actor=world.owner, child=world.child, unit=world.unit, position="green")


def test_a_role_that_is_not_unit_staff_is_refused_even_as_a_member(world: World) -> None:
    caseworker = f.staff(Role.CASEWORKER, world.unit)
    with pytest.raises(PositionRefused):
        _joint(world, actor=caseworker)


def test_unknown_positions_and_long_reasons_are_refused(world: World) -> None:
    with pytest.raises(ValueError, match="position"):
        _joint(world, position="blue")
    with pytest.raises(ValueError, match="reason"):
        _joint(world, reason="x" * 201)


# The joint position ----------------------------------------------------------------------


def test_the_joint_position_is_created_with_version_1(world: World) -> None:
    screening = _joint(world, position=Position.YELLOW, reason="Uro i samling")
    assert (screening.version, screening.position, screening.reason) == (
        1,
        "yellow",
        "Uro i samling",
    )
    assert (screening.round_deadline, screening.screened_on) == (NEXT_DEADLINE, date(2026, 11, 22))
    assert screening.recorded_by == world.colleague
    assert screening.history.get().history_type == "+"
    event = AuditEvent.objects.get(event_type="screening.joint_position_set")
    assert event.extra["version"] == 1
    assert event.extra["previous"] == ""


def test_the_joint_position_is_changed_with_the_version_the_page_showed(world: World) -> None:
    _joint(world)
    screening = _joint(world, actor=world.owner, position=Position.RED, expected_version=1)
    assert (screening.version, screening.position, screening.recorded_by) == (2, "red", world.owner)
    latest = screening.history.order_by("-history_id").first()
    assert latest is not None
    assert (latest.history_type, latest.position, latest.version) == ("~", "red", 2)
    assert latest.history_user == world.owner
    event = AuditEvent.objects.filter(event_type="screening.joint_position_set").first()
    assert event is not None
    assert event.extra["previous"] == "green"


def test_a_stale_version_is_refused_with_the_current_value(world: World) -> None:
    _joint(world)
    _joint(world, actor=world.owner, position=Position.YELLOW, expected_version=1)
    with pytest.raises(JointPositionConflict) as refused:
        _joint(world, position=Position.RED, expected_version=1)
    conflict = refused.value
    assert (conflict.position, conflict.version, conflict.recorded_by) == ("yellow", 2, world.owner)
    assert conflict.updated_at is not None
    assert Screening.objects.get().position == "yellow"
    assert Screening.history.count() == 2


def test_creating_when_someone_else_already_created_is_a_conflict(world: World) -> None:
    _joint(world, actor=world.owner, position=Position.YELLOW)
    with pytest.raises(JointPositionConflict) as refused:
        _joint(world, position=Position.RED, expected_version=None)
    assert refused.value.recorded_by == world.owner


def test_asking_for_the_value_already_there_is_not_a_conflict(world: World) -> None:
    _joint(world, actor=world.owner, position=Position.YELLOW)
    screening = _joint(world, position=Position.YELLOW, expected_version=None)
    assert screening.version == 1
    assert Screening.history.count() == 1


def test_the_reason_alone_can_be_changed(world: World) -> None:
    _joint(world)
    screening = _joint(world, reason="Trives i gruppen", expected_version=1)
    assert (screening.version, screening.reason) == (2, "Trives i gruppen")


def test_losing_the_race_to_create_is_a_conflict(world: World, monkeypatch: Any) -> None:
    """Both read "none", the other insert wins: the unique constraint decides, not a 500."""
    _joint(world, actor=world.owner, position=Position.YELLOW)
    real = joint_in_round
    reads: list[Screening | None] = []

    def first_read_sees_none(**kwargs: Any) -> Screening | None:
        reads.append(real(**kwargs) if reads else None)
        return reads[-1]

    monkeypatch.setattr(positions, "joint_in_round", first_read_sees_none)
    with pytest.raises(JointPositionConflict) as refused:
        _joint(world, position=Position.RED)
    assert refused.value.position == "yellow"
    assert len(reads) == 2  # the second read is the one after the refused insert
    assert Screening.objects.get().position == "yellow"


def test_losing_the_compare_and_set_is_a_conflict(world: World, monkeypatch: Any) -> None:
    """The version moved between our read and our UPDATE … WHERE version = expected."""
    _joint(world)
    real = joint_in_round

    def read_then_someone_writes(**kwargs: Any) -> Screening | None:
        seen = real(**kwargs)
        Screening.objects.update(position=Position.RED, version=2)
        return seen

    monkeypatch.setattr(positions, "joint_in_round", read_then_someone_writes)
    with pytest.raises(JointPositionConflict) as refused:
        _joint(world, position=Position.YELLOW, expected_version=1)
    assert (refused.value.position, refused.value.version) == ("red", 2)


def test_a_joint_position_set_by_another_unit_in_the_round_is_not_overwritten(
    world: World,
) -> None:
    ScreeningFactory.create(
        child=world.child, unit=world.other_unit, screened_on=date(2026, 11, 1), position="red"
    )
    with pytest.raises(JointPositionTakenElsewhere):
        _joint(world)
    assert Screening.objects.get().unit == world.other_unit


def test_last_rounds_position_is_left_alone(world: World) -> None:
    ScreeningFactory.create(child=world.child, unit=world.unit, screened_on=date(2026, 10, 1))
    screening = _joint(world, position=Position.RED)
    assert Screening.objects.count() == 2
    assert screening.version == 1


# Units without a round of their own ------------------------------------------------------


def _staff_in(kind: str, world: World) -> tuple[Any, Any]:
    unit = f.UnitFactory.create(kind=kind)
    f.EnrolmentFactory.create(child=world.child, unit=unit, since=date(2026, 8, 1))
    return unit, f.staff(Role.PROFESSIONAL, unit)


def test_an_sfo_rates_beside_the_school_but_never_sets_the_joint_position(world: World) -> None:
    sfo, pedagogue = _staff_in("sfo", world)
    rating = rating_set(actor=pedagogue, child=world.child, unit=sfo, position=Position.YELLOW)
    assert rating.unit == sfo
    with pytest.raises(PositionRefused):
        _joint(world, actor=pedagogue, unit=sfo)
    assert joint_in_round(child=world.child, deadline=NEXT_DEADLINE) is None


@pytest.mark.parametrize("kind", ["dental", "health_visiting"])
def test_units_outside_the_rounds_neither_rate_nor_set_positions(world: World, kind: str) -> None:
    unit, professional = _staff_in(kind, world)
    with pytest.raises(PositionRefused):
        rating_set(actor=professional, child=world.child, unit=unit, position=Position.GREEN)
    with pytest.raises(PositionRefused):
        _joint(world, actor=professional, unit=unit)
