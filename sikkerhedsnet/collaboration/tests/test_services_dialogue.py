"""Recording a dialogue meeting: the audit row, the dates it refuses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.collaboration.models import DialogueMeeting
from sikkerhedsnet.collaboration.services.dialogue import DialogueRefused, dialogue_meeting_record
from sikkerhedsnet.conftest import World

CPH = ZoneInfo("Europe/Copenhagen")


def _record(world: World, held_on: date) -> DialogueMeeting:
    return dialogue_meeting_record(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        held_on=held_on,
        participants=" Mor ",
        staff_view="Trækker sig.",
        parents_view="Sover dårligt.",
        agreed="Vi ses igen.",
    )


def test_a_meeting_is_recorded_with_an_audit_row(world: World) -> None:
    with time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=CPH), tick=False):
        meeting = _record(world, date(2026, 11, 2))
    assert meeting.participants == "Mor"
    assert meeting.recorded_by == world.colleague
    event = AuditEvent.objects.get(event_type="dialogue_meeting.recorded")
    assert (event.subject_id, event.extra["child"]) == (meeting.pk, world.child.pk)


def test_a_meeting_tomorrow_is_refused(world: World) -> None:
    late = time_machine.travel(datetime(2026, 11, 2, 23, 30, tzinfo=CPH), tick=False)
    with late, pytest.raises(DialogueRefused, match="fremtiden"):
        _record(world, date(2026, 11, 3))
    assert not DialogueMeeting.objects.exists()


def test_a_meeting_before_the_birth_is_refused(world: World) -> None:
    with pytest.raises(DialogueRefused, match="før barnets fødsel"):
        _record(world, world.child.birth_date - timedelta(days=1))
