from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import (
    Addendum,
    Decision,
    DecisionKind,
    Notification,
    NotifierFeedback,
    PatternReview,
    Status,
    UrgentAssessment,
)
from sikkerhedsnet.intake.services.handling import (
    RECEIPT_KIND,
    HandlingRefused,
    NotificationConflict,
    addendum_add,
    decision_record,
    notification_match_child,
    notifier_feedback_record,
    pattern_review_record,
    receipt_send,
    urgent_assessment_record,
)
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.people.models import User
from sikkerhedsnet.post.models import Letter, LetterStatus
from sikkerhedsnet.post.services import letter_mark_sent_otherwise

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


Capture = Callable[..., Any]


@pytest.fixture
def intake(world: World) -> User:
    return world.role_users["intake"]


def assess(
    actor: User,
    notification: Notification,
    *,
    version: int | None = None,
    danger: bool = False,
    acute: bool = False,
    note: str = "Ingen akut fare.",
) -> UrgentAssessment:
    return urgent_assessment_record(
        actor=actor,
        notification=notification,
        expected_version=notification.version if version is None else version,
        danger_to_health_or_development=danger,
        acute_help_needed=acute,
        note=note,
    )


def decide(
    actor: User, notification: Notification, kind: DecisionKind, reason: str = ""
) -> Decision:
    notification.refresh_from_db()
    return decision_record(
        actor=actor,
        notification=notification,
        expected_version=notification.version,
        kind=kind,
        reason=reason,
    )


def statuses(notification: Notification) -> list[str]:
    # By id: time_machine moves the clock, so history dates need not follow the writes.
    return [row.status for row in notification.history.order_by("history_id")]


# The 24-hour assessment ---------------------------------------------------------------------------


def test_the_assessment_is_recorded_by_whom_and_when(world: World, intake: User) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    with time_machine.travel(FRI + timedelta(hours=2), tick=False):
        assessment = assess(intake, notification, danger=True, acute=False, note="Sulten og træt.")
    notification.refresh_from_db()
    assert notification.status == Status.ASSESSED
    assert notification.version == 2
    assert assessment.danger_to_health_or_development
    assert not assessment.acute_help_needed
    assert assessment.assessed_by == intake
    assert assessment.assessed_at == FRI + timedelta(hours=2)
    event = AuditEvent.objects.get(event_type="notification.assessed")
    assert event.actor == intake
    assert event.extra["within_deadline"] is True
    assert statuses(notification) == [Status.RECEIVED, Status.ASSESSED]
    latest = notification.history.order_by("history_id").last()
    assert latest is not None
    assert latest.history_user == intake


