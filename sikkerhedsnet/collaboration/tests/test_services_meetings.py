"""Series, scheduling, putting forward with and without consent, minutes and outcomes."""

from __future__ import annotations

from datetime import datetime

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.collaboration.models import AgendaItem, Consent, MeetingOutcome
from sikkerhedsnet.collaboration.services.meetings import (
    AgendaItemConflict,
    MeetingRefused,
    agenda_item_minutes_record,
    agenda_item_put_forward,
    meeting_series_create,
    meeting_times,
    meetings_schedule,
)
from sikkerhedsnet.collaboration.tests.factories import at, make_agenda_item, make_meetings
from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import Channel, DutyGround, Notification, SourceKind
from sikkerhedsnet.lib.dates import COPENHAGEN

NOW = at(2026, 11, 2, 9)


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


def test_a_series_is_for_a_unit_or_a_district(world: World) -> None:
    series = meeting_series_create(
        actor=world.owner,
        name="Distrikt Nord",
        unit=None,
        district="Nord",
        standing_members=[world.owner],
        interval_weeks=6,
        location="Rådhuset",
    )
    assert series.district == "Nord"
    assert series.unit is None
    assert list(series.standing_members.all()) == [world.owner]
    assert AuditEvent.objects.filter(event_type="meeting_series.created").exists()
    with pytest.raises(MeetingRefused):
        meeting_series_create(
            actor=world.owner,
            name="Begge",
            unit=world.unit,
            district="Nord",
            standing_members=[],
            interval_weeks=6,
            location="",
        )


def test_meetings_keep_the_wall_clock_across_summer_time() -> None:
    first = datetime(2027, 3, 10, 13, 0, tzinfo=COPENHAGEN)
    times = meeting_times(first, count=3, interval_weeks=2)
    assert [t.astimezone(COPENHAGEN).hour for t in times] == [13, 13, 13]
    assert times[2].astimezone(COPENHAGEN).date().isoformat() == "2027-04-07"


def test_scheduling_stores_utc_and_uses_the_series_place(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    m.series.location = "Personalestuen"
    m.series.interval_weeks = 6
    m.series.save()
    meetings = meetings_schedule(
        actor=world.owner, series=m.series, first_starts_at=at(2026, 12, 1), count=2, location=""
    )
    assert meetings[0].starts_at.utcoffset() is not None
    meetings[1].refresh_from_db()
    assert meetings[1].starts_at == at(2027, 1, 12)
    assert meetings[1].location == "Personalestuen"


def test_scheduling_refuses_the_past_and_too_many(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    with pytest.raises(MeetingRefused, match="fremtiden"):
        meetings_schedule(
            actor=world.owner,
            series=m.series,
            first_starts_at=at(2026, 11, 1),
            count=1,
            location="",
        )
    with pytest.raises(MeetingRefused, match="fra 1 til 12"):
        meetings_schedule(
            actor=world.owner,
            series=m.series,
            first_starts_at=at(2026, 12, 1),
            count=13,
            location="",
        )


def test_put_forward_with_consent_names_the_child(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    item = agenda_item_put_forward(
        actor=world.colleague,
        meeting=m.meeting,
        child=world.child,
        unit=world.unit,
        consent=Consent.GIVEN,
        concern="Sover dårligt.",
        parents_invited=True,
        anonymous_description="Pige, 5 år",
    )
    assert item.child == world.child
    assert item.anonymous_description == ""
    event = AuditEvent.objects.get(event_type="agenda_item.put_forward")
    assert event.extra["child"] == world.child.pk


def test_put_forward_without_consent_stores_no_child_anywhere(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    item = agenda_item_put_forward(
        actor=world.colleague,
        meeting=m.meeting,
        child=world.child,
        unit=world.unit,
        consent=Consent.NOT_GIVEN,
        concern="Sover dårligt.",
        parents_invited=False,
        anonymous_description="Pige, 5 år",
    )
    assert item.child is None
    assert item.anonymous_description == "Pige, 5 år"
    assert not AgendaItem.history.filter(child_id=world.child.pk).exists()
    event = AuditEvent.objects.get(event_type="agenda_item.put_forward")
    assert event.extra["child"] is None


def test_put_forward_without_consent_needs_a_description(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 20))
    with pytest.raises(MeetingRefused, match="anonym beskrivelse"):
        agenda_item_put_forward(
            actor=world.colleague,
            meeting=m.meeting,
            child=world.child,
            unit=world.unit,
            consent=Consent.NOT_GIVEN,
            concern="Sover dårligt.",
            parents_invited=False,
            anonymous_description="  ",
        )


def test_put_forward_refuses_a_meeting_that_was_held(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 1))
    with pytest.raises(MeetingRefused, match="holdt"):
        agenda_item_put_forward(
            actor=world.colleague,
            meeting=m.meeting,
            child=world.child,
            unit=world.unit,
            consent=Consent.GIVEN,
            concern="x",
            parents_invited=False,
        )


def _record(item: AgendaItem, world: World, outcome: str, version: int = 1) -> AgendaItem:
    return agenda_item_minutes_record(
        actor=world.owner,
        item=item,
        expected_version=version,
        minutes="Vi aftalte at underrette.",
        outcome=outcome,
    )


def test_minutes_are_a_compare_and_set(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 8))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)
    saved = _record(item, world, MeetingOutcome.REFER_PPR)
    assert saved.version == 2
    assert saved.minutes_by == world.owner
    with pytest.raises(AgendaItemConflict) as conflict:
        _record(item, world, MeetingOutcome.CONTINUE_WITH_PLAN, version=1)
    assert conflict.value.current.outcome == MeetingOutcome.REFER_PPR
    item.refresh_from_db()
    assert item.outcome == MeetingOutcome.REFER_PPR
    assert item.version == 2
    assert item.history.count() == 2


