"""Handling a notification: the 24-hour assessment, the decision, addenda, the child, receipts.

Two intake workers may have the same notification open. Every change carries the version the
worker's page showed and is a compare-and-set on Notification.version (lib.versions): the second
writer gets a NotificationConflict naming what is there now, and nothing of hers is saved over
the first's; the history row that keeps every status change is written in the same transaction.
A decision is offered to the areas above intake (plug-in kind "notification_decided"): cases
opens the child's case for a full child assessment, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.intake.models import (
    COPENHAGEN,
    Addendum,
    Decision,
    DecisionKind,
    Notification,
    NotifierFeedback,
    PatternReview,
    Status,
    UrgentAssessment,
)
from sikkerhedsnet.intake.services.letters import (
    feedback_letter,
    notifier_recipient,
    receipt_letter,
)
from sikkerhedsnet.intake.services.receiving import repeated_concern_refresh
from sikkerhedsnet.lib import versions
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.letters import Letter as PdfLetter
from sikkerhedsnet.lib.plugins import load_callables
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.services import letter_send

NO_ACTION_NEEDS_REASON = gettext_lazy(
    "Skriv en begrundelse, når underretningen ikke skal føre til yderligere handling."
)


class NotificationConflict(Conflict):
    """A colleague changed the notification after the page showed `expected_version`."""

    current: Notification


class HandlingRefused(Refused):
    """The change does not fit the notification's state; the message is shown as it is."""


def _now() -> datetime:
    return timezone.now()


# The notification is fetched with its child: the rules and the decision's hook read it.
WITH_CHILD = ("child",)


def _compare_and_set(
    *, actor: User, notification: Notification, expected_version: int, **changes: Any
) -> Notification:
    """Apply `changes` only if nobody has changed the notification since `expected_version`."""
    return versions.compare_and_set(
        Notification,
        pk=notification.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=NotificationConflict,
        related=WITH_CHILD,
        **changes,
    )


def _check_version(notification: Notification, expected_version: int) -> Notification:
    """The current row; a conflict before any rule is checked, so the message fits the race."""
    return versions.check_version(
        notification, expected_version, conflict=NotificationConflict, related=WITH_CHILD
    )


# The 24-hour assessment -------------------------------------------------------------------------


@transaction.atomic
def urgent_assessment_record(
    *,
    actor: User,
    notification: Notification,
    expected_version: int,
    danger_to_health_or_development: bool,
    acute_help_needed: bool,
    note: str,
) -> UrgentAssessment:
    current = _check_version(notification, expected_version)
    if current.status != Status.RECEIVED:
        raise HandlingRefused(_("Underretningen er allerede vurderet. Den kan ikke vurderes igen."))
    current = _compare_and_set(
        actor=actor,
        notification=current,
        expected_version=expected_version,
        status=Status.ASSESSED,
    )
    assessment = UrgentAssessment.objects.create(
        notification=current,
        danger_to_health_or_development=danger_to_health_or_development,
        acute_help_needed=acute_help_needed,
        note=note,
        assessed_by=actor,
        assessed_at=_now(),
    )
    audit_event_record(
        actor=actor,
        event_type="notification.assessed",
        subject=current,
        extra={
            "danger": danger_to_health_or_development,
            "acute_help": acute_help_needed,
            "within_deadline": assessment.assessed_at <= current.assessment_due_at,
        },
    )
    return assessment


# The decision -------------------------------------------------------------------------------------


def decision_refusal(notification: Notification, kind: str, reason: str) -> str | None:
    """Why this decision cannot be made now, or None. The form asks the same before posting."""
    if notification.status == Status.RECEIVED:
        return _("Underretningen skal vurderes, før der kan træffes en afgørelse.")
    if notification.status == Status.DECIDED:
        return _("Der er allerede truffet en afgørelse om underretningen.")
    if kind == DecisionKind.NO_ACTION and not reason.strip():
        return str(NO_ACTION_NEEDS_REASON)
    if kind == DecisionKind.CHILD_ASSESSMENT and notification.child_id is None:
        return _(
            "En børnefaglig undersøgelse kræver, at barnet er fundet. Find barnet ud fra "
            "CPR-nummeret først."
        )
    return None


