from datetime import datetime, timedelta

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.services.receiving import REFERENCE_ALPHABET, address_key
from sikkerhedsnet.intake.tests.factories import CPH, make_notification

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


def test_it_stores_the_deadlines(world: World) -> None:
    notification = make_notification(child=world.child, at=FRI, user=world.colleague)
    assert notification.assessment_due_at == FRI + timedelta(hours=24)
    assert notification.receipt_due_on is not None
    assert AuditEvent.objects.filter(event_type="notification.received").count() == 1


def test_anonymous_and_citizens_get_no_receipt(world: World) -> None:
    anonymous = make_notification(child=None, at=FRI, anonymous=True, professional=False)
    assert anonymous.receipt_due_on is None
    assert not anonymous.is_professional
    assert anonymous.notifier_name == ""
    assert anonymous.notifier_user is None


def test_the_reference_is_readable_and_unique(world: World) -> None:
    references = {make_notification(child=None, at=FRI, name=f"N{i}").reference for i in range(20)}
    assert len(references) == 20
    for reference in references:
        assert reference.startswith("U2026-")
        assert set(reference[6:].replace("-", "")) <= set(REFERENCE_ALPHABET)


def test_three_in_twelve_months(world: World) -> None:
    first = make_notification(child=world.child, at=FRI - timedelta(days=370), name="A")
    make_notification(child=world.child, at=FRI - timedelta(days=200), name="B")
    third = make_notification(child=world.child, at=FRI, name="C")
    first.refresh_from_db()
    assert first.notifications_in_12_months == 1
    assert third.notifications_in_12_months == 2  # the first is more than 12 months earlier
    fourth = make_notification(child=world.child, at=FRI + timedelta(days=1), name="C")
    assert fourth.notifications_in_12_months == 3


def test_two_different_notifiers_within_seven_days(world: World) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=8), name="Skolen")
    same = make_notification(child=world.child, at=FRI - timedelta(days=2), name="Skolen")
    assert same.notifiers_in_7_days == 1
    other = make_notification(child=world.child, at=FRI, name="Politiet")
    assert other.notifiers_in_7_days == 2


def test_the_same_user_is_one_notifier(world: World) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=1), user=world.colleague)
    again = make_notification(child=world.child, at=FRI, user=world.colleague)
    assert again.notifiers_in_7_days == 1


def test_address_key_is_stable_and_not_the_address() -> None:
    assert address_key("127.0.0.1") == address_key("127.0.0.1") != address_key("127.0.0.2")
    assert "127" not in address_key("127.0.0.1")
