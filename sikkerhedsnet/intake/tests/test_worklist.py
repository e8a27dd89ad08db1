from datetime import date, datetime, timedelta

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


def test_repeated_concern_counts_read_in_the_right_number(world: World) -> None:
    # Three notifications in a year from the same school: one notifier in the 7 days.
    for days_ago in (200, 100, 0):
        make_notification(child=world.child, at=FRI - timedelta(days=days_ago), name="Skolen")
    rule = worklist_rule("repeated_concern_not_looked_at")
    (row,) = [rule.present(found) for found in rule.find(SAT_1600)]
    assert rule.explain(row).startswith(
        f"Med underretning {row['reference']} har barnet 3 underretninger på 12 måneder og "
        "1 forskellig underretter på 7 dage."
    )


def test_the_24_hour_rule_heads_the_list_from_the_moment_it_passed(world: World) -> None:
    n = make_notification(child=None, at=FRI, name="Skolen")
    rule = worklist_rule("notification_not_assessed")
    (found,) = rule.find(SAT_1600 + timedelta(minutes=5))
    row = rule.row(found)
    assert rule.urgent
    assert row["overdue_since"] == n.assessment_due_at == SAT_1600


def test_the_receipt_and_the_decision_are_overdue_from_when_they_ran_out(world: World) -> None:
    make_notification(child=world.child, at=FRI, user=world.colleague)  # receipt due 30.11
    at = datetime(2026, 12, 1, 8, 0, tzinfo=CPH)
    receipt = worklist_rule("receipt_overdue")
    decision = worklist_rule("notification_without_decision")
    (receipt_row,) = [receipt.row(found) for found in receipt.find(at)]
    (decision_row,) = [decision.row(found) for found in decision.find(at)]
    assert receipt_row["overdue_since"] == datetime(2026, 12, 1, 0, 0, tzinfo=CPH)
    assert decision_row["overdue_since"] == FRI + timedelta(days=7)
    assert receipt_row["since"] == date(2026, 12, 1)  # the first day of the gap, as elsewhere