def test_a_second_assessment_is_refused(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assess(intake, notification)
    notification.refresh_from_db()
    with pytest.raises(HandlingRefused, match="allerede vurderet"):
        assess(intake, notification)
    assert UrgentAssessment.objects.count() == 1


def test_two_assessing_at_once_the_second_gets_a_conflict(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    shown = notification.version
    assess(intake, notification, version=shown, note="Først")
    with pytest.raises(NotificationConflict) as conflict:
        assess(world.owner, notification, version=shown, note="Anden")
    assert conflict.value.current.status == Status.ASSESSED
    assert conflict.value.current.version == shown + 1
    assert UrgentAssessment.objects.get().note == "Først"


# The decision -----------------------------------------------------------------------------------


def test_no_action_needs_a_reason(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assess(intake, notification)
    with pytest.raises(HandlingRefused, match="begrundelse"):
        decide(intake, notification, DecisionKind.NO_ACTION, reason="   ")
    notification.refresh_from_db()
    assert notification.status == Status.ASSESSED
    assert not Decision.objects.exists()
    decision = decide(intake, notification, DecisionKind.NO_ACTION, reason="Forældrene har hjælp.")
    assert decision.reason == "Forældrene har hjælp."


def test_the_database_refuses_no_action_without_a_reason_too(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            notification=notification, kind="no_action", decided_by=intake, decided_at=FRI
        )


def test_a_decision_waits_for_the_assessment(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    with pytest.raises(HandlingRefused, match="vurderes, før"):
        decide(intake, notification, DecisionKind.EARLY_ADVICE)


def test_a_second_decision_is_refused(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assess(intake, notification)
    decide(intake, notification, DecisionKind.EARLY_ADVICE)
    with pytest.raises(HandlingRefused, match="allerede truffet"):
        decide(intake, notification, DecisionKind.SCREENING_INQUIRY)
    assert Decision.objects.get().kind == DecisionKind.EARLY_ADVICE


def test_a_child_assessment_opens_the_case(world: World, intake: User) -> None:
    received = datetime(2026, 11, 20, 23, 30, tzinfo=CPH)  # late evening: the Danish day counts
    notification = make_notification(child=world.child, at=received, user=world.colleague)
    assess(intake, notification)
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=CPH), tick=False):
        decide(intake, notification, DecisionKind.CHILD_ASSESSMENT)
    case = Case.objects.get()
    assert case.child == world.child
    assert case.source_notification == notification
    assert case.became_aware_on == date(2026, 11, 20)
    assert case.opened_on == date(2026, 11, 23)
    assert AuditEvent.objects.filter(event_type="case.opened").count() == 1
    notification.refresh_from_db()
    assert statuses(notification) == [Status.RECEIVED, Status.ASSESSED, Status.DECIDED]


def test_a_child_assessment_needs_a_matched_child(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assess(intake, notification)
    with pytest.raises(HandlingRefused, match="barnet er fundet"):
        decide(intake, notification, DecisionKind.CHILD_ASSESSMENT)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "kind",
    [DecisionKind.EARLY_ADVICE, DecisionKind.SCREENING_INQUIRY, DecisionKind.ACUTE_MEASURE],
)
def test_other_decisions_open_no_case(world: World, intake: User, kind: DecisionKind) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    assess(intake, notification)
    decide(intake, notification, kind)
    assert not Case.objects.exists()


def test_a_decision_on_a_stale_page_is_a_conflict(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    assess(intake, notification)
    notification.refresh_from_db()
    shown = notification.version
    addendum_add(actor=world.owner, notification=notification, text="Ny oplysning")
    with pytest.raises(NotificationConflict):
        decision_record(
            actor=intake,
            notification=notification,
            expected_version=shown,
            kind=DecisionKind.EARLY_ADVICE,
            reason="",
        )
    assert not Decision.objects.exists()


# Addenda and the child ----------------------------------------------------------------------------


def test_an_addendum_leaves_the_text_and_moves_the_version(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    addendum_add(actor=intake, notification=notification, text="Ringede igen.")
    addendum_add(actor=intake, notification=notification, text="Og igen.")
    notification.refresh_from_db()
    assert notification.text == "Barnet kommer ofte sultent i skole."
    assert [a.text for a in Addendum.objects.all()] == ["Ringede igen.", "Og igen."]
    assert notification.version == 3


def test_matching_the_child_recounts_repeated_concern(world: World, intake: User) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=60), name="Skolen")
    make_notification(child=world.child, at=FRI - timedelta(days=2), name="Tandplejen")
    notification = make_notification(child=None, at=FRI, name="Politiet")
    assert notification.notifications_in_12_months == 1
    matched = notification_match_child(
        actor=intake, notification=notification, expected_version=1, child=world.child
    )
    assert matched.child == world.child
    assert matched.notifications_in_12_months == 3
    assert matched.notifiers_in_7_days == 2
    assert AuditEvent.objects.filter(event_type="notification.child_matched").exists()


def test_rematching_recounts_the_first_child_too(world: World, intake: User) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=1), name="Skolen")
    wrong = make_notification(child=world.child, at=FRI, name="Politiet")
    first = Notification.objects.get(child=world.child, received_at__lt=FRI)
    assert first.notifications_in_12_months == 1
    notification_match_child(
        actor=intake, notification=wrong, expected_version=wrong.version, child=world.other_child
    )
    wrong.refresh_from_db()
    assert wrong.child == world.other_child
    assert wrong.notifications_in_12_months == 1


def test_matching_on_a_stale_page_is_a_conflict(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    notification_match_child(
        actor=intake, notification=notification, expected_version=1, child=world.child
    )
    with pytest.raises(NotificationConflict) as conflict:
        notification_match_child(
            actor=world.owner,
            notification=notification,
            expected_version=1,
            child=world.other_child,
        )
    assert conflict.value.current.child == world.child


# Receipt and feedback ---------------------------------------------------------------------------


def test_the_receipt_is_sent_once_and_counts_when_the_channel_took_it(
    world: World, intake: User, django_capture_on_commit_callbacks: Capture
) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    with time_machine.travel(FRI + timedelta(days=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            sent = receipt_send(actor=intake, notification=notification, expected_version=1)
        sent.refresh_from_db()
    letter = Letter.objects.for_subject(notification).get()
    assert letter.kind == RECEIPT_KIND
    assert letter.status == LetterStatus.SENT
    # A colleague in the municipality gets it through the municipality's own mailbox, att. her.
    assert letter.recipient_id_type == "CVR"
    assert letter.recipient_attention == world.colleague.get_full_name()
    assert sent.receipt_sent_at == FRI + timedelta(days=1)
    assert AuditEvent.objects.get(event_type="notification.receipt_sent").extra == {
        "on_time": True,
        "letter": letter.pk,
    }
    with pytest.raises(HandlingRefused, match="allerede sendt"):
        receipt_send(actor=intake, notification=sent, expected_version=sent.version)


def test_a_receipt_the_channel_could_not_take_is_not_sent_until_sent_otherwise(
    world: World, intake: User, django_capture_on_commit_callbacks: Capture
) -> None:
    notification = make_notification(child=world.child, at=FRI, name="Lægen", professional=True)
    with django_capture_on_commit_callbacks(execute=True):
        receipt_send(actor=intake, notification=notification, expected_version=1)
    letter = Letter.objects.for_subject(notification).get()
    assert letter.status == LetterStatus.FAILED
    notification.refresh_from_db()
    assert notification.receipt_sent_at is None
    letter_mark_sent_otherwise(
        actor=intake, letter=letter, expected_version=letter.version, note="Sendt med posten"
    )
    notification.refresh_from_db()
    assert notification.receipt_sent_at is not None


def test_two_sending_the_receipt_at_once(world: World, intake: User) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    receipt_send(actor=intake, notification=notification, expected_version=1)
    with pytest.raises(NotificationConflict):
        receipt_send(actor=world.owner, notification=notification, expected_version=1)
    assert Letter.objects.for_subject(notification).count() == 1


def test_anonymous_and_citizens_get_no_receipt(world: World, intake: User) -> None:
    anonymous = make_notification(child=None, at=FRI, anonymous=True, professional=False)
    citizen = make_notification(child=None, at=FRI, name="Nabo", professional=False)
    for notification in (anonymous, citizen):
        with pytest.raises(HandlingRefused, match="Kun fagpersoner"):
            receipt_send(actor=intake, notification=notification, expected_version=1)
    assert not Letter.objects.exists()


def test_feedback_tells_the_outcome_after_the_decision(world: World, intake: User) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    assess(intake, notification)
    notification.refresh_from_db()
    with pytest.raises(HandlingRefused, match="afgørelse"):
        notifier_feedback_record(
            actor=intake, notification=notification, expected_version=notification.version
        )
    decide(intake, notification, DecisionKind.SCREENING_INQUIRY)
    notification.refresh_from_db()
    feedback = notifier_feedback_record(
        actor=intake, notification=notification, expected_version=notification.version
    )
    assert feedback.outcome == DecisionKind.SCREENING_INQUIRY
    assert feedback.sent_by == intake
    letter = Letter.objects.for_subject(notification).get()
    assert letter.kind == "intake.feedback"
    assert bytes(letter.pdf).startswith(b"%PDF")
    notification.refresh_from_db()
    with pytest.raises(HandlingRefused, match="allerede fået besked"):
        notifier_feedback_record(
            actor=intake, notification=notification, expected_version=notification.version
        )
    assert NotifierFeedback.objects.count() == 1


def test_anonymous_gets_no_feedback(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, anonymous=True, professional=False)
    assess(intake, notification)
    decide(intake, notification, DecisionKind.EARLY_ADVICE)
    notification.refresh_from_db()
    with pytest.raises(HandlingRefused, match="Kun fagpersoner"):
        notifier_feedback_record(
            actor=intake, notification=notification, expected_version=notification.version
        )


# Repeated concern ---------------------------------------------------------------------------------


def test_pattern_review_is_recorded_for_the_child(world: World, intake: User) -> None:
    notification = make_notification(child=world.child, at=FRI, name="Skolen")
    review = pattern_review_record(
        actor=intake, notification=notification, expected_version=1, note="Set samlet."
    )
    assert review.child == world.child
    assert review.reviewed_by == intake
    with pytest.raises(NotificationConflict):
        pattern_review_record(
            actor=world.owner, notification=notification, expected_version=1, note="Også set."
        )
    assert PatternReview.objects.count() == 1


def test_pattern_review_needs_the_child(world: World, intake: User) -> None:
    notification = make_notification(child=None, at=FRI, name="Skolen")
    with pytest.raises(HandlingRefused, match="Find barnet"):
        pattern_review_record(
            actor=intake, notification=notification, expected_version=1, note="Set samlet."
        )
