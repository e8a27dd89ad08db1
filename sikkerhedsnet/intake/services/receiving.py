"""Receiving a notification: nothing may be lost, whoever sends it and however it arrives."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.intake.models import (
    Channel,
    DutyGround,
    Notification,
    SourceKind,
    source_kind_for,
)
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.people.models import Child, Unit, User

# No 0/O or 1/I/L: the number is read aloud on the phone and typed from paper.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(received_at: datetime) -> str:
    token = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"U{received_at:%Y}-{token[:4]}-{token[4:]}"


def address_key(address: str) -> str:
    """A keyed hash of the sender's address: enough to rate-limit, useless to identify anyone."""
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Notifier:
    user: User | None = None
    anonymous: bool = False
    name: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""

    def key(self, reference: str) -> str:
        if self.user is not None:
            return f"user:{self.user.pk}"
        if self.anonymous or not self.name:
            return f"anonymous:{reference}"  # each anonymous notifier counts as a new one
        return f"named:{self.name.strip().lower()}|{self.organisation.strip().lower()}"


@dataclass(frozen=True)
class ChildGiven:
    child: Child | None = None
    name: str = ""
    address: str = ""


@transaction.atomic
def notification_receive(
    *,
    channel: Channel,
    source_kind: SourceKind,
    text: str,
    notifier: Notifier,
    about: ChildGiven,
    is_professional: bool,
    duty_ground: DutyGround | str = "",
    urgent: bool = False,
    received_at: datetime | None = None,
    registered_by: User | None = None,
    submitted_from: str = "",
) -> Notification:
    received = received_at or timezone.now()
    notification = Notification(
        received_at=received,
        channel=channel,
        source_kind=source_kind,
        is_professional=is_professional and not notifier.anonymous,
        duty_ground=duty_ground,
        urgent=urgent,
        text=text,
        child=about.child,
        child_name_given=about.name,
        child_address_given=about.address,
        notifier_user=notifier.user,
        is_anonymous=notifier.anonymous,
        notifier_name="" if notifier.anonymous else notifier.name,
        notifier_organisation="" if notifier.anonymous else notifier.organisation,
        notifier_email="" if notifier.anonymous else notifier.email,
        notifier_phone="" if notifier.anonymous else notifier.phone,
        notifier_address="" if notifier.anonymous else notifier.address,
        registered_by=registered_by,
        submitted_from=submitted_from,
    )
    notification.set_deadlines()
    _save_with_unique_reference(notification, notifier)
    if notification.child_id is not None:
        repeated_concern_refresh(child_id=notification.child_id)
        notification.refresh_from_db(fields=["notifications_in_12_months", "notifiers_in_7_days"])
    audit_event_record(
        actor=registered_by or notifier.user,
        event_type="notification.received",
        subject=notification,
        extra={"channel": channel, "source_kind": source_kind},
    )
    return notification


def notification_from_meeting(*, actor: User, child: Child, unit: Unit, text: str) -> Notification:
    """collaboration's hook "meeting_notification": a cross-disciplinary meeting notifies.

    Called inside the transaction that records the item's minutes; `actor` wrote them, for the
    unit that put the child forward, and is the professional notifier.
    """
    return notification_receive(
        channel=Channel.MEETING,
        source_kind=source_kind_for(unit),
        text=text,
        notifier=Notifier(
            user=actor,
            name=actor.get_full_name() or actor.username,
            organisation=unit.name,
            email=actor.email,
        ),
        about=ChildGiven(child=child),
        is_professional=True,
        duty_ground=DutyGround.NEED_OF_SUPPORT,
    )


def _save_with_unique_reference(notification: Notification, notifier: Notifier) -> None:
    for _attempt in range(5):
        notification.reference = new_reference(notification.received_at)
        notification.notifier_key = notifier.key(notification.reference)
        try:
            with transaction.atomic():
                notification.save()
            return
        except IntegrityError:
            if Notification.objects.filter(reference=notification.reference).exists():
                continue
            raise
    raise RuntimeError("no free notification reference after 5 attempts")


def repeated_concern_refresh(*, child_id: int) -> None:
    """Recount, for each of the child's notifications, the repeated-concern figures as of then.

    A child has a handful of notifications, so the counts are made here in Python; the rules
    and the queue then read the stored figures through plain indexed filters.
    """
    repeated_concern_refresh_children(child_ids=[child_id])


# Children per query when many are recounted at once (an import): SQLite's parameter limit.
REFRESH_CHUNK = 5000


def repeated_concern_refresh_children(*, child_ids: Iterable[int]) -> None:
    """`repeated_concern_refresh` for many children with a query and an update per chunk."""
    ids = sorted(set(child_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        rows = list(
            Notification.objects.filter(child_id__in=ids[start : start + REFRESH_CHUNK])
            .order_by("child_id", "received_at")
            .only("pk", "child_id", "received_at", "notifier_key")
        )
        for _child_id, of_child in groupby(rows, key=lambda row: row.child_id):
            repeated_concern_count(list(of_child))
        Notification.objects.bulk_update(
            rows, ["notifications_in_12_months", "notifiers_in_7_days"], batch_size=1000
        )


class ConcernRow(Protocol):
    received_at: datetime
    notifier_key: str
    notifications_in_12_months: int
    notifiers_in_7_days: int


def repeated_concern_count(rows: Sequence[ConcernRow]) -> None:
    """Set the figures on one child's notifications (any order), each as of its own receipt.

    Pure: the generator uses it on its own light rows before they are written, so the rule
    exists once.
    """
    for row in rows:
        year_ago = add_months(row.received_at, -12)
        week_ago = row.received_at - timedelta(days=7)
        row.notifications_in_12_months = sum(
            year_ago < other.received_at <= row.received_at for other in rows
        )
        row.notifiers_in_7_days = len(
            {o.notifier_key for o in rows if week_ago <= o.received_at <= row.received_at}
        )
