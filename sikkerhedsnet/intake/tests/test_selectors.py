from datetime import datetime, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import DecisionKind, Notification, Status
from sikkerhedsnet.intake.selectors import (
    assessment_clock,
    concern_flags,
    decided_queue,
    duration_text,
    notifications_count_text,
    notifiers_count_text,
    open_queue,
    queue_rows,
)
from sikkerhedsnet.intake.services.handling import decision_record, urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import CPH, make_notification

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


def _assess(world: World, notification: Notification) -> Notification:
    urgent_assessment_record(
        actor=world.role_users["intake"],
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    notification.refresh_from_db()
    return notification


def test_the_clock_shows_time_left_rounded_down() -> None:
    assert duration_text(timedelta(hours=13, minutes=20, seconds=59), round_up=False) == (
        "13 t 20 min"
    )
    assert duration_text(timedelta(minutes=20), round_up=False) == "20 min"
    assert duration_text(timedelta(days=2, hours=3, minutes=5), round_up=True) == (
        "2 døgn 3 t 5 min"
    )
    assert duration_text(timedelta(seconds=1), round_up=True) == "1 min"
    assert duration_text(timedelta(hours=47, minutes=59), round_up=True) == "47 t 59 min"


def test_the_clock_at_its_edges(world: World) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    due = notification.assessment_due_at
    assert due == FRI + timedelta(hours=24)

    at_receipt = assessment_clock(notification, FRI)
    assert at_receipt.text == "24 t 0 min tilbage"
    assert not at_receipt.overdue

    exactly_due = assessment_clock(notification, due)
    assert exactly_due.text == "0 min tilbage"
    assert not exactly_due.overdue

    one_minute_late = assessment_clock(notification, due + timedelta(minutes=1))
    assert one_minute_late.text == "overskredet med 1 min"
    assert one_minute_late.overdue

    # Half a minute late is late: the overdue time rounds up, never down to nothing.
    assert assessment_clock(notification, due + timedelta(seconds=30)).overdue
    later = assessment_clock(notification, due + timedelta(hours=2, minutes=5))
    assert later.text == "overskredet med 2 t 5 min"


def test_the_clock_stops_at_the_assessment(world: World) -> None:
    with time_machine.travel(FRI + timedelta(hours=3), tick=False):
        notification = _assess(world, make_notification(child=None, at=FRI, name="Skolen"))
    clock = assessment_clock(notification, FRI + timedelta(days=3))
    assert clock.stopped
    assert not clock.overdue
    assert clock.text == "vurderet inden for fristen"

    with time_machine.travel(FRI + timedelta(hours=26, minutes=5), tick=False):
        late = _assess(world, make_notification(child=None, at=FRI, name="Politiet"))
    clock = assessment_clock(late, FRI + timedelta(days=3))
    assert clock.overdue
    assert clock.text == "vurderet 2 t 5 min efter fristen"


def test_the_queue_puts_the_first_due_first_then_the_assessed(world: World) -> None:
    with time_machine.travel(FRI + timedelta(hours=5), tick=False):
        older = make_notification(child=None, at=FRI - timedelta(hours=2), name="A")
        newer = make_notification(child=None, at=FRI, name="B")
        assessed = _assess(
            world, make_notification(child=None, at=FRI - timedelta(hours=10), name="C")
        )
        assessed_later = _assess(
            world, make_notification(child=None, at=FRI - timedelta(hours=1), name="D")
        )
        decided = _assess(
            world, make_notification(child=None, at=FRI - timedelta(hours=3), name="E")
        )
        decision_record(
            actor=world.role_users["intake"],
            notification=decided,
            expected_version=decided.version,
            kind=DecisionKind.EARLY_ADVICE,
            reason="",
        )
    assert list(open_queue()) == [older, newer, assessed, assessed_later]
    assert list(decided_queue()) == [decided]


def test_queue_rows_cost_one_query_per_page(world: World) -> None:
    for hour in range(6):
        make_notification(child=world.child, at=FRI + timedelta(hours=hour), name=f"N{hour}")
    with CaptureQueriesContext(connection) as queries:
        rows = queue_rows(list(open_queue()[:50]), FRI + timedelta(hours=30))
        texts = [(row.notification.child.full_name, row.clock.text) for row in rows]  # type: ignore[union-attr]
    assert len(texts) == 6
    assert len(queries) == 1


def test_repeated_concern_flags_from_the_stored_counts(world: World) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=100), name="Skolen")
    make_notification(child=world.child, at=FRI - timedelta(days=3), name="Tandplejen")
    third = make_notification(child=world.child, at=FRI, name="Politiet")
    assert concern_flags(third) == [
        "3 underretninger på 12 måneder",
        "2 forskellige underrettere på 7 dage",
    ]
    alone = make_notification(child=world.other_child, at=FRI, name="Skolen")
    assert concern_flags(alone) == []


def test_an_unmatched_notification_has_no_flags(world: World) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    Notification.objects.filter(pk=notification.pk).update(notifications_in_12_months=5)
    notification.refresh_from_db()
    assert concern_flags(notification) == []
    assert notification.status == Status.RECEIVED


def test_the_counts_read_in_the_right_number(settings: Settings) -> None:
    assert notifiers_count_text(1) == "1 forskellig underretter på 7 dage"
    assert notifiers_count_text(3) == "3 forskellige underrettere på 7 dage"
    assert notifications_count_text(1) == "1 underretning på 12 måneder"
    assert notifications_count_text(2) == "2 underretninger på 12 måneder"
    settings.SIKKERHEDSNET_POLICY = {
        "different_notifiers_days": 1,
        "repeated_notifications_months": 1,
    }
    assert notifiers_count_text(2) == "2 forskellige underrettere på 1 dag"
    assert notifications_count_text(3) == "3 underretninger på 1 måned"


def test_one_notifier_is_one_forskellig_underretter(world: World, settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"different_notifiers_count": 1}
    notification = make_notification(child=world.child, at=FRI, name="Skolen")
    assert concern_flags(notification) == ["1 forskellig underretter på 7 dage"]


def test_the_status_says_when_the_assessment_came_too_late(world: World) -> None:
    with time_machine.travel(FRI + timedelta(hours=3), tick=False):
        on_time = _assess(world, make_notification(child=None, at=FRI, name="Skolen"))
    with time_machine.travel(FRI + timedelta(hours=26), tick=False):
        late = _assess(world, make_notification(child=None, at=FRI, name="Politiet"))
    waiting = make_notification(child=None, at=FRI, name="Tandplejen")
    rows = queue_rows([on_time, late, waiting], FRI + timedelta(days=2))
    assert [row.status for row in rows] == ["Vurderet", "Vurderet efter fristen", "Modtaget"]
