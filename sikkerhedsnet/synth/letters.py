"""The demo's letters: receipts intake owes professional notifiers, sent the way intake sends them.

The generator writes history as rows (pipeline.py), without letters. A demo should show the
outgoing-letter mechanism at work, so the demo command sends the receipts still owed for the
newest professional notifications through intake's own service: each becomes a PDF, a letter
row and, after commit, a MeMo message in the outbox (SIKKERHEDSNET_POST_OUTBOX).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef

from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.intake.services.handling import RECEIPT_KIND, receipt_send
from sikkerhedsnet.people.models import User
from sikkerhedsnet.post.models import Letter

DEMO_RECEIPTS = 12


def receipts_owed() -> list[Notification]:
    """The newest professional notifications from the municipality's own staff without receipt."""
    letter = Letter.objects.filter(
        kind=RECEIPT_KIND, subject_type="intake.notification", subject_id=OuterRef("pk")
    )
    return list(
        Notification.objects.filter(
            is_professional=True,
            is_anonymous=False,
            notifier_user__isnull=False,
            receipt_sent_at__isnull=True,
        )
        .exclude(Exists(letter))
        .order_by("-received_at")[:DEMO_RECEIPTS]
    )


def demo_receipts_send(*, actor: User) -> int:
    """Send the receipts owed, as `actor` (the demo's visitation login), on the demo's first
    start only (a restart sends nothing); returns how many."""
    if Letter.objects.exists():
        return 0
    owed = receipts_owed()
    for notification in owed:
        # One transaction each, as a worker clicking "Send kvittering": each letter is handed to
        # the channel when its own transaction commits.
        with transaction.atomic():
            receipt_send(
                actor=actor, notification=notification, expected_version=notification.version
            )
    return len(owed)
