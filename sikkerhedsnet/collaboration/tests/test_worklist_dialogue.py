"""The rules for booked dialogue meetings, time frozen: the day before, on the day, after."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.collaboration.tests.factories import DialogueMeetingFactory
from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import User
from sikkerhedsnet.safetynet.selectors import flags_for_user

TOMORROW = "dialogue_meeting_tomorrow"
WITHOUT_RECORD = "dialogue_meeting_without_record"
# Tuesday 24.11.2026 at 08.30 Danish time. A meeting at 00.30 is still the 23rd in UTC; each is
# counted by its Danish day.
STARTS = datetime(2026, 11, 24, 8, 30, tzinfo=COPENHAGEN)


def _planned(world: World, starts: datetime = STARTS, **kwargs: object) -> DialogueMeeting:
    fields: dict[str, object] = {
        "child": world.child,
        "unit": world.unit,
        "status": DialogueStatus.PLANNED,
        "starts_at": starts,
        "place": "Stuen",
        "booked_by": world.colleague,
        "held_on": None,
        "participants": "",
        "staff_view": "",
        "parents_view": "",
        "agreed": "",
    }
    return DialogueMeetingFactory.create(**{**fields, **kwargs})


def rows(code: str, at: date | datetime) -> list[dict[str, object]]:
    rule = worklist_rule(code)
    return [rule.present(row) for row in rule.find(at)]


def _codes(user: User, at: datetime) -> list[str]:
    with time_machine.travel(at, tick=False):
        return [flag.rule.code for flag in flags_for_user(user=user, at=at)]


# The reminder the day before --------------------------------------------------------------------


def test_the_reminder_is_there_the_day_before_for_the_booker(world: World) -> None:
    meeting = _planned(world)
    [row] = rows(TOMORROW, date(2026, 11, 23))
    assert row["user_id"] == world.colleague.pk
    assert row["meeting_id"] == meeting.pk
    assert row["since"] == date(2026, 11, 23)
    explained = worklist_rule(TOMORROW).explain(row)
    assert "24.11.2026 kl. 08.30" in explained
    assert "Stuen" in explained


@pytest.mark.parametrize("day", [date(2026, 11, 22), date(2026, 11, 24), date(2026, 11, 25)])
def test_the_reminder_is_quiet_two_days_before_on_the_day_and_after(
    world: World, day: date
) -> None:
    _planned(world)
    assert rows(TOMORROW, day) == []


def test_a_meeting_just_after_midnight_is_reminded_by_its_danish_day(world: World) -> None:
    # 00.30 on the 24th in Copenhagen is 23.30 on the 23rd in UTC.
    _planned(world, datetime(2026, 11, 24, 0, 30, tzinfo=COPENHAGEN))
    assert len(rows(TOMORROW, datetime(2026, 11, 23, 23, 0, tzinfo=COPENHAGEN))) == 1
    assert rows(TOMORROW, datetime(2026, 11, 22, 23, 0, tzinfo=COPENHAGEN)) == []


def test_only_the_booker_is_reminded_not_the_rest_of_the_unit(world: World) -> None:
    _planned(world)
    evening = datetime(2026, 11, 23, 16, tzinfo=COPENHAGEN)
    assert TOMORROW in _codes(world.colleague, evening)
    assert TOMORROW not in _codes(world.owner, evening)
    assert TOMORROW not in _codes(world.outsider, evening)


def test_a_cancelled_meeting_is_not_reminded(world: World) -> None:
    _planned(world, status=DialogueStatus.CANCELLED)
    assert rows(TOMORROW, date(2026, 11, 23)) == []


# A planned meeting whose day has passed without a record -----------------------------------------


def test_without_record_is_quiet_the_day_before_and_on_the_day(world: World) -> None:
    _planned(world)
    assert rows(WITHOUT_RECORD, date(2026, 11, 23)) == []
    assert rows(WITHOUT_RECORD, date(2026, 11, 24)) == []
    assert rows(WITHOUT_RECORD, datetime(2026, 11, 24, 23, 59, tzinfo=COPENHAGEN)) == []


def test_without_record_is_flagged_from_the_day_after(world: World) -> None:
    meeting = _planned(world)
    [row] = rows(WITHOUT_RECORD, date(2026, 11, 25))
    assert (row["child_id"], row["unit_id"], row["user_id"]) == (
        world.child.pk,
        world.unit.pk,
        world.colleague.pk,
    )
    assert row["since"] == date(2026, 11, 25)
    assert "24.11.2026 kl. 08.30" in worklist_rule(WITHOUT_RECORD).explain(row)
    link = worklist_rule(WITHOUT_RECORD).link_for(row)
    assert link is not None
    assert link.url == f"/boern/{world.child.pk}/dialogmoeder/{meeting.pk}/"


def test_a_record_or_a_cancellation_ends_the_flag(world: World) -> None:
    meeting = _planned(world)
    DialogueMeeting.objects.filter(pk=meeting.pk).update(
        status=DialogueStatus.HELD, held_on=date(2026, 11, 24), recorded_by=world.colleague
    )
    _planned(world, status=DialogueStatus.CANCELLED)
    assert rows(WITHOUT_RECORD, date(2026, 12, 1)) == []


def test_without_record_reaches_the_unit_and_not_outsiders(world: World) -> None:
    _planned(world)
    after = datetime(2026, 11, 25, 9, tzinfo=COPENHAGEN)
    assert WITHOUT_RECORD in _codes(world.colleague, after)
    assert WITHOUT_RECORD in _codes(world.owner, after)
    assert WITHOUT_RECORD not in _codes(world.outsider, after)
