"""Reads for intake: the queue with its 24-hour clocks, and what a notification's page shows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Case as SqlCase
from django.db.models import F, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.intake.models import (
    Addendum,
    Notification,
    PatternReview,
    Status,
)
from sikkerhedsnet.intake.services.receiving import ChildGiven
from sikkerhedsnet.people.access import today, user_unit_ids
from sikkerhedsnet.people.models import Child, Enrolment, Unit, User, current_on
from sikkerhedsnet.policy import get_policy

if TYPE_CHECKING:
    from sikkerhedsnet.intake.forms.receiving import ChildDescribed

QUEUE_PAGE_SIZE = 50
OTHER_NOTIFICATIONS_SHOWN = 20
OPEN = (Status.RECEIVED, Status.ASSESSED)


# The clock ----------------------------------------------------------------------------------------


def duration_text(delta: timedelta, *, round_up: bool) -> str:
    """Whole minutes as "13 t 20 min"; from two days on as "2 døgn 3 t 5 min".

    Time left is rounded down and time overdue up, so the clock never makes a deadline look
    further away than it is. Under two days it counts hours, as the 24-hour rule does.
    """
    seconds = max(delta.total_seconds(), 0)
    minutes = math.ceil(seconds / 60) if round_up else math.floor(seconds / 60)
    days, rest = divmod(minutes, 24 * 60) if minutes >= 48 * 60 else (0, minutes)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d døgn", "%(n)d døgn", days) % {"n": days})
    if days or hours:
        parts.append(_("%(n)d t") % {"n": hours})
    parts.append(_("%(n)d min") % {"n": mins})
    return " ".join(parts)


@dataclass(frozen=True)
class Clock:
    """The 24-hour clock as words, so that it never depends on colour alone."""

    text: str
    overdue: bool
    stopped: bool  # assessed: the clock no longer runs


def assessment_clock(notification: Notification, now: datetime) -> Clock:
    due = notification.assessment_due_at
    assessment = getattr(notification, "urgent_assessment", None)
    if notification.status != Status.RECEIVED and assessment is not None:
        late = assessment.assessed_at - due
        if late <= timedelta(0):
            return Clock(_("vurderet inden for fristen"), overdue=False, stopped=True)
        text = _("vurderet %(late)s efter fristen") % {"late": duration_text(late, round_up=True)}
        return Clock(text, overdue=True, stopped=True)
    if now <= due:
        left = duration_text(due - now, round_up=False)
        return Clock(_("%(left)s tilbage") % {"left": left}, overdue=False, stopped=False)
    over = duration_text(now - due, round_up=True)
    return Clock(_("overskredet med %(over)s") % {"over": over}, overdue=True, stopped=False)


def status_text(notification: Notification, clock: Clock) -> str:
    """The status as it is: an assessment made after the 24 hours says so, beside the clock."""
    if notification.status == Status.ASSESSED and clock.stopped and clock.overdue:
        return _("Vurderet efter fristen")
    return notification.get_status_display()


# Repeated concern ---------------------------------------------------------------------------------


def notifications_count_text(count: int) -> str:
    """The child's notifications in the policy's months: "3 underretninger på 12 måneder"."""
    months = get_policy().repeated_notifications_months
    period = ngettext("%(n)d måned", "%(n)d måneder", months) % {"n": months}
    text = ngettext(
        "%(count)d underretning på %(period)s", "%(count)d underretninger på %(period)s", count
    )
    return text % {"count": count, "period": period}


def notifiers_count_text(count: int) -> str:
    """Different notifiers in the policy's days: "2 forskellige underrettere på 7 dage"."""
    days = get_policy().different_notifiers_days
    period = ngettext("%(n)d dag", "%(n)d dage", days) % {"n": days}
    text = ngettext(
        "%(count)d forskellig underretter på %(period)s",
        "%(count)d forskellige underrettere på %(period)s",
        count,
    )
    return text % {"count": count, "period": period}


