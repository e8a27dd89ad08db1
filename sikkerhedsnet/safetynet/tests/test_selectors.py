from datetime import date, datetime, timedelta

import time_machine
from django.utils import timezone, translation

from sikkerhedsnet.collaboration.models import DialogueStatus
from sikkerhedsnet.collaboration.tests.factories import DialogueMeetingFactory
from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import DecisionKind, Notification
from sikkerhedsnet.intake.services.handling import decision_record, urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.lib.worklist import worklist_rules
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.safetynet.selectors import flags_for_user, rule_counts

NOV_20 = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)
OCT_1 = datetime(2026, 10, 1, 10, 0, tzinfo=CPH)


def test_every_rule_has_a_unique_code_a_title_and_who_acts() -> None:
    codes = [rule.code for rule in worklist_rules()]
    assert len(codes) == len(set(codes)) >= 4
    assert all(rule.title and rule.who_acts and rule.explanation for rule in worklist_rules())


def test_counts_cover_the_whole_municipality(world: World) -> None:
    assert rule_counts(at=date(2026, 11, 24))["not_screened"] == 2


def test_flags_are_oldest_first_and_explained(world: World) -> None:
    flags = flags_for_user(user=world.owner, at=date(2026, 11, 24))
    assert [flag.child for flag in flags] == [world.child]
    assert flags[0].since == date(2026, 10, 16)
    assert "15.10.2026" in flags[0].explanation


# Most urgent first --------------------------------------------------------------------------------

FRI_DEC_4 = datetime(2026, 12, 4, 9, 0, tzinfo=CPH)


def _assessed(notification: Notification, intake: User) -> Notification:
    urgent_assessment_record(
        actor=intake,
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    notification.refresh_from_db()
    return notification


def _decided(notification: Notification, intake: User) -> Notification:
    notification = _assessed(notification, intake)
    decision_record(
        actor=intake,
        notification=notification,
        expected_version=notification.version,
        kind=DecisionKind.EARLY_ADVICE,
        reason="Rådgivning.",
    )
    notification.refresh_from_db()
    return notification


def _intakes_worklist(world: World) -> list[tuple[str, str | None]]:
    """Intake's rows on 04.12.2026 kl. 9: four rules, one row each, in four kinds of urgency."""
    intake = world.role_users[Role.INTAKE]
    with time_machine.travel(FRI_DEC_4, tick=False):
        # A repeated concern to read together, on the child since 03.10: due, no deadline.
        _decided(make_notification(child=world.child, at=OCT_1, professional=False), intake)
        repeated = make_notification(
            child=world.child, at=OCT_1 + timedelta(days=2), name="Nabo", professional=False
        )
        _decided(repeated, intake)
        # A receipt due 30.11 (6 working days after 20.11), never sent: overdue from 01.12.
        _decided(make_notification(child=None, at=NOV_20, name="Skolen"), intake)
        # Assessed, no decision 7 days after 25.11 kl. 10: overdue from 02.12 kl. 10.
        anonymous = make_notification(
            child=None, at=datetime(2026, 11, 25, 10, 0, tzinfo=CPH), anonymous=True
        )
        _assessed(anonymous, intake)
        # Received 25 hours ago and not assessed: the 24 hours ran out an hour ago.
        make_notification(child=None, at=FRI_DEC_4 - timedelta(hours=25), name="Politiet")
        flags = flags_for_user(user=intake, at=timezone.now())
    return [(flag.rule.code, flag.deadline) for flag in flags]


def test_a_24_hour_breach_heads_the_list_then_the_longest_overdue_then_what_is_due(
    world: World,
) -> None:
    assert _intakes_worklist(world) == [
        ("notification_not_assessed", "Overskredet med 1 time"),
        ("receipt_overdue", "Overskredet med 4 dage"),
        ("notification_without_decision", "Overskredet med 2 dage"),
        ("repeated_concern_not_looked_at", "Ingen frist"),
    ]


def test_a_day_deadline_counts_the_days_from_the_day_after_it(world: World) -> None:
    # The round's deadline was 15.10; on 24.11 it is 40 days overdue (16.10 is the first).
    (flag,) = flags_for_user(user=world.owner, at=date(2026, 11, 24))
    assert (flag.overdue, flag.deadline) == (True, "Overskredet med 40 dage")


def _dialogue_meeting_booked(world: World, starts: datetime) -> None:
    DialogueMeetingFactory.create(
        child=world.child,
        unit=world.unit,
        status=DialogueStatus.PLANNED,
        starts_at=starts,
        place="Stuen",
        booked_by=world.colleague,
        held_on=None,
    )


def test_a_reminder_before_its_moment_is_due_after_what_is_overdue(world: World) -> None:
    _dialogue_meeting_booked(world, datetime(2026, 11, 24, 8, 30, tzinfo=CPH))
    at = datetime(2026, 11, 23, 9, 0, tzinfo=CPH)
    with time_machine.travel(at, tick=False):
        flags = flags_for_user(user=world.colleague, at=at)
    assert [(flag.rule.code, flag.overdue, flag.deadline) for flag in flags] == [
        ("not_screened", True, "Overskredet med 39 dage"),
        ("dialogue_meeting_tomorrow", False, "Senest 24.11.2026 kl. 08.30"),
    ]


def test_in_english_a_deadline_with_a_clock_has_no_kl(world: World) -> None:
    _dialogue_meeting_booked(world, datetime(2026, 11, 24, 8, 30, tzinfo=CPH))
    at = datetime(2026, 11, 23, 9, 0, tzinfo=CPH)
    with time_machine.travel(at, tick=False), translation.override("en"):
        flags = flags_for_user(user=world.colleague, at=at)
        reminder = next(flag for flag in flags if flag.rule.code == "dialogue_meeting_tomorrow")
        assert reminder.deadline == "By 24.11.2026 at 08:30"
        assert "tomorrow, 24.11.2026 at 08:30, Stuen" in reminder.explanation
