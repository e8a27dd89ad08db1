"""Joint positions as a unit's staff may see them, and the parents' consent that decides it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from sikkerhedsnet.people.models import Child, Unit
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import Instrument, Screening, SharingConsent

RECENT_POSITIONS = 3


def consent_in_force(*, day: date | None = None) -> Exists:
    """The parents' consent that earlier positions follow the child (OuterRef "child_id")."""
    day = day or timezone.localdate()
    return Exists(
        SharingConsent.objects.filter(child_id=OuterRef("child_id"), given_on__lte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        )
    )


def positions_seen_from(*, unit: Unit) -> QuerySet[Screening]:
    """Joint positions a unit's staff may see: their own, and earlier units' with consent."""
    return Screening.objects.filter(instrument=Instrument.TRAFFIC_LIGHT).filter(
        Q(unit=unit) | consent_in_force()
    )


def recent_positions(
    *, child_ids: list[int], unit: Unit, limit: int = RECENT_POSITIONS
) -> dict[int, list[Screening]]:
    """The last `limit` joint positions per child, newest first, as seen from `unit`."""
    ranked = (
        positions_seen_from(unit=unit)
        .filter(child_id__in=child_ids)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("child_id"), order_by=F("round_deadline").desc()
            )
        )
        .filter(rank__lte=limit)
        .order_by("child_id", "rank")
    )
    found: dict[int, list[Screening]] = defaultdict(list)
    for screening in ranked:
        found[screening.child_id].append(screening)
    return found


def joint_in_round(*, child: Child, deadline: date) -> Screening | None:
    return (
        Screening.objects.filter(
            child=child, round_deadline=deadline, instrument=Instrument.TRAFFIC_LIGHT
        )
        .select_related("recorded_by")
        .first()
    )


def positions_allowed(unit: Unit) -> bool:
    """Traffic-light positions belong to the screened kinds of unit (daycare, school)."""
    return unit.kind in get_policy().screened_unit_kinds