def test_minutes_wait_for_the_meeting_day(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 3, 8))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)
    with pytest.raises(MeetingRefused, match="mødedagen"):
        _record(item, world, "")


def test_notification_outcome_notifies_intake_once_for_a_named_child(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 8))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)
    saved = _record(item, world, MeetingOutcome.NOTIFICATION)
    notification = saved.notification
    assert notification is not None
    assert notification.child == world.child
    assert notification.notifier_user == world.owner
    assert notification.is_professional
    assert notification.channel == Channel.MEETING
    assert notification.source_kind == SourceKind.DAYCARE
    assert notification.duty_ground == DutyGround.NEED_OF_SUPPORT
    assert notification.receipt_due_on is not None
    assert "Trækker sig fra legen." in notification.text
    again = _record(saved, world, MeetingOutcome.NOTIFICATION, version=saved.version)
    assert again.notification == notification
    assert Notification.objects.count() == 1


def test_the_outcome_cannot_leave_a_sent_notification(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 8))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)
    saved = _record(item, world, MeetingOutcome.NOTIFICATION)
    with pytest.raises(MeetingRefused, match="allerede sendt"):
        _record(saved, world, MeetingOutcome.REFER_PPR, version=saved.version)


def test_notification_outcome_of_an_anonymous_item_sends_nothing(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 2, 8))
    item = make_agenda_item(m.meeting, None, world.colleague, world, anonymous="Dreng, 4 år")
    saved = _record(item, world, MeetingOutcome.NOTIFICATION)
    assert saved.outcome == MeetingOutcome.NOTIFICATION
    assert saved.notification is None
    assert not Notification.objects.exists()


def test_a_failed_notification_leaves_no_minutes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = make_meetings(world, at(2026, 11, 2, 8))
    item = make_agenda_item(m.meeting, world.child, world.colleague, world)

    def broken(**_: object) -> None:
        raise RuntimeError("intake is down")

    # The hook "meeting_notification" is intake's; intake fails inside the same transaction.
    monkeypatch.setattr("sikkerhedsnet.intake.services.receiving.notification_receive", broken)
    with pytest.raises(RuntimeError):
        _record(item, world, MeetingOutcome.NOTIFICATION)
    item.refresh_from_db()
    assert item.minutes == ""
    assert item.version == 1
