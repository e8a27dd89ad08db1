"""The safety-net rules for notifications (DESIGN §4): nothing waits unseen.

The 24-hour assessment (Barnets Lov § 137) is the one deadline counted in hours: its rows carry
the moment it passed ("overdue_since") and head every worklist (`urgent`). The decision's
deadline is policy, counted from the moment of receipt; the receipt's is kept on its last day.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.intake.models import COPENHAGEN, Notification, PatternReview, Status
from sikkerhedsnet.intake.selectors import notifications_count_text, notifiers_count_text
from sikkerhedsnet.lib.dates import Moment, instant, local_day, local_text
from sikkerhedsnet.lib.worklist import NO_ID, Facts, Rule
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.policy import get_policy

INTAKE = frozenset({Role.INTAKE})


def _rows(notifications: QuerySet[Notification], *facts: str) -> QuerySet[Any, Facts]:
    found: QuerySet[Any, Facts] = notifications.values("child_id", "reference", *facts).annotate(
        unit_id=NO_ID, user_id=NO_ID, notification_id=F("pk")
    )
    return found


def _not_assessed(at: Moment) -> QuerySet[Any, Facts]:
    overdue = Notification.objects.filter(status=Status.RECEIVED, assessment_due_at__lt=instant(at))
    found: QuerySet[Any, Facts] = _rows(overdue, "received_at", "assessment_due_at").annotate(
        since=TruncDate("assessment_due_at", tzinfo=COPENHAGEN),
        overdue_since=F("assessment_due_at"),
    )
    return found


def _receipt_overdue(at: Moment) -> QuerySet[Any, Facts]:
    overdue = Notification.objects.filter(
        receipt_due_on__lt=local_day(at), receipt_sent_at__isnull=True
    )
    found: QuerySet[Any, Facts] = _rows(overdue, "receipt_due_on").annotate(
        since=F("receipt_due_on")
    )
    return found


def _repeated_not_looked_at(at: Moment) -> QuerySet[Any, Facts]:
    policy = get_policy()
    reviewed = PatternReview.objects.filter(
        child_id=OuterRef("child_id"), reviewed_at__gte=OuterRef("received_at")
    )
    repeated = Notification.objects.filter(
        Q(notifications_in_12_months__gte=policy.repeated_notifications_count)
        | Q(notifiers_in_7_days__gte=policy.different_notifiers_count),
        child__isnull=False,
        received_at__lte=instant(at),
    ).filter(~Exists(reviewed))
    found: QuerySet[Any, Facts] = _rows(
        repeated, "notifications_in_12_months", "notifiers_in_7_days"
    ).annotate(since=TruncDate("received_at", tzinfo=COPENHAGEN))
    return found


def _no_decision(at: Moment) -> QuerySet[Any, Facts]:
    days = get_policy().notification_decision_days
    waiting = Notification.objects.exclude(status=Status.DECIDED).filter(
        received_at__lt=instant(at) - timedelta(days=days)
    )
    found: QuerySet[Any, Facts] = _rows(waiting, "received_at").annotate(
        since=TruncDate("received_at", tzinfo=COPENHAGEN), decision_days=Value(days)
    )
    return found


def _local(row: dict[str, Any]) -> dict[str, Any]:
    """The moments the explanation names in Danish time; "overdue_since" stays a moment."""
    local = {
        key: local_text(value)
        for key, value in row.items()
        if isinstance(value, datetime) and key != "overdue_since"
    }
    return {**row, **local}


def _receipt_facts(row: dict[str, Any]) -> dict[str, Any]:
    # Kept on its last day: the gap begins the day after.
    return {**row, "since": row["receipt_due_on"] + timedelta(days=1)}


def _decision_facts(row: dict[str, Any]) -> dict[str, Any]:
    overdue_since = row["received_at"] + timedelta(days=row["decision_days"])
    return {**_local(row), "overdue_since": overdue_since}


def _repeated_facts(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "notifications": notifications_count_text(row["notifications_in_12_months"]),
        "notifiers": notifiers_count_text(row["notifiers_in_7_days"]),
    }


NOTIFICATION_NOT_ASSESSED = Rule(
    code="notification_not_assessed",
    title=_("Underretning uden vurdering inden for 24 timer"),
    explanation=_(
        "Underretning %(reference)s blev modtaget %(received_at)s og skulle være vurderet "
        "senest %(assessment_due_at)s."
    ),
    who_acts=_("Visitationen"),
    find=_not_assessed,
    decorate=_local,
    audience_roles=INTAKE,
    urgent=True,
)

RECEIPT_OVERDUE = Rule(
    code="receipt_overdue",
    title=_("Kvittering til underretteren mangler"),
    explanation=_(
        "Fagpersonen bag underretning %(reference)s skulle have haft en kvittering senest "
        "%(receipt_due_on)s."
    ),
    who_acts=_("Visitationen"),
    find=_receipt_overdue,
    decorate=_receipt_facts,
    audience_roles=INTAKE,
)

REPEATED_CONCERN_NOT_LOOKED_AT = Rule(
    code="repeated_concern_not_looked_at",
    title=_("Gentagen bekymring, som ikke er set samlet"),
    explanation=_(
        "Med underretning %(reference)s har barnet %(notifications)s og %(notifiers)s. "
        "Underretningerne er ikke vurderet samlet."
    ),
    who_acts=_("Visitationen"),
    find=_repeated_not_looked_at,
    decorate=_repeated_facts,
    audience_roles=INTAKE,
    # A pattern to read together, not a deadline: due from the notification that made it.
    names_deadline=False,
)

NOTIFICATION_WITHOUT_DECISION = Rule(
    code="notification_without_decision",
    title=_("Underretning uden afgørelse"),
    explanation=_(
        "Underretning %(reference)s blev modtaget %(received_at)s og har ikke fået en "
        "afgørelse efter %(decision_days)s dage."
    ),
    who_acts=_("Visitationen"),
    find=_no_decision,
    decorate=_decision_facts,
    audience_roles=INTAKE,
)


def notified_since() -> Exists:
    """Intake's answer to the escalation hook: a notification about the child (OuterRef child_id)
    on or after the Danish day in OuterRef "concern_since" counts as escalated, so "yellow or red
    two rounds in a row" stays quiet."""
    received_day = TruncDate("received_at", tzinfo=COPENHAGEN, output_field=DateField())
    return Exists(
        Notification.objects.annotate(received_day=received_day).filter(
            child_id=OuterRef("child_id"), received_day__gte=OuterRef("concern_since")
        )
    )