@transaction.atomic
def decision_record(
    *,
    actor: User,
    notification: Notification,
    expected_version: int,
    kind: DecisionKind,
    reason: str,
) -> Decision:
    """Decide, and tell the areas above (a full child assessment opens the child's case)."""
    current = _check_version(notification, expected_version)
    refusal = decision_refusal(current, kind, reason)
    if refusal:
        raise HandlingRefused(refusal)
    current = _compare_and_set(
        actor=actor, notification=current, expected_version=expected_version, status=Status.DECIDED
    )
    decision = Decision.objects.create(
        notification=current,
        kind=kind,
        reason=reason.strip(),
        decided_by=actor,
        decided_at=_now(),
    )
    audit_event_record(
        actor=actor, event_type="notification.decided", subject=current, extra={"kind": kind}
    )
    for decided in load_callables("notification_decided"):
        decided(actor=actor, notification=current, decision=decision)
    return decision


# Addenda and the child ----------------------------------------------------------------------------


@transaction.atomic
def addendum_add(*, actor: User, notification: Notification, text: str) -> Addendum:
    """Add to the notification; the original is never edited.

    No expected version: an addendum overwrites nothing, so two can always both be added. It
    does move the version on, so that a colleague assessing on the old text learns that there
    is more to read before her assessment is saved.
    """
    addendum = Addendum.objects.create(notification=notification, text=text, added_by=actor)
    current = versions.bump(notification, actor=actor, related=WITH_CHILD)
    audit_event_record(
        actor=actor,
        event_type="notification.addendum_added",
        subject=current,
        extra={"addendum": addendum.pk},
    )
    return addendum


@transaction.atomic
def notification_match_child(
    *, actor: User, notification: Notification, expected_version: int, child: Child
) -> Notification:
    """Name the child the notification is about (found by CPR) and recount repeated concern."""
    current = _check_version(notification, expected_version)
    if current.status == Status.DECIDED:
        raise HandlingRefused(_("Underretningen er afgjort; barnet kan ikke længere ændres."))
    previous_child_id = current.child_id
    current = _compare_and_set(
        actor=actor, notification=current, expected_version=expected_version, child=child
    )
    repeated_concern_refresh(child_id=child.pk)
    if previous_child_id is not None and previous_child_id != child.pk:
        repeated_concern_refresh(child_id=previous_child_id)
    audit_event_record(
        actor=actor,
        event_type="notification.child_matched",
        subject=current,
        extra={"child": child.pk, "previous_child": previous_child_id},
    )
    current.refresh_from_db()
    return current


# Receipt and feedback to the professional notifier ------------------------------------------------


RECEIPT_KIND = "intake.receipt"
FEEDBACK_KIND = "intake.feedback"


def receipt_refusal(notification: Notification) -> str | None:
    if not notification.gets_receipt:
        return _("Kun fagpersoner, der har givet deres navn, får en kvittering for underretningen.")
    if Letter.objects.for_subject(notification).filter(kind=RECEIPT_KIND).exists():
        return _("Kvitteringen er allerede sendt.")
    return None


@transaction.atomic
def receipt_send(*, actor: User, notification: Notification, expected_version: int) -> Notification:
    """Send the professional notifier her receipt (Barnets Lov §§ 136–137, the handling of a
    notification: a receipt within 6 working days).

    The letter is written now and handed to the delivery channel after commit; the receipt
    counts as sent (`receipt_sent_at`, the deadline rule) when the channel has taken it
    (`receipt_delivered`), or when intake records that it went another way.
    """
    current = _check_version(notification, expected_version)
    refusal = receipt_refusal(current)
    if refusal:
        raise HandlingRefused(refusal)
    # Moving the version on makes two colleagues' clicks one receipt, not two.
    current = _compare_and_set(actor=actor, notification=current, expected_version=expected_version)
    _send(actor, current, RECEIPT_KIND, receipt_letter(current))
    audit_event_record(actor=actor, event_type="notification.receipt_written", subject=current)
    return current


