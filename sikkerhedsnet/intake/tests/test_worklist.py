from datetime import datetime, timedelta

from django.utils import timezone

from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import Decision, PatternReview, Status, UrgentAssessment
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.safetynet.selectors import flags_for_user

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)
SAT_1600 = datetime(2026, 11, 21, 16, 0, tzinfo=CPH)


def refs(code: str, at: datetime) -> set[str]:
    return {row["reference"] for row in worklist_rule(code).find(at)}


def test_not_assessed_is_quiet_until_the_24_hours_have_passed(world: World) -> None:
    n = make_notification(child=world.child, at=FRI, user=world.colleague)
    assert n.reference not in refs("notification_not_assessed", SAT_1600)
    assert n.reference in refs("notification_not_assessed", SAT_1600 + timedelta(seconds=1))


def test_an_assessment_ends_it(world: World) -> None:
    n = make_notification(child=world.child, at=FRI, user=world.colleague)
    UrgentAssessment.objects.create(
        notification=n,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
        assessed_by=world.role_users["intake"],
        assessed_at=FRI + timedelta(hours=2),
    )
    n.status = Status.ASSESSED
    n.save()
    assert n.reference not in refs("notification_not_assessed", SAT_1600 + timedelta(days=3))


def test_receipt_overdue_the_day_after_the_sixth_working_day(world: World) -> None:
    n = make_notification(child=world.child, at=FRI, user=world.colleague)  # due Monday 30.11
    assert n.reference not in refs("receipt_overdue", datetime(2026, 11, 30, 23, 0, tzinfo=CPH))
    assert n.reference in refs("receipt_overdue", datetime(2026, 12, 1, 8, 0, tzinfo=CPH))
    n.receipt_sent_at = timezone.now()
    n.save()
    assert n.reference not in refs("receipt_overdue", datetime(2026, 12, 1, 8, 0, tzinfo=CPH))


def test_repeated_concern_until_intake_has_looked_at_it(world: World) -> None:
    make_notification(child=world.child, at=FRI - timedelta(days=3), name="Skolen")
    n = make_notification(child=world.child, at=FRI, name="Politiet")
    assert n.reference in refs("repeated_concern_not_looked_at", SAT_1600)
    PatternReview.objects.create(
        child=world.child,
        reviewed_at=FRI + timedelta(hours=1),
        reviewed_by=world.role_users["intake"],
        note="Set samlet; afdækning.",
    )
    assert refs("repeated_concern_not_looked_at", SAT_1600) == set()


def test_no_decision_after_the_policy_days(world: World) -> None:
    n = make_notification(child=world.child, at=FRI, user=world.colleague)
    assert n.reference not in refs("notification_without_decision", FRI + timedelta(days=7))
    later = FRI + timedelta(days=7, seconds=1)
    assert n.reference in refs("notification_without_decision", later)
    Decision.objects.create(
        notification=n,
        kind="early_advice",
        decided_by=world.role_users["intake"],
        decided_at=FRI + timedelta(days=1),
    )
    n.status = Status.DECIDED
    n.save()
    assert n.reference not in refs("notification_without_decision", later)


def test_intake_sees_every_notification_flag_even_without_a_child(world: World) -> None:
    make_notification(child=None, at=FRI, anonymous=True, professional=False)
    make_notification(child=world.child, at=FRI, user=world.colleague)
    flags = flags_for_user(user=world.role_users["intake"], at=SAT_1600 + timedelta(hours=1))
    assert len([f for f in flags if f.rule.code == "notification_not_assessed"]) == 2


def test_unit_staff_do_not_get_intakes_flags(world: World) -> None:
    make_notification(child=world.child, at=FRI, user=world.colleague)
    flags = flags_for_user(user=world.owner, at=SAT_1600 + timedelta(hours=1))
    assert all(flag.rule.code != "notification_not_assessed" for flag in flags)