def concern_flags(notification: Notification) -> list[str]:
    """The repeated-concern flags, from the counts stored at receipt against today's policy."""
    if notification.child_id is None:
        return []
    policy = get_policy()
    flags = []
    if notification.notifications_in_12_months >= policy.repeated_notifications_count:
        flags.append(notifications_count_text(notification.notifications_in_12_months))
    if notification.notifiers_in_7_days >= policy.different_notifiers_count:
        flags.append(notifiers_count_text(notification.notifiers_in_7_days))
    return flags


# The queue --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    notification: Notification
    clock: Clock
    flags: list[str]
    status: str


def open_queue() -> QuerySet[Notification]:
    """Not yet assessed first, by the 24-hour deadline; then assessed, by receipt.

    Filters on the indexed status; the open notifications are a few hundred at most, so the
    ordering is cheap. One query per page: the child and the assessment come along.
    """
    rank = SqlCase(When(status=Status.RECEIVED, then=Value(0)), default=Value(1))
    due_or_received = SqlCase(
        When(status=Status.RECEIVED, then=F("assessment_due_at")), default=F("received_at")
    )
    return (
        Notification.objects.filter(status__in=OPEN)
        .select_related("child", "urgent_assessment")
        .order_by(rank, due_or_received, "pk")
    )


def decided_queue() -> QuerySet[Notification]:
    """Decided notifications, the latest decision first."""
    return (
        Notification.objects.filter(status=Status.DECIDED)
        .select_related("child", "urgent_assessment", "decision")
        .order_by("-decision__decided_at", "-pk")
    )


def queue_rows(notifications: list[Notification], now: datetime) -> list[QueueRow]:
    rows = []
    for n in notifications:
        clock = assessment_clock(n, now)
        rows.append(QueueRow(n, clock, flags=concern_flags(n), status=status_text(n, clock)))
    return rows


# One notification --------------------------------------------------------------------------------


def notification_record(*, notification_id: int) -> Notification:
    """The notification with what its page shows, in a fixed number of queries."""
    return (
        Notification.objects.select_related(
            "child",
            "notifier_user",
            "registered_by",
            "urgent_assessment__assessed_by",
            "decision__decided_by",
        )
        .prefetch_related(
            Prefetch("addenda", queryset=Addendum.objects.select_related("added_by")),
            "feedback__sent_by",
            "cases",
        )
        .get(pk=notification_id)
    )


def other_notifications_about(*, child: Child, notification: Notification) -> list[Notification]:
    """The child's other notifications, newest first, for reading them together."""
    return list(
        Notification.objects.filter(child=child)
        .exclude(pk=notification.pk)
        .order_by("-received_at")
        .only("pk", "reference", "received_at", "status", "source_kind")[:OTHER_NOTIFICATIONS_SHOWN]
    )


def latest_pattern_review(*, child: Child) -> PatternReview | None:
    return (
        PatternReview.objects.filter(child=child)
        .select_related("reviewed_by")
        .order_by("-reviewed_at")
        .first()
    )


# Who notifies, about whom ------------------------------------------------------------------------


def child_matched(described: ChildDescribed) -> ChildGiven:
    """The child by CPR number when Sikkerhedsnet knows it; otherwise what was told, to match later.

    Nothing about the match is shown to the notifier: the public form must not tell anyone
    whether a CPR number belongs to a child known to the municipality.
    """
    child = Child.objects.filter(cpr=described.cpr).first() if described.cpr else None
    name = described.name if child is not None else described.name_to_store()
    return ChildGiven(child=child, name=name, address=described.address)


def notifier_unit(user: User, child: Child) -> Unit | None:
    """The unit she notifies from: one she shares with the child, else her first unit."""
    day = today()
    unit_ids = user_unit_ids(user, day)
    shared = (
        Enrolment.objects.filter(current_on(day), child=child, unit_id__in=unit_ids)
        .select_related("unit")
        .order_by("unit__name")
        .first()
    )
    if shared is not None:
        return shared.unit
    return Unit.objects.filter(pk__in=unit_ids).order_by("name").first()
