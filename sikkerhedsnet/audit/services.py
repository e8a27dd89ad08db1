from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from sikkerhedsnet.audit.models import AccessLog, AuditEvent

if TYPE_CHECKING:
    from sikkerhedsnet.people.models import Child, Unit, User


@transaction.atomic
def access_log_record(
    *, user: User, child: Child, shown: str, basis: str, channel: str = "web"
) -> AccessLog:
    return AccessLog.objects.create(
        user=user, child=child, shown=shown[:100], basis=basis[:200], channel=channel
    )


def access_log_record_unit(
    *, user: User, unit: Unit, shown: str, basis: str, channel: str = "web"
) -> AccessLog:
    """A list of a unit's children was shown (names and masked CPR, no record details)."""
    return AccessLog.objects.create(
        user=user, unit=unit, shown=shown[:100], basis=basis[:200], channel=channel
    )


def audit_event_record(
    *,
    actor: User | None,
    event_type: str,
    subject: models.Model | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record a change; callers are services already inside their own atomic block."""
    return AuditEvent.objects.create(
        actor=actor,
        event_type=event_type,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        extra=extra or {},
    )
