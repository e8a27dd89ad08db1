"""The generated notifications: realistic rates and sources, deadlines by the model's rules,
handling mostly in time, repeated concern counted as the service counts it, the same for a seed."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.db import transaction

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.intake.models import (
    COPENHAGEN,
    Decision,
    DecisionKind,
    Notification,
    PatternReview,
    Status,
    UrgentAssessment,
)
from sikkerhedsnet.intake.services.receiving import repeated_concern_refresh_children
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import Child
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.notifications import LATE, PROFESSIONAL_SOURCES, YEARS
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import SMALL, TODAY

CHILDREN = 2000
NOW = datetime.combine(TODAY, time.min, COPENHAGEN)
YEAR = timedelta(days=365)


@pytest.fixture
def municipality(db: None) -> SynthContext:
    return generate(children=CHILDREN, seed=3, today=TODAY)


def test_rates_are_about_11_per_100_children_on_about_7_percent(
    municipality: SynthContext,
) -> None:
    last_year = Notification.objects.filter(received_at__gte=NOW - YEAR)
    assert 0.09 * CHILDREN <= last_year.count() <= 0.13 * CHILDREN
    children = last_year.values("child_id").distinct().count()
    assert 0.06 * CHILDREN <= children <= 0.08 * CHILDREN
    assert Notification.objects.filter(received_at__lt=NOW - YEARS * YEAR).count() == 0
    assert not Notification.objects.filter(received_at__gte=NOW).exists()


def test_sources_come_in_realistic_shares(municipality: SynthContext) -> None:
    shares = _shares(Counter(Notification.objects.values_list("source_kind", flat=True)))
    # Schools and daycares share a third between them by the child's age; health a fifth.
    assert 0.25 <= shares["school"] + shares["daycare"] <= 0.35
    assert 0.15 <= shares["health"] <= 0.28
    assert 0.09 <= shares["police"] <= 0.16
    assert 0.08 <= shares["citizen"] <= 0.16
    assert shares["other"] > 0
    assert shares["family"] > 0


def test_professionals_have_a_duty_ground_and_a_receipt_deadline(
    municipality: SynthContext,
) -> None:
    for n in Notification.objects.all():
        assert n.assessment_due_at == Notification.assessment_due(n.received_at)
        professional = n.source_kind in PROFESSIONAL_SOURCES
        assert n.is_professional == professional
        assert bool(n.duty_ground) == professional
        assert (n.receipt_due_on is not None) == n.gets_receipt
        if n.receipt_due_on is not None:
            assert n.receipt_due_on == Notification.receipt_due(n.received_at)
        assert n.is_anonymous == (n.notifier_key == f"anonymous:{n.reference}")


def test_most_are_handled_in_time_and_a_few_late(municipality: SynthContext) -> None:
    assessments = list(UrgentAssessment.objects.select_related("notification"))
    late = [a for a in assessments if a.assessed_at > a.notification.assessment_due_at]
    assert 0.5 * LATE <= len(late) / len(assessments) <= 2 * LATE
    for decision in Decision.objects.select_related("notification__urgent_assessment"):
        assert decision.decided_at >= decision.notification.urgent_assessment.assessed_at
        assert decision.reason


def test_status_matches_what_has_happened_and_only_recent_ones_are_open(
    municipality: SynthContext,
) -> None:
    rows = Notification.objects.values_list(
        "status", "received_at", "urgent_assessment", "decision"
    )
    for status, received_at, assessment, decision in rows:
        assert (assessment is not None) == (status != Status.RECEIVED)
        assert (decision is not None) == (status == Status.DECIDED)
        if status != Status.DECIDED:
            assert received_at > NOW - timedelta(days=60)
    assert Notification.objects.exclude(status=Status.DECIDED).exists()


def test_a_child_assessment_opens_a_case_for_the_child(municipality: SynthContext) -> None:
    decided = Decision.objects.filter(kind=DecisionKind.CHILD_ASSESSMENT)
    # The measures step opens cases of its own for measures older than the notifications.
    cases = Case.objects.filter(source_notification__isnull=False).select_related(
        "source_notification"
    )
    assert cases.exists()
    assert {case.source_notification_id for case in cases} <= set(
        decided.values_list("notification_id", flat=True)
    )
    for case in cases:
        assert case.source_notification is not None
        assert case.child_id == case.source_notification.child_id
        assert case.became_aware_on <= case.opened_on


def test_repeated_concern_is_counted_as_the_service_counts_it(
    municipality: SynthContext,
) -> None:
    stored = _figures()
    assert any(twelve >= 3 for twelve, _seven in stored.values())
    assert any(seven >= 2 for _twelve, seven in stored.values())
    repeated_concern_refresh_children(child_ids=Child.objects.values_list("pk", flat=True))
    assert _figures() == stored


def test_the_rules_find_only_late_or_open_notifications(municipality: SynthContext) -> None:
    found = {
        code: {row["reference"] for row in worklist_rule(code).find(NOW)}
        for code in (
            "notification_not_assessed",
            "receipt_overdue",
            "notification_without_decision",
            "repeated_concern_not_looked_at",
        )
    }
    assert any(found.values())
    overdue = found["notification_not_assessed"] | found["notification_without_decision"]
    recent = Notification.objects.filter(received_at__gt=NOW - timedelta(days=60))
    assert overdue <= set(recent.values_list("reference", flat=True))
    # Intake has looked at the older repeated concerns; what is left is a small share.
    assert len(found["repeated_concern_not_looked_at"]) < 0.1 * Notification.objects.count()
    assert PatternReview.objects.exists()


def test_the_same_seed_makes_the_same_notifications(db: None) -> None:
    assert _generated(seed=5) == _generated(seed=5) != _generated(seed=6)


class _Undo(Exception):
    pass


def _generated(seed: int) -> list[tuple[Any, ...]]:
    result: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            generate(children=SMALL, seed=seed, today=TODAY)
            result = list(
                Notification.objects.order_by("pk").values_list(
                    "reference", "received_at", "source_kind", "child__cpr", "status"
                )
            )
            raise _Undo
    except _Undo:
        pass
    return result


def _shares(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {kind: count / total for kind, count in counts.items()}


def _figures() -> dict[int, tuple[int, int]]:
    rows = Notification.objects.values_list(
        "pk", "notifications_in_12_months", "notifiers_in_7_days"
    )
    return {pk: (twelve, seven) for pk, twelve, seven in rows}
