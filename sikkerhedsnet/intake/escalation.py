"""Intake's part of the escalation hook: a notification about the child counts as escalated.

The rule "yellow or red two rounds in a row" stays quiet for a child about whom intake received
a notification on or after the Danish day in OuterRef "concern_since".
"""

from __future__ import annotations

from django.db.models import DateField, Exists, OuterRef
from django.db.models.functions import TruncDate

from sikkerhedsnet.intake.models import COPENHAGEN, Notification
from sikkerhedsnet.safetynet.hooks import escalation_sources


def notified_since() -> Exists:
    received_day = TruncDate("received_at", tzinfo=COPENHAGEN, output_field=DateField())
    return Exists(
        Notification.objects.annotate(received_day=received_day).filter(
            child_id=OuterRef("child_id"), received_day__gte=OuterRef("concern_since")
        )
    )


escalation_sources.append(notified_since)
