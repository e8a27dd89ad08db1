"""meeting_minutes_missing at its edges, and the escalation sources, time frozen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from sikkerhedsnet.collaboration.tests.factories import at, make_agenda_item, make_meetings
from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.safetynet.selectors import flags_for_user
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory as S

RULE = "meeting_minutes_missing"


def rows(day: date) -> list[dict[str, object]]:
    rule = worklist_rule(RULE)
    return [rule.present(row) for row in rule.find(day)]


# A meeting on Monday 02.11.2026 late in the Danish evening (UTC is still the same day, but the
# meeting's Danish day is what counts); minutes due 09.11, flagged from 10.11.


def test_quiet_on_the_last_day_the_minutes_are_on_time(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 23))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    assert rows(date(2026, 11, 9)) == []


def test_flags_the_day_after_with_since_and_the_putter(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 23))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)
    [row] = rows(date(2026, 11, 10))
    assert row["child_id"] == world.child.pk
    assert row["unit_id"] == world.unit.pk
    assert row["user_id"] == world.colleague.pk
    assert row["agenda_item_id"] == item.pk
    assert row["since"] == date(2026, 11, 10)
    assert row["minutes_due"] == date(2026, 11, 9)
    assert "09.11.2026" in worklist_rule(RULE).explain(row)


def test_a_meeting_just_after_midnight_danish_time_counts_from_its_danish_day(
    world: World,
) -> None:
    # 00.30 in Copenhagen is still 01.11 in UTC: due 10.11, not 09.11.
    m = make_meetings(world, at(2026, 11, 3, 0).replace(minute=30))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    assert rows(date(2026, 11, 10)) == []
    assert len(rows(date(2026, 11, 11))) == 1


def test_written_minutes_satisfy_the_rule(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2))
    make_agenda_item(m.meeting, world.child, world.colleague, world, minutes="Drøftet.")
    assert rows(date(2026, 12, 1)) == []


def test_an_anonymous_item_is_a_row_without_a_child(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2))
    make_agenda_item(m.meeting, None, world.colleague, world, anonymous="Dreng, 4 år")
    [row] = rows(date(2026, 11, 10))
    assert row["child_id"] is None
    assert row["user_id"] == world.colleague.pk


def test_the_worklist_of_the_unit_shows_the_named_item(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2))
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    with time_machine.travel(at(2026, 11, 10, 8), tick=False):
        codes = [flag.rule.code for flag in flags_for_user(user=world.owner, at=date(2026, 11, 10))]
        outsider = flags_for_user(user=world.outsider, at=date(2026, 11, 10))
    assert RULE in codes
    assert RULE not in [flag.rule.code for flag in outsider]


def test_an_anonymous_item_reaches_the_one_who_put_it_forward_only(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2))
    make_agenda_item(m.meeting, None, world.colleague, world, anonymous="Dreng, 4 år")
    with time_machine.travel(at(2026, 11, 10, 8), tick=False):
        [flag] = [
            flag
            for flag in flags_for_user(user=world.colleague, at=date(2026, 11, 10))
            if flag.rule.code == RULE
        ]
        owner = flags_for_user(user=world.owner, at=date(2026, 11, 10))
    assert flag.child is None
    assert flag.link is not None
    assert flag.link.url == f"/tvaerfaglige-moeder/{m.meeting.pk}/"
    assert RULE not in [flag.rule.code for flag in owner]


# Escalation: "yellow or red two rounds in a row" is quiet once the child went further --------

REPEATED = "repeated_concern_not_escalated"
DAY = date(2026, 11, 24)


def _two_rounds(world: World) -> None:
    S.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 2, 10), position=Position.RED
    )
    S.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 10, 1), position=Position.YELLOW
    )


def _flagged(world: World) -> bool:
    return world.child.pk in {row["child_id"] for row in worklist_rule(REPEATED).find(DAY)}


def test_repeated_concern_without_escalation_is_flagged(world: World) -> None:
    _two_rounds(world)
    assert _flagged(world)


@pytest.mark.parametrize(("meeting_day", "escalated"), [(10, True), (9, False)])
def test_a_named_item_at_a_meeting_from_the_first_concern_escalates(
    world: World, meeting_day: int, escalated: bool
) -> None:
    _two_rounds(world)
    # 00.30 Danish time on the 10th is the 9th in UTC: the Danish day decides.
    starts = at(2026, 2, meeting_day, 0).replace(minute=30)
    m = make_meetings(world, starts)
    make_agenda_item(m.meeting, world.child, world.colleague, world)
    assert _flagged(world) is not escalated


def test_an_anonymous_item_does_not_escalate(world: World) -> None:
    _two_rounds(world)
    m = make_meetings(world, at(2026, 10, 20))
    make_agenda_item(m.meeting, None, world.colleague, world, anonymous="Pige, 5 år")
    assert _flagged(world)


@pytest.mark.parametrize(
    ("received", "escalated"), [(timedelta(0), True), (-timedelta(minutes=1), False)]
)
def test_a_notification_from_the_first_concern_escalates(
    world: World, received: timedelta, escalated: bool
) -> None:
    _two_rounds(world)
    start_of_concern_day = at(2026, 2, 10, 0)
    make_notification(child=world.child, at=start_of_concern_day + received, user=world.colleague)
    assert _flagged(world) is not escalated