def _send(actor: User, notification: Notification, kind: str, letter: PdfLetter) -> None:
    letter_send(
        actor=actor,
        kind=kind,
        title=letter.title,
        html=letter.html,
        recipient=notifier_recipient(notification),
        subject=notification,
        child=notification.child,
    )


def receipt_delivered(letter: Letter) -> None:
    """A receipt the channel took (or intake sent another way): the notification's receipt is
    sent then. Listed under "letter_delivered"; runs inside the delivery's transaction."""
    if letter.kind != RECEIPT_KIND or letter.sent_at is None:
        return
    marked = Notification.objects.filter(pk=letter.subject_id, receipt_sent_at__isnull=True).update(
        receipt_sent_at=letter.sent_at
    )
    if not marked:
        return
    notification = versions.bump(Notification.objects.get(pk=letter.subject_id), actor=None)
    sent_on = timezone.localdate(letter.sent_at, COPENHAGEN)
    on_time = notification.receipt_due_on is not None and sent_on <= notification.receipt_due_on
    audit_event_record(
        actor=None,
        event_type="notification.receipt_sent",
        subject=notification,
        extra={"on_time": on_time, "letter": letter.pk},
    )


def feedback_refusal(notification: Notification) -> str | None:
    if not notification.gets_receipt:
        return _("Kun fagpersoner, der har givet deres navn, får besked om udfaldet.")
    if notification.status != Status.DECIDED:
        return _("Underretteren kan først få besked, når der er truffet en afgørelse.")
    if notification.feedback.exists():
        return _("Underretteren har allerede fået besked om udfaldet.")
    return None


@transaction.atomic
def notifier_feedback_record(
    *, actor: User, notification: Notification, expected_version: int
) -> NotifierFeedback:
    """Tell the professional notifier the outcome (the decision's kind), by letter
    (Barnets Lov §§ 136–137: whether it led to an inquiry or a measure, nothing more)."""
    current = _check_version(notification, expected_version)
    refusal = feedback_refusal(current)
    if refusal:
        raise HandlingRefused(refusal)
    # Moving the version on makes two colleagues' clicks one letter, not two.
    current = _compare_and_set(actor=actor, notification=current, expected_version=expected_version)
    feedback = NotifierFeedback.objects.create(
        notification=current,
        outcome=current.decision.kind,
        sent_at=_now(),
        sent_by=actor,
    )
    _send(actor, current, FEEDBACK_KIND, feedback_letter(current, outcome=feedback.outcome))
    audit_event_record(
        actor=actor,
        event_type="notification.feedback_sent",
        subject=current,
        extra={"outcome": feedback.outcome},
    )
    return feedback


# Repeated concern -------------------------------------------------------------------------------


@transaction.atomic
def pattern_review_record(
    *, actor: User, notification: Notification, expected_version: int, note: str
) -> PatternReview:
    """Intake has read the child's notifications together; the safety-net flag then goes."""
    current = _check_version(notification, expected_version)
    if current.child is None:
        raise HandlingRefused(_("Find barnet, før underretningerne kan vurderes samlet."))
    child = current.child
    current = _compare_and_set(actor=actor, notification=current, expected_version=expected_version)
    review = PatternReview.objects.create(
        child=child, reviewed_at=_now(), reviewed_by=actor, note=note
    )
    audit_event_record(
        actor=actor,
        event_type="notification.pattern_reviewed",
        subject=current,
        extra={"child": child.pk, "review": review.pk},
    )
    return review
